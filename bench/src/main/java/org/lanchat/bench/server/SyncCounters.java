package org.lanchat.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Counts syncs to disk over a window, the measure of what "durable" costs beside a rate.
 *
 * <p>For processes of our own (the appliance on H2, nats-server with JetStream, the store floor), {@code perf stat}
 * counts their fsync and fdatasync calls on the kernel's syscall tracepoints: a counter bumped inside the kernel per
 * call, without stopping the process at each call as strace would (strace -c halves a busy server's throughput).
 * {@code perf stat -p PIDS -- sleep S} counts exactly while the sleep runs. For a MySQL or MariaDB server, which the
 * bench shares and did not start, its own counters from {@code SHOW GLOBAL STATUS} before and after: they are
 * server-wide, so they include any other client of that server during the window.
 */
public final class SyncCounters {
    private static final Path PERF = Path.of("/usr/bin/perf");
    private static final List<String> STATUS = List.of("Innodb_os_log_fsyncs", "Innodb_data_fsyncs", "Com_commit");

    private SyncCounters() {
    }

    /**
     * Blocks for {@code window} and reports the rates; run it on a thread of its own, started when the window begins.
     *
     * @param pids           processes whose fsync calls to count (empty: none)
     * @param mysqlServerUrl a MySQL or MariaDB server whose status counters to read, or null
     */
    public static SyncRates measure(List<Long> pids, String mysqlServerUrl, String mysqlUser, Duration window) {
        Map<String, Long> before = status(mysqlServerUrl, mysqlUser);
        long start = System.nanoTime();
        double fsyncs = pids.isEmpty() ? waitFor(window) : countFsyncs(pids, window);
        Map<String, Long> after = status(mysqlServerUrl, mysqlUser);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SyncRates(fsyncs / (window.toMillis() / 1000.0),
                delta(before, after, "Innodb_os_log_fsyncs", seconds),
                delta(before, after, "Innodb_data_fsyncs", seconds),
                delta(before, after, "Com_commit", seconds));
    }

    /** Whether fsync calls can be counted here: perf installed and allowed to read the syscall tracepoints. */
    public static boolean perfAvailable() {
        return Files.isExecutable(PERF) && !Double.isNaN(countFsyncs(List.of(ProcessHandle.current().pid()), Duration.ofMillis(10)));
    }

    private static double countFsyncs(List<Long> pids, Duration window) {
        if (!Files.isExecutable(PERF)) {
            return waitFor(window);
        }
        String seconds = String.format(Locale.ROOT, "%.3f", window.toMillis() / 1000.0);
        try {
            Process p = new ProcessBuilder(PERF.toString(), "stat", "-x", ",",
                    "-e", "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync",
                    "-p", pids.stream().map(String::valueOf).collect(Collectors.joining(",")), "--", "sleep", seconds)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(window.toMillis() + 30_000, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Double.NaN;
            }
            // CSV lines: count,unit,event,...; "<not counted>" or "<not supported>" where perf could not count.
            long total = 0;
            int events = 0;
            for (String line : out.split("\n")) {
                String[] cells = line.split(",");
                if (cells.length > 2 && cells[2].startsWith("syscalls:sys_enter_")) {
                    if (!cells[0].matches("\\d+")) {
                        return Double.NaN;
                    }
                    total += Long.parseLong(cells[0]);
                    events++;
                }
            }
            return events == 2 ? total : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static double waitFor(Duration window) {
        try {
            Thread.sleep(window);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    private static Map<String, Long> status(String serverUrl, String user) {
        if (serverUrl == null) {
            return Map.of();
        }
        Map<String, Long> values = new HashMap<>();
        try (Connection c = DriverManager.getConnection(serverUrl, user, ""); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                     + String.join("', '", STATUS) + "')")) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return values;
    }

    private static double delta(Map<String, Long> before, Map<String, Long> after, String name, double seconds) {
        Long a = before.get(name);
        Long b = after.get(name);
        return a == null || b == null ? Double.NaN : (b - a) / seconds;
    }
}
