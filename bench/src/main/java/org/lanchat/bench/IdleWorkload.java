package org.lanchat.bench;

import static org.lanchat.bench.Progress.loadAverage;
import static org.lanchat.bench.Progress.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.bench.load.GeneratorProcess;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.report.ProfileSummary;
import org.lanchat.bench.report.ResultTable.Row;
import org.lanchat.bench.server.AsyncProfiler;
import org.lanchat.bench.server.HeapHistogram;
import org.lanchat.bench.server.ProcStats;
import org.lanchat.bench.server.ServerProcess;

/**
 * W1: 19,000 logged-in idle clients over two generator processes: memory per connection, login rate, and the
 * server's CPU while they sit idle. NATS runs both plain and with TLS, so that TLS logins are compared with TLS
 * connects.
 */
record IdleWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final List<String> W1_APPLIANCE_JVM = List.of("-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");
    /** Long enough to cover several presence ticks and idle-timeout checks, short against the run. */
    private static final long IDLE_WINDOW_MS = 10_000;

    void run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Target, IdleResult> results = new LinkedHashMap<>();
        for (Target t : List.of(Target.LANCHAT_TLS, Target.LANCHAT, Target.NATS, Target.NATS_TLS)) {
            String before = loadAverage();
            IdleResult r = idle(t, o.w1Connections());
            runner.noteLoad("W1 " + t.label + ": " + before + " -> " + loadAverage());
            results.put(t, r);
            out.put(t.label, r);
        }
        runner.raw("W1", out);
        IdleResult ours = results.get(Target.LANCHAT_TLS);
        IdleResult plain = results.get(Target.LANCHAT);
        IdleResult nats = results.get(Target.NATS);
        IdleResult natsTls = results.get(Target.NATS_TLS);
        int n = o.w1Connections();
        rows.add(new Row("W1", "clients held (of " + Stats.number(n, 0) + "), TLS / plain", ours.held + " / " + plain.held,
                Stats.number(nats.held, 0), "-", "-", "-", "all " + Stats.number(n, 0),
                ours.held == n && plain.held == n ? "met" : "missed"));
        rows.add(compared("RSS per connection above baseline, KB (TLS)", ours.rssPerConnectionKb, nats.rssPerConnectionKb, 1,
                "≤ 8 KB", ours.rssPerConnectionKb <= 8));
        rows.add(compared("RSS per connection above baseline, KB (plaintext)", plain.rssPerConnectionKb,
                nats.rssPerConnectionKb, 1, "≤ 8 KB", plain.rssPerConnectionKb <= 8));
        rows.add(new Row("W1", "live heap per connection after GC, KB (TLS / plain)",
                Stats.number(ours.heapPerConnectionKb, 1) + " / " + Stats.number(plain.heapPerConnectionKb, 1),
                "-", "-", "-", "-", "-", "-"));
        // The target compares TLS logins with NATS's plain connects; the TLS row against NATS with TLS says how
        // much of the gap is the handshake itself.
        rows.add(compared("connect + login rate, clients/s, TLS (NATS: plain)", ours.connectPerSecond, nats.connectPerSecond, 0,
                "≥ 1.0× NATS", ours.connectPerSecond >= nats.connectPerSecond));
        rows.add(compared("connect + login rate, clients/s, TLS (NATS: TLS)", ours.connectPerSecond, natsTls.connectPerSecond, 0));
        rows.add(compared("connect + login rate, clients/s, plain", plain.connectPerSecond, nats.connectPerSecond, 0));
        // The rates above share two cores with the generators; the server's own CPU per login does not.
        rows.add(compared("server CPU per connect + login, ms, TLS (NATS: TLS)", ours.cpuPerLoginMs, natsTls.cpuPerLoginMs, 2));
        rows.add(compared("server CPU per connect + login, ms, plain", plain.cpuPerLoginMs, nats.cpuPerLoginMs, 2));
        // The same storm again once the server has run one (NATS has no compiler to warm).
        rows.add(compared("server CPU per login on a warm server, ms, TLS (NATS: TLS)", ours.warmCpuPerLoginMs,
                natsTls.warmCpuPerLoginMs, 2));
        rows.add(compared("server CPU per login on a warm server, ms, plain", plain.warmCpuPerLoginMs, nats.warmCpuPerLoginMs, 2));
        rows.add(compared("login rate on a warm server, clients/s, TLS (NATS: TLS)", ours.warmConnectPerSecond,
                natsTls.warmConnectPerSecond, 0));
        rows.add(compared("login rate on a warm server, clients/s, plain", plain.warmConnectPerSecond,
                nats.warmConnectPerSecond, 0));
        // What held connections cost with nothing to say. Not like for like: a LAN Chat client pings every 30 s
        // (PROTOCOL: a third of the 90 s idle timeout), NATS's server pings each client every 2 minutes.
        rows.add(compared("server CPU while all sit idle, ms per s, TLS (NATS: TLS)", ours.idleCpuMsPerSecond,
                natsTls.idleCpuMsPerSecond, 1));
        rows.add(compared("server CPU while all sit idle, ms per s, plain", plain.idleCpuMsPerSecond, nats.idleCpuMsPerSecond, 1));
    }

    private static Row compared(String metric, double ours, double nats, int digits) {
        return new Row("W1", metric, Stats.number(ours, digits), Stats.number(nats, digits), "-",
                Stats.ratio(OptionalDouble.of(ours), OptionalDouble.of(nats)), "-", "-", "-");
    }

    private static Row compared(String metric, double ours, double nats, int digits, String target, boolean met) {
        Row row = compared(metric, ours, nats, digits);
        return new Row(row.workload(), row.metric(), row.lanChat(), row.nats(), row.mosquitto(), row.oursOverNats(),
                row.oursOverMosquitto(), target, met ? "met" : "missed");
    }

    /** What W1 measured for one server. */
    record IdleResult(String server, int connections, int held, double connectPerSecond, long rssBaselineKb,
                      long rssHeldKb, double rssPerConnectionKb, long heapBaselineKb, long heapHeldKb,
                      double heapPerConnectionKb, long threads, double cpuPerLoginMs, double idleCpuMsPerSecond,
                      double warmConnectPerSecond, double warmCpuPerLoginMs, List<String> notes) {
    }

    private IdleResult idle(Target t, int connections) throws Exception {
        log("W1 " + t.label + ": " + connections + " idle clients");
        // Both RSS readings follow a full GC. A heap allowed to shrink (small -Xms, low free ratios) gives back
        // what the login storm's garbage touched, so the growth is what the connections keep: live objects,
        // buffers and TLS state, not the high-water mark of a heap that never returns a page.
        try (ServerProcess server = runner.start(t, connections, W1_APPLIANCE_JVM)) {
            Thread.sleep(2000);
            long heap0 = t.ours() ? liveHeapKb(server.pid()) : -1;
            String histogram0 = t.ours() ? histogram(server.pid()) : "";
            long rss0 = ProcStats.rssKb(server.pid());
            // The login storm is what W1's rate measures, so that is what --profile samples (TLS only).
            AsyncProfiler profiler = o.profile() && t == Target.LANCHAT_TLS ? AsyncProfiler.start(server.pid(), runner.work()) : null;
            try (Storm storm = new Storm(t, server, connections, "")) {
                long loginCpu = storm.awaitLoggedIn();
                writeProfile(profiler, "appliance-w1-profile", "the appliance's login storm");
                // The storm's last presence event goes out up to 2 s after the last login (PROTOCOL 7.8), then is written.
                Thread.sleep(5000);
                AsyncProfiler idleProfiler = o.profile() && t == Target.LANCHAT_TLS ? AsyncProfiler.start(server.pid(), runner.work()) : null;
                Map<String, Long> threadsCpu0 = ProcStats.cpuMicrosByThreadName(server.pid());
                long idleCpu0 = ProcStats.cpuMicros(server.pid());
                long idleStart = System.nanoTime();
                Thread.sleep(IDLE_WINDOW_MS);
                double idleCpuMsPerSecond = (ProcStats.cpuMicros(server.pid()) - idleCpu0) / 1000.0
                        / ((System.nanoTime() - idleStart) / 1e9);
                log("  idle CPU by thread, ms over " + IDLE_WINDOW_MS / 1000 + " s: "
                        + busiestThreads(threadsCpu0, ProcStats.cpuMicrosByThreadName(server.pid()), 6));
                writeProfile(idleProfiler, "appliance-w1-idle-profile", "the appliance while the clients sit idle");
                long heap1 = t.ours() ? liveHeapKb(server.pid()) : -1;
                long rss1 = ProcStats.rssKb(server.pid());
                String histogram1 = t.ours() ? histogram(server.pid()) : "";
                long threads = ProcStats.threads(server.pid());
                storm.finish();
                int held = storm.held;
                if (t.ours() && held > 0) { // what the held connections keep on the heap, class by class
                    String prefix = "appliance-w1-" + t.name().toLowerCase(Locale.ROOT);
                    Files.createDirectories(o.results());
                    Files.writeString(o.results().resolve(prefix + "-histogram.txt"),
                            histogram1.lines().limit(43).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
                    Files.writeString(o.results().resolve(prefix + "-growth.txt"),
                            HeapHistogram.parse(histogram1).growthPer(HeapHistogram.parse(histogram0), held, 40));
                }
                double rate = storm.loginsPerSecond();
                // The same clients again on the now warm server, once the first ones' leaving is announced: the
                // network blip a running appliance meets, where the first storm is the one after it (re)starts.
                Thread.sleep(5000);
                double warmCpuPerLogin;
                double warmRate;
                try (Storm again = new Storm(t, server, connections, "-again")) {
                    long againCpu = again.awaitLoggedIn();
                    again.finish();
                    warmCpuPerLogin = again.held == 0 ? Double.NaN : againCpu / 1000.0 / again.held;
                    warmRate = again.loginsPerSecond();
                    log("  again on the warm server: held " + again.held + ", " + Stats.number(warmRate, 0) + " logins/s ("
                            + Stats.number(warmCpuPerLogin, 2) + " ms server CPU each)");
                }
                double rssPer = held == 0 ? Double.NaN : (double) (rss1 - rss0) / held;
                double heapPer = held == 0 || heap0 < 0 ? Double.NaN : (double) (heap1 - heap0) / held;
                double cpuPerLogin = held == 0 ? Double.NaN : loginCpu / 1000.0 / held;
                IdleResult r = new IdleResult(t.label, connections, held, rate, rss0, rss1, rssPer, heap0, heap1, heapPer,
                        threads, cpuPerLogin, idleCpuMsPerSecond, warmRate, warmCpuPerLogin, storm.notes);
                log("  held " + held + ", " + Stats.number(rate, 0) + " logins/s (" + Stats.number(cpuPerLogin, 2) + " ms server CPU each), RSS " + rss0 + " -> " + rss1 + " KB ("
                        + Stats.number(rssPer, 2) + " KB/conn), heap " + heap0 + " -> " + heap1 + " KB, idle CPU "
                        + Stats.number(idleCpuMsPerSecond, 1) + " ms/s");
                return r;
            }
        }
    }

    /** {@code connections} clients logging in at once from two generator processes, held until {@link #finish}. */
    private final class Storm implements AutoCloseable {
        private final ServerProcess server;
        private final List<GeneratorProcess> generators = new ArrayList<>();
        private final long cpu0;
        int held;
        long firstStart = Long.MAX_VALUE;
        long lastEnd;
        final List<String> notes = new ArrayList<>();

        Storm(Target t, ServerProcess server, int connections, String suffix) throws IOException {
            this.server = server;
            this.cpu0 = ProcStats.cpuMicros(server.pid());
            int half = connections / 2;
            for (int g = 0; g < 2; g++) {
                int first = g == 0 ? 0 : half;
                int count = g == 0 ? half : connections - half;
                RunSpec spec = runner.spec(t, server, RunSpec.Pattern.IDLE, first, count, connections, List.of(), false, -1, 0, true);
                generators.add(GeneratorProcess.start(spec, runner.work(),
                        "w1-" + t.name().toLowerCase(Locale.ROOT) + suffix + "-" + g, Runner.generatorJvm()));
            }
        }

        /** Waits until every client is logged in; the server's CPU time since the storm began, in microseconds. */
        long awaitLoggedIn() throws Exception {
            for (GeneratorProcess g : generators) {
                g.awaitReady(900);
            }
            return ProcStats.cpuMicros(server.pid()) - cpu0;
        }

        /** Lets the clients go and collects how many stayed connected and when they connected. */
        void finish() throws Exception {
            for (GeneratorProcess g : generators) {
                g.release();
            }
            for (GeneratorProcess g : generators) {
                RunResult r = g.awaitResult(300);
                held += r.connected();
                firstStart = Math.min(firstStart, r.connectStartMs());
                lastEnd = Math.max(lastEnd, r.connectEndMs());
                notes.addAll(r.notes());
            }
        }

        double loginsPerSecond() {
            return held / Math.max(0.001, (lastEnd - firstStart) / 1000.0);
        }

        @Override
        public void close() {
            generators.forEach(GeneratorProcess::close);
        }
    }

    /** Stops {@code profiler} (if sampling) and writes its flame graph and summary as {@code name}.* in the results. */
    private void writeProfile(AsyncProfiler profiler, String name, String what) throws IOException {
        if (profiler == null) {
            return;
        }
        Path base = o.results().resolve(name);
        profiler.stop(base);
        Files.writeString(o.results().resolve(name + ".txt"), ProfileSummary.summarize(Path.of(base + ".collapsed")));
        log("  profile of " + what + ": " + base + ".html (flame graph)");
    }

    /** The {@code top} thread names by CPU time between two readings, as "name ms, ...". */
    private static String busiestThreads(Map<String, Long> before, Map<String, Long> after, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1000))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Live heap after a full GC, from jcmd (the same JDK that runs the bench). */
    private static long liveHeapKb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
            Matcher m = HEAP_USED.matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every class's live instances and bytes after a full GC, as jcmd's class histogram lists them. */
    private static String histogram(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            return run(jcmd.toString(), Long.toString(pid), "GC.class_histogram");
        } catch (IOException e) {
            return "no histogram: " + e.getMessage() + "\n";
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
