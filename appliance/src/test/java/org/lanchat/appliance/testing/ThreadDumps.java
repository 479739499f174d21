package org.lanchat.appliance.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every thread of this JVM was doing, virtual threads included, written when a test gave up
 * waiting. The appliances most tests start run in this JVM, so a stall shows up in the dump.
 */
public final class ThreadDumps {
    private ThreadDumps() {
    }

    /** Dumps the threads to a new file under {@code target/thread-dumps} and says where, for a failure message. */
    public static String dump(String why) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            Path file = dir.resolve(why.replaceAll("[^A-Za-z0-9]+", "-") + "-" + System.nanoTime() + ".txt").toAbsolutePath();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return " [threads of this JVM: " + file + "]";
        } catch (IOException | RuntimeException e) {
            return " [no thread dump: " + e + "]";
        }
    }
}
