package org.lanchat.appliance.limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How many connections the appliance holds at once: as many as its open-file limit allows, less a reserve for
 * its own files (the database, the message journal, files being uploaded, the jars). Without a cap, connections
 * from a few addresses took every descriptor: accept then failed in a loop, and the journal or database could not
 * open a file.
 */
public final class OpenFiles {
    /** Descriptors kept for the appliance's own files. */
    static final int RESERVE = 512;
    /** Never fewer, however low the limit (a misconfigured unit should still let an office in). */
    static final int MIN_CONNECTIONS = 64;

    private OpenFiles() {
    }

    /** The cap for this process: from the soft "Max open files" limit, or none where it cannot be read. */
    public static int connectionCap() {
        return softLimit(Path.of("/proc/self/limits")).stream().mapToInt(OpenFiles::connectionCap).findFirst()
                .orElse(Integer.MAX_VALUE);
    }

    static int connectionCap(long openFileLimit) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_CONNECTIONS, openFileLimit - RESERVE));
    }

    /** The soft limit on open files from a Linux {@code /proc/PID/limits}; empty if unlimited or unreadable. */
    static OptionalLong softLimit(Path limits) {
        try {
            List<String> lines = Files.readAllLines(limits);
            for (String line : lines) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // not Linux, or a format we do not know: no cap rather than a wrong one
        }
        return OptionalLong.empty();
    }
}
