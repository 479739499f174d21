package org.lanchat.bench.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.util.Map;
import java.util.TreeMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * CPU time and resident memory of a process, from Linux's /proc. Returns -1 when the process is gone
 * or /proc is unreadable, so a sample never fails a run.
 */
public final class ProcStats {
    /** USER_HZ: the unit of the times in /proc/PID/stat; 100 on every Linux architecture we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** User plus system CPU time of {@code pid}, in microseconds (10 ms resolution). */
    public static long cpuMicros(long pid) {
        try {
            return cpuMicros(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User plus system CPU time in a process's or thread's {@code stat} line, in microseconds. */
    private static long cpuMicros(String stat) {
        // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /**
     * User plus system CPU time of each of {@code pid}'s threads, summed by thread name with its number left off
     * ({@code "C2 CompilerThre"}, {@code "multiThreadIoEv"}: the kernel keeps 15 characters), in microseconds.
     */
    public static Map<String, Long> cpuMicrosByThreadName(long pid) {
        Map<String, Long> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#0-9 ]+$", "");
                    byName.merge(name, cpuMicros(stat), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }

    /** User plus system CPU time of all of {@code pids} together (several appliances and their bus), -1 if one is gone. */
    public static long cpuMicros(List<Long> pids) {
        return sum(pids, ProcStats::cpuMicros);
    }

    /** Resident set size of all of {@code pids} together in KiB, -1 if one is gone. */
    public static long rssKb(List<Long> pids) {
        return sum(pids, ProcStats::rssKb);
    }

    private static long sum(List<Long> pids, LongUnaryOperator each) {
        long total = 0;
        for (long pid : pids) {
            long v = each.applyAsLong(pid);
            if (v < 0) {
                return -1;
            }
            total += v;
        }
        return total;
    }

    /** Resident set size of {@code pid} in KiB. */
    public static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Threads of {@code pid}. */
    public static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static long self() {
        return ProcessHandle.current().pid();
    }
}
