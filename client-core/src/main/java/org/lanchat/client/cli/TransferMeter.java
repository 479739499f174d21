package org.lanchat.client.cli;

import java.io.PrintWriter;
import org.lanchat.client.core.TransferProgress;

/**
 * A transfer's progress on standard error, one line per tenth, so a log or a pipe gets a few lines rather than one per
 * chunk; standard output stays for the result a script reads.
 */
final class TransferMeter implements TransferProgress {
    private final PrintWriter err;
    private final String key;
    private final String name;
    private int lastTenth = -1;

    /** @param key the bundle's sentence, taking the name, the percentage, the bytes done and the bytes in all */
    TransferMeter(PrintWriter err, String key, String name) {
        this.err = err;
        this.key = key;
        this.name = name;
    }

    @Override
    public void progress(long doneBytes, long totalBytes) {
        int tenth = totalBytes == 0 ? 10 : (int) (doneBytes * 10 / totalBytes);
        if (tenth != lastTenth) {
            lastTenth = tenth;
            err.println(Texts.text(key, name, tenth * 10, doneBytes, totalBytes));
            err.flush();
        }
    }
}
