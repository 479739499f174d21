package org.lanchat.client.viewmodel;

import org.lanchat.client.i18n.Texts;

/** A number of bytes as people read it: "532 bytes", "1.2 KB", "3.4 MB", "1.1 GB", in the user's language. */
public final class FileSizes {
    private static final long KB = 1024;

    private FileSizes() {
    }

    public static String shown(long bytes) {
        if (bytes < KB) {
            return Texts.text("files.size.bytes", bytes);
        }
        if (bytes < KB * KB) {
            return Texts.text("files.size.kb", oneDecimal(bytes, KB));
        }
        if (bytes < KB * KB * KB) {
            return Texts.text("files.size.mb", oneDecimal(bytes, KB * KB));
        }
        return Texts.text("files.size.gb", oneDecimal(bytes, KB * KB * KB));
    }

    /** "1,234 of 5,678 KB" is too much to read beside a bar: both sizes in their own units. */
    public static String progress(long done, long total) {
        return Texts.text("files.progress", shown(done), shown(total));
    }

    /**
     * One decimal in the language's own digits and point, rounded down so that a file a byte short of 2 MB never shows
     * as "2.0 MB".
     */
    private static String oneDecimal(long bytes, long unit) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(Texts.locale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(Math.floor(bytes * 10.0 / unit) / 10.0);
    }
}
