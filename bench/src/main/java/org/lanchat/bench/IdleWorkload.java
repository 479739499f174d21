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
import org.lanchat.bench.server.ProcStats;
import org.lanchat.bench.server.ServerProcess;

/** W1: 19,000 logged-in idle clients over two generator processes: memory per connection, login rate. */
record IdleWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final List<String> W1_APPLIANCE_JVM = List.of("-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");

    void run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Target, IdleResult> results = new LinkedHashMap<>();
        for (Target t : List.of(Target.LANCHAT_TLS, Target.LANCHAT, Target.NATS)) {
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
        int n = o.w1Connections();
        rows.add(new Row("W1", "clients held (of " + Stats.number(n, 0) + "), TLS / plain", ours.held + " / " + plain.held,
                Stats.number(nats.held, 0), "-", "-", "-", "all " + Stats.number(n, 0),
                ours.held == n && plain.held == n ? "met" : "missed"));
        rows.add(new Row("W1", "RSS per connection above baseline, KB (TLS)", Stats.number(ours.rssPerConnectionKb, 1),
                Stats.number(nats.rssPerConnectionKb, 1), "-",
                Stats.ratio(OptionalDouble.of(ours.rssPerConnectionKb), OptionalDouble.of(nats.rssPerConnectionKb)), "-",
                "≤ 8 KB", ours.rssPerConnectionKb <= 8 ? "met" : "missed"));
        rows.add(new Row("W1", "RSS per connection above baseline, KB (plaintext)", Stats.number(plain.rssPerConnectionKb, 1),
                Stats.number(nats.rssPerConnectionKb, 1), "-",
                Stats.ratio(OptionalDouble.of(plain.rssPerConnectionKb), OptionalDouble.of(nats.rssPerConnectionKb)), "-",
                "≤ 8 KB", plain.rssPerConnectionKb <= 8 ? "met" : "missed"));
        rows.add(new Row("W1", "live heap per connection after GC, KB (TLS / plain)",
                Stats.number(ours.heapPerConnectionKb, 1) + " / " + Stats.number(plain.heapPerConnectionKb, 1),
                "-", "-", "-", "-", "-", "-"));
        rows.add(new Row("W1", "connect + login rate, clients/s (TLS / plain)",
                Stats.number(ours.connectPerSecond, 0) + " / " + Stats.number(plain.connectPerSecond, 0),
                Stats.number(nats.connectPerSecond, 0), "-", "-", "-", "-", "-"));
        // The rate above shares two cores with the generators; the server's own CPU per login does not.
        rows.add(new Row("W1", "server CPU per connect + login, ms (TLS / plain)",
                Stats.number(ours.cpuPerLoginMs, 2) + " / " + Stats.number(plain.cpuPerLoginMs, 2),
                Stats.number(nats.cpuPerLoginMs, 2), "-",
                Stats.ratio(OptionalDouble.of(ours.cpuPerLoginMs), OptionalDouble.of(nats.cpuPerLoginMs)), "-", "-", "-"));
    }

    /** What W1 measured for one server. */
    record IdleResult(String server, int connections, int held, double connectPerSecond, long rssBaselineKb,
                      long rssHeldKb, double rssPerConnectionKb, long heapBaselineKb, long heapHeldKb,
                      double heapPerConnectionKb, long threads, double cpuPerLoginMs, List<String> notes) {
    }

    private IdleResult idle(Target t, int connections) throws Exception {
        log("W1 " + t.label + ": " + connections + " idle clients");
        // Both RSS readings follow a full GC. A heap allowed to shrink (small -Xms, low free ratios) gives back
        // what the login storm's garbage touched, so the growth is what the connections keep: live objects,
        // buffers and TLS state, not the high-water mark of a heap that never returns a page.
        try (ServerProcess server = runner.start(t, connections, W1_APPLIANCE_JVM)) {
            Thread.sleep(2000);
            long heap0 = t.ours() ? liveHeapKb(server.pid()) : -1;
            long rss0 = ProcStats.rssKb(server.pid());
            int half = connections / 2;
            List<GeneratorProcess> generators = new ArrayList<>();
            // The login storm is what W1's rate measures, so that is what --profile samples (TLS only).
            AsyncProfiler profiler = o.profile() && t == Target.LANCHAT_TLS ? AsyncProfiler.start(server.pid(), runner.work()) : null;
            long cpu0 = ProcStats.cpuMicros(server.pid());
            try {
                for (int g = 0; g < 2; g++) {
                    int first = g == 0 ? 0 : half;
                    int count = g == 0 ? half : connections - half;
                    RunSpec spec = runner.spec(t, server, RunSpec.Pattern.IDLE, first, count, connections, List.of(), false, -1, 0, true);
                    generators.add(GeneratorProcess.start(spec, runner.work(), "w1-" + t.name().toLowerCase(Locale.ROOT) + "-" + g,
                            Runner.generatorJvm()));
                }
                for (GeneratorProcess g : generators) {
                    g.awaitReady(900);
                }
                long loginCpu = ProcStats.cpuMicros(server.pid()) - cpu0;
                if (profiler != null) {
                    Path base = o.results().resolve("appliance-w1-profile");
                    profiler.stop(base);
                    Files.writeString(o.results().resolve("appliance-w1-profile.txt"),
                            ProfileSummary.summarize(Path.of(base + ".collapsed")));
                    log("  profile of the appliance's login storm: " + base + ".html (flame graph)");
                }
                // The storm's last presence event goes out up to 2 s after the last login (PROTOCOL 7.8), then is written.
                Thread.sleep(5000);
                long heap1 = t.ours() ? liveHeapKb(server.pid()) : -1;
                long rss1 = ProcStats.rssKb(server.pid());
                if (t.ours()) { // what the held connections keep on the heap, for when the per-connection figure moves
                    Path histogram = o.results().resolve("appliance-w1-" + t.name().toLowerCase(Locale.ROOT) + "-histogram.txt");
                    Files.writeString(histogram, liveHistogram(server.pid(), 40));
                }
                long threads = ProcStats.threads(server.pid());
                for (GeneratorProcess g : generators) {
                    g.release();
                }
                int held = 0;
                long firstStart = Long.MAX_VALUE;
                long lastEnd = 0;
                List<String> notes = new ArrayList<>();
                for (GeneratorProcess g : generators) {
                    RunResult r = g.awaitResult(300);
                    held += r.connected();
                    firstStart = Math.min(firstStart, r.connectStartMs());
                    lastEnd = Math.max(lastEnd, r.connectEndMs());
                    notes.addAll(r.notes());
                }
                double rate = held / Math.max(0.001, (lastEnd - firstStart) / 1000.0);
                double rssPer = held == 0 ? Double.NaN : (double) (rss1 - rss0) / held;
                double heapPer = held == 0 || heap0 < 0 ? Double.NaN : (double) (heap1 - heap0) / held;
                double cpuPerLogin = held == 0 ? Double.NaN : loginCpu / 1000.0 / held;
                IdleResult r = new IdleResult(t.label, connections, held, rate, rss0, rss1, rssPer, heap0, heap1, heapPer,
                        threads, cpuPerLogin, notes);
                log("  held " + held + ", " + Stats.number(rate, 0) + " logins/s (" + Stats.number(cpuPerLogin, 2) + " ms server CPU each), RSS " + rss0 + " -> " + rss1 + " KB ("
                        + Stats.number(rssPer, 2) + " KB/conn), heap " + heap0 + " -> " + heap1 + " KB");
                return r;
            } finally {
                generators.forEach(GeneratorProcess::close);
            }
        }
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

    /** The {@code top} classes by live bytes after a full GC, as jcmd's class histogram lists them. */
    private static String liveHistogram(long pid, int top) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            return run(jcmd.toString(), Long.toString(pid), "GC.class_histogram").lines().limit(top + 3L)
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
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
