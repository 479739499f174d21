package org.lanchat.client.cli;

import java.util.Locale;

/**
 * Colleagues' text as the terminal is to show it: the characters that are invisible yet change what the rest looks like
 * are written out as {@code <U+202E>}. The appliance refuses them in names and status texts, but message text and file
 * names may carry them (PROTOCOL.md §3.3), and a terminal that applies the bidirectional algorithm would otherwise show
 * {@code report<U+202E>fdp.exe} as "reportexe.pdf". (The desktop client shows a file by the name it would be saved
 * under, {@link org.lanchat.client.core.FileNames#safe}, where such characters are already replaced; a message's text
 * there stays within its own bubble.)
 */
final class Invisibles {
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private Invisibles() {
    }

    static String visible(String text) {
        if (text == null || text.codePoints().noneMatch(Invisibles::suspect)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        boolean inFlag = false; // tag characters after a black flag spell a subdivision flag (🏴 England): keep them
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean tag = c >= 0xE0000 && c <= CANCEL_TAG;
            if (tag && inFlag) {
                shown.appendCodePoint(c);
                inFlag = c != CANCEL_TAG;
                continue;
            }
            inFlag = c == BLACK_FLAG;
            if (suspect(c)) {
                shown.append(code(c));
            } else {
                shown.appendCodePoint(c);
            }
        }
        return shown.toString();
    }

    /** {@code <U+202E>}: a code, not a word, the same in every language. */
    static String code(int c) {
        String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
        return "<U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex + ">";
    }

    /** Bidirectional marks, embeddings, overrides and isolates, the byte-order mark, and tag characters. */
    private static boolean suspect(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C || c == 0xFEFF || (c >= 0xE0000 && c <= 0xE007F);
    }
}
