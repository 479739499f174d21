package org.lanchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.bench.load.GeneratorMain;
import org.lanchat.bench.load.GeneratorProcess;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.LatencyPlot;
import org.lanchat.bench.report.ProfileSummary;
import org.lanchat.bench.report.ResultTable;
import org.lanchat.bench.report.ResultTable.Row;
import org.lanchat.bench.server.AsyncProfiler;
import org.lanchat.bench.server.LanChatServer;
import org.lanchat.bench.server.ProcStats;
import org.lanchat.bench.server.ReferenceServers;
import org.lanchat.bench.server.ServerProcess;

/**
 * The benchmark driver: runs the workloads of issue 6 against the appliance, NATS and Mosquitto, each
 * server and each generator in its own process, repetitions alternating between servers (A/B/C, then
 * B/C/A, …), and reports medians: a table on standard output, a JSON file and a latency plot under
 * the results directory.
 *
 * <pre>
 *   bench/run.sh                       # everything, as in docs/PERFORMANCE.md (about 30 minutes)
 *   bench/run.sh --quick               # small sizes, one repetition (about 3 minutes)
 *   bench/run.sh --workloads W2,W3     # a subset
 *   bench/run.sh --workloads W2 --profile   # plus a CPU profile of the appliance under W2 (async-profiler)
 * </pre>
 */
public final class Bench {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final int P99_LIMIT_MILLIS = 100;
    private static final List<String> W1_APPLIANCE_JVM = List.of("-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");

    /** Command-line settings, checked once. */
    record Options(Set<String> workloads, int reps, boolean quick, Path results, boolean profile, int w1Connections,
                   List<String> applianceJvm, String mysqlUrl, Path plot) {

        static Options parse(String[] args) {
            Set<String> workloads = new LinkedHashSet<>(List.of("W1", "W2", "W3", "W4", "W5", "W6"));
            int reps = 3;
            boolean quick = false;
            Path results = Path.of("bench", "results");
            boolean profile = false;
            Integer w1 = null;
            List<String> jvm = List.of("-Xms512m", "-Xmx2g");
            String mysql = "jdbc:mysql://127.0.0.1:3306/";
            Path plot = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--profile" -> profile = true;
                    case "--workloads" -> workloads = new LinkedHashSet<>(List.of(value(args, ++i, a).toUpperCase(Locale.ROOT).split(",")));
                    case "--reps" -> reps = Integer.parseInt(value(args, ++i, a));
                    case "--results" -> results = Path.of(value(args, ++i, a));
                    case "--w1-connections" -> w1 = Integer.parseInt(value(args, ++i, a));
                    case "--appliance-jvm" -> jvm = List.of(value(args, ++i, a).trim().split("\\s+"));
                    case "--mysql" -> mysql = value(args, ++i, a);
                    case "--plot" -> plot = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + "; options: --quick --workloads W1,..,W6 --reps N --results DIR --w1-connections N "
                            + "--appliance-jvm 'OPTS' --mysql JDBC_SERVER_URL --plot FILE.png --profile");
                }
            }
            for (String w : workloads) {
                if (!w.matches("W[1-6]")) {
                    throw new IllegalArgumentException("--workloads: unknown workload " + w + " (W1 to W6)");
                }
            }
            if (reps < 1 || reps > 9) {
                throw new IllegalArgumentException("--reps must be between 1 and 9, got " + reps);
            }
            int connections = w1 != null ? w1 : quick ? 2000 : 19_000;
            if (connections < 2 || connections > 19_500) {
                throw new IllegalArgumentException("--w1-connections must be between 2 and 19500 (the file limit), got " + connections);
            }
            return new Options(workloads, quick && reps == 3 ? 1 : reps, quick, results, profile, connections, jvm, mysql, plot);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        int groupSize() {
            return quick ? 200 : 1000;
        }

        int pairs() {
            return quick ? 200 : 1000;
        }

        List<StepSpec> groupSteps() {
            int[] rates = quick ? new int[] {20, 50, 100, 200} : new int[] {20, 50, 100, 150, 200, 300, 400, 600};
            return steps(rates, quick ? 500 : 1000, quick ? 2000 : 4000);
        }

        List<StepSpec> privateSteps() {
            return steps(new int[] {5_000, 20_000}, 1000, quick ? 2000 : 5000);
        }

        List<StepSpec> durablePrivateSteps() {
            return steps(new int[] {5_000, 20_000, 30_000}, 1000, quick ? 2000 : 5000);
        }

        static List<StepSpec> steps(int[] rates, int warm, int measure) {
            List<StepSpec> steps = new ArrayList<>();
            for (int r : rates) {
                steps.add(new StepSpec(r, warm, measure));
            }
            return steps;
        }
    }

    private final Options o;
    private final Path work;
    private final String tokenSeed = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private boolean profiled;
    // Load average before and after each run: the machine is shared, and this shows how much.
    private final List<String> loads = new ArrayList<>();

    Bench(Options o) throws IOException {
        this.o = o;
        this.work = Files.createTempDirectory("lanchat-bench-");
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Bench(o).runAll();
        System.exit(0);
    }

    /** One workload of the run; a failure is reported in the table and the run goes on with the next. */
    @FunctionalInterface
    private interface Workload {
        void run() throws Exception;
    }

    void runAll() throws Exception {
        Instant started = Instant.now();
        log("work directory " + work + "; workloads " + o.workloads() + ", " + o.reps() + " repetition(s)"
                + (o.quick() ? ", quick sizes" : ""));
        Map<String, Map<Target, List<RunResult>>> plotted = new LinkedHashMap<>();
        workload("W1", this::w1, started, plotted);
        workload("W2", () -> plotted.put("W2", group("W2", List.of(Target.LANCHAT, Target.NATS, Target.MOSQUITTO))),
                started, plotted);
        workload("W3", () -> privates("W3", List.of(Target.LANCHAT, Target.NATS, Target.MOSQUITTO), o.privateSteps()),
                started, plotted);
        workload("W4", () -> {
            group("W4 group", List.of(Target.LANCHAT_MARIADB));
            privates("W4 private", List.of(Target.LANCHAT_MARIADB), o.durablePrivateSteps());
        }, started, plotted);
        workload("W5", this::w5, started, plotted);
        workload("W6", () -> {
            plotted.put("W6", group("W6 group", List.of(Target.LANCHAT_TLS, Target.NATS_TLS)));
            privates("W6 private", List.of(Target.LANCHAT_TLS, Target.NATS_TLS), o.privateSteps());
        }, started, plotted);
        Path file = report(started, plotted);
        System.out.println();
        System.out.println(ResultTable.render(rows));
        System.out.println("Results: " + file.toAbsolutePath());
    }

    private void workload(String name, Workload workload, Instant started,
                          Map<String, Map<Target, List<RunResult>>> plotted) throws IOException {
        if (!o.workloads().contains(name)) {
            return;
        }
        try {
            workload.run();
        } catch (Exception e) {
            log(name + " FAILED: " + e);
            rows.add(new Row(name, "did not complete: " + e.getMessage(), "-", "-", "-", "-", "-", "-", "failed"));
        }
        // Written after every workload, so a long run that breaks later keeps what it measured.
        report(started, plotted);
    }

    /** Writes the JSON, the Markdown table and the plot for what has been measured so far. */
    private Path report(Instant started, Map<String, Map<Target, List<RunResult>>> plotted) throws IOException {
        Files.createDirectories(o.results());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        List<LatencyPlot.Series> series = new ArrayList<>();
        plotted.values().forEach(runs -> runs.forEach((t, list) -> series.add(plotSeries(t.label, list))));
        Path plot = o.plot() != null ? o.plot() : o.results().resolve("latency-vs-rate-" + stamp + ".png");
        if (!series.isEmpty()) {
            LatencyPlot.write(series, o.groupSize(), plot);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine());
        json.put("started", started.toString());
        json.put("finished", Instant.now().toString());
        json.put("options", o.toString());
        json.put("table", rows);
        json.put("loadAverages", loads);
        json.put("runs", raw);
        Path file = o.results().resolve("bench-" + stamp + ".json");
        GeneratorMain.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        Files.writeString(o.results().resolve("table-" + stamp + ".md"), ResultTable.markdown(rows));
        return file;
    }

    // ------------------------------------------------------------------ W1

    /** 19,000 logged-in idle clients over two generator processes: memory per connection, login rate. */
    private void w1() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Target, IdleResult> results = new LinkedHashMap<>();
        for (Target t : List.of(Target.LANCHAT_TLS, Target.LANCHAT, Target.NATS)) {
            String before = loadAverage();
            IdleResult r = idle(t, o.w1Connections());
            loads.add("W1 " + t.label + ": " + before + " -> " + loadAverage());
            results.put(t, r);
            out.put(t.label, r);
        }
        raw.put("W1", out);
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
    }

    /** What W1 measured for one server. */
    record IdleResult(String server, int connections, int held, double connectPerSecond, long rssBaselineKb,
                      long rssHeldKb, double rssPerConnectionKb, long heapBaselineKb, long heapHeldKb,
                      double heapPerConnectionKb, long threads, List<String> notes) {
    }

    private IdleResult idle(Target t, int connections) throws Exception {
        log("W1 " + t.label + ": " + connections + " idle clients");
        // Both RSS readings follow a full GC. A heap allowed to shrink (small -Xms, low free ratios) gives back
        // what the login storm's garbage touched, so the growth is what the connections keep: live objects,
        // buffers and TLS state, not the high-water mark of a heap that never returns a page.
        try (ServerProcess server = start(t, connections, W1_APPLIANCE_JVM)) {
            Thread.sleep(2000);
            long heap0 = t.ours() ? liveHeapKb(server.pid()) : -1;
            long rss0 = ProcStats.rssKb(server.pid());
            int half = connections / 2;
            List<GeneratorProcess> generators = new ArrayList<>();
            try {
                for (int g = 0; g < 2; g++) {
                    int first = g == 0 ? 0 : half;
                    int count = g == 0 ? half : connections - half;
                    RunSpec spec = spec(t, server, RunSpec.Pattern.IDLE, first, count, connections, List.of(), false, -1, 0, true);
                    generators.add(GeneratorProcess.start(spec, work, "w1-" + t.name().toLowerCase(Locale.ROOT) + "-" + g,
                            generatorJvm()));
                }
                for (GeneratorProcess g : generators) {
                    g.awaitReady(900);
                }
                Thread.sleep(3000); // presence events of the login storm go out
                long heap1 = t.ours() ? liveHeapKb(server.pid()) : -1;
                long rss1 = ProcStats.rssKb(server.pid());
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
                IdleResult r = new IdleResult(t.label, connections, held, rate, rss0, rss1, rssPer, heap0, heap1, heapPer,
                        threads, notes);
                log("  held " + held + ", " + Stats.number(rate, 0) + " logins/s, RSS " + rss0 + " -> " + rss1 + " KB ("
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

    // ------------------------------------------------------------------ W2, W4, W6: group fan-out

    private Map<Target, List<RunResult>> group(String workload, List<Target> targets) throws Exception {
        int members = o.groupSize();
        Map<Target, List<RunResult>> runs = repeat(workload, targets, t ->
                once(workload, t, RunSpec.Pattern.GROUP, members, o.groupSteps(), true, -1, 0));
        Map<Target, OptionalDouble> max = new LinkedHashMap<>();
        for (Target t : targets) {
            max.put(t, Stats.median(runs.get(t).stream().map(Bench::maxPassedDeliveries).toList()));
        }
        // The reference rate for latency and CPU: the highest rate every server passed in its median run.
        int reference = 0;
        for (StepSpec s : o.groupSteps()) {
            boolean all = true;
            for (Target t : targets) {
                OptionalDouble ok = Stats.median(runs.get(t).stream()
                        .map(r -> step(r, s.messagesPerSecond()).filter(StepResult::passed).isPresent() ? 1.0 : 0.0).toList());
                all &= ok.isPresent() && ok.getAsDouble() >= 0.5;
            }
            if (all) {
                reference = s.messagesPerSecond();
            }
        }
        Target ours = targets.get(0);
        Target nats = targets.stream().filter(t -> t.server == RunSpec.Server.NATS).findFirst().orElse(null);
        Target mosquitto = targets.stream().filter(t -> t.server == RunSpec.Server.MQTT).findFirst().orElse(null);
        String delivered = members - 1 + " deliveries per message";
        rows.add(row(workload, "max deliveries/s, 100% delivered, p99 ≤ " + P99_LIMIT_MILLIS + " ms (" + delivered + ")",
                max, ours, nats, mosquitto, 0,
                workload.startsWith("W4") ? "-" : "≥ 500,000; ≥ 1.0× NATS; ≥ 5× Mosquitto",
                verdictMax(max, ours, nats, mosquitto, workload)));
        if (reference > 0) {
            int ref = reference;
            String at = " at " + Stats.number(ref * (members - 1.0), 0) + " deliveries/s";
            Map<Target, OptionalDouble> p99 = new LinkedHashMap<>();
            Map<Target, OptionalDouble> cpu = new LinkedHashMap<>();
            for (Target t : targets) {
                p99.put(t, stepMedian(runs.get(t), ref, s -> s.latencyMicros().p99() / 1000.0));
                cpu.put(t, stepMedian(runs.get(t), ref, StepResult::cpuMicrosPerDelivery));
            }
            Map<Target, OptionalDouble> p999 = new LinkedHashMap<>();
            Map<Target, OptionalDouble> worst = new LinkedHashMap<>();
            Map<Target, OptionalDouble> generator = new LinkedHashMap<>();
            for (Target t : targets) {
                p999.put(t, stepMedian(runs.get(t), ref, s -> s.latencyMicros().p999() / 1000.0));
                worst.put(t, stepMedian(runs.get(t), ref, s -> s.latencyMicros().max() / 1000.0));
                generator.put(t, stepMedian(runs.get(t), ref, StepResult::generatorCpuMicrosPerDelivery));
            }
            rows.add(row(workload, "p99 latency, ms" + at, p99, ours, nats, mosquitto, 2, "≤ " + P99_LIMIT_MILLIS, "-"));
            rows.add(row(workload, "p99.9 latency, ms" + at, p999, ours, nats, mosquitto, 2, "-", "-"));
            rows.add(row(workload, "max latency, ms" + at, worst, ours, nats, mosquitto, 1, "-", "-"));
            // The generator shares the two cores: its cost per delivery shows how much of the box it took.
            rows.add(row(workload, "generator CPU µs per delivery" + at, generator, ours, nats, mosquitto, 3, "-", "-"));
            rows.add(row(workload, "server CPU µs per delivery" + at, cpu, ours, nats, mosquitto, 3,
                    workload.startsWith("W4") ? "-" : "≤ 2", cpu.get(ours).isPresent() && cpu.get(ours).getAsDouble() <= 2 ? "met" : "missed"));
        }
        if (ours.ours()) {
            // Committed messages per second: every ack means the message is in the database.
            OptionalDouble committed = Stats.median(runs.get(ours).stream().map(r -> r.steps().stream()
                    .filter(StepResult::passed).mapToDouble(s -> s.acks() / Math.max(0.001, s.offeredMessages() / (double) s.messagesPerSecond()))
                    .max().orElse(0)).toList());
            OptionalDouble ackP99 = Stats.median(runs.get(ours).stream().map(r -> r.steps().stream()
                    .filter(StepResult::passed).reduce((a, b) -> b).map(s -> s.ackMicros().p99() / 1000.0).orElse(Double.NaN)).toList());
            rows.add(new Row(workload, "committed msgs/s / ack p99 ms at the highest passing rate",
                    Stats.number(committed, 0) + " / " + Stats.number(ackP99, 2), "-", "-", "-", "-",
                    workload.startsWith("W4") ? "≥ 20,000 / ≤ 10" : "-", "-"));
        }
        return runs;
    }

    private String verdictMax(Map<Target, OptionalDouble> max, Target ours, Target nats, Target mosquitto, String workload) {
        if (workload.startsWith("W4")) {
            return "-";
        }
        double us = max.get(ours).orElse(0);
        boolean ok = us >= 500_000;
        if (nats != null) {
            ok &= us >= max.get(nats).orElse(0);
        }
        if (mosquitto != null) {
            ok &= us >= 5 * max.get(mosquitto).orElse(0);
        }
        return ok ? "met" : "missed";
    }

    // ------------------------------------------------------------------ W3, W4, W6: private pairs

    private void privates(String workload, List<Target> targets, List<StepSpec> steps) throws Exception {
        int members = 2 * o.pairs();
        Map<Target, List<RunResult>> runs = repeat(workload, targets, t ->
                once(workload, t, RunSpec.Pattern.PRIVATE, members, steps, false, -1, 0));
        Target ours = targets.get(0);
        Target nats = targets.stream().filter(t -> t.server == RunSpec.Server.NATS).findFirst().orElse(null);
        Target mosquitto = targets.stream().filter(t -> t.server == RunSpec.Server.MQTT).findFirst().orElse(null);
        for (StepSpec s : steps) {
            int rate = s.messagesPerSecond();
            Map<Target, OptionalDouble> p99 = new LinkedHashMap<>();
            Map<Target, OptionalDouble> p50 = new LinkedHashMap<>();
            Map<Target, OptionalDouble> ratio = new LinkedHashMap<>();
            for (Target t : targets) {
                p99.put(t, stepMedian(runs.get(t), rate, st -> st.latencyMicros().p99() / 1000.0));
                p50.put(t, stepMedian(runs.get(t), rate, st -> st.latencyMicros().p50() / 1000.0));
                ratio.put(t, stepMedian(runs.get(t), rate, StepResult::deliveredRatio));
            }
            String target = rate <= 5_000 ? "≤ 2" : rate <= 20_000 ? "≤ 20" : "-";
            double limit = rate <= 5_000 ? 2 : 20;
            boolean durable = workload.startsWith("W4");
            String verdict = durable || rate > 20_000 ? "-"
                    : p99.get(ours).isPresent() && p99.get(ours).getAsDouble() <= limit
                            && ratio.get(ours).orElse(0) >= 1.0 ? "met" : "missed";
            rows.add(row(workload, "p50 latency, ms at " + Stats.number(rate, 0) + " msgs/s, " + o.pairs() + " pairs",
                    p50, ours, nats, mosquitto, 2, "-", "-"));
            rows.add(row(workload, "p99 latency, ms at " + Stats.number(rate, 0) + " msgs/s", p99, ours, nats, mosquitto, 2,
                    durable ? "-" : target, verdict));
            Map<Target, OptionalDouble> p999 = new LinkedHashMap<>();
            Map<Target, OptionalDouble> worst = new LinkedHashMap<>();
            for (Target t : targets) {
                p999.put(t, stepMedian(runs.get(t), rate, st -> st.latencyMicros().p999() / 1000.0));
                worst.put(t, stepMedian(runs.get(t), rate, st -> st.latencyMicros().max() / 1000.0));
            }
            rows.add(row(workload, "p99.9 latency, ms at " + Stats.number(rate, 0) + " msgs/s", p999, ours, nats, mosquitto,
                    2, "-", "-"));
            rows.add(row(workload, "max latency, ms at " + Stats.number(rate, 0) + " msgs/s", worst, ours, nats, mosquitto,
                    1, "-", "-"));
            rows.add(row(workload, "delivered/offered at " + Stats.number(rate, 0) + " msgs/s", ratio, ours, nats, mosquitto, 4,
                    "1", "-"));
            if (ours.ours()) {
                OptionalDouble committed = stepMedian(runs.get(ours), rate,
                        st -> st.acks() / Math.max(0.001, st.offeredMessages() / (double) st.messagesPerSecond()));
                OptionalDouble ackP99 = stepMedian(runs.get(ours), rate, st -> st.ackMicros().p99() / 1000.0);
                rows.add(new Row(workload, "committed msgs/s / ack p99 ms at " + Stats.number(rate, 0) + " msgs/s",
                        Stats.number(committed, 0) + " / " + Stats.number(ackP99, 2), "-", "-", "-", "-",
                        durable ? "≥ 20,000 / ≤ 10" : "-",
                        durable && rate >= 20_000 ? (committed.orElse(0) >= 20_000 * 0.99 && ackP99.orElse(1e9) <= 10 ? "met" : "missed") : "-"));
            }
        }
    }

    // ------------------------------------------------------------------ W5: a client that stops reading

    private void w5() throws Exception {
        int rate = o.quick() ? 200 : 300;
        List<StepSpec> steps = List.of(new StepSpec(rate, 1000, o.quick() ? 3000 : 5000),
                new StepSpec(rate, 1000, o.quick() ? 8000 : 25_000));
        List<Target> targets = List.of(Target.LANCHAT, Target.NATS, Target.MOSQUITTO);
        int members = o.groupSize();
        Map<Target, List<RunResult>> runs = repeat("W5", targets, t ->
                once("W5", t, RunSpec.Pattern.GROUP, members, steps, false, members - 1, 1));
        Map<Target, OptionalDouble> slowdown = new LinkedHashMap<>();
        Map<Target, OptionalDouble> rssGrowth = new LinkedHashMap<>();
        Map<Target, OptionalDouble> closed = new LinkedHashMap<>();
        for (Target t : targets) {
            slowdown.put(t, Stats.median(runs.get(t).stream().map(r -> r.steps().size() < 2 ? Double.NaN
                    : (double) r.steps().get(1).latencyMicros().p99() / Math.max(1, r.steps().get(0).latencyMicros().p99())).toList()));
            rssGrowth.put(t, Stats.median(runs.get(t).stream().map(r -> r.steps().size() < 2 ? Double.NaN
                    : (r.steps().get(1).serverRssMaxKb() - r.steps().get(0).serverRssMaxKb()) / 1024.0).toList()));
            closed.put(t, Stats.median(runs.get(t).stream().map(r -> r.stalledClosed() ? 1.0 : 0.0).toList()));
        }
        Map<Target, OptionalDouble> delivered = new LinkedHashMap<>();
        for (Target t : targets) {
            delivered.put(t, Stats.median(runs.get(t).stream().map(r -> r.steps().size() < 2 ? Double.NaN
                    : r.steps().get(1).deliveredRatio()).toList()));
        }
        String at = " (" + Stats.number(rate * (members - 2.0), 0) + " deliveries/s)";
        double ours = slowdown.get(Target.LANCHAT).orElse(Double.NaN);
        rows.add(row("W5", "others' p99 with a stalled reader ÷ without" + at, slowdown, Target.LANCHAT, Target.NATS,
                Target.MOSQUITTO, 2, "≤ 1.10", ours <= 1.10 ? "met" : "missed"));
        rows.add(row("W5", "others' delivered/offered with a stalled reader", delivered, Target.LANCHAT, Target.NATS,
                Target.MOSQUITTO, 4, "1", "-"));
        rows.add(row("W5", "server RSS growth while stalled, MB (max, stall ÷ baseline step)", rssGrowth, Target.LANCHAT,
                Target.NATS, Target.MOSQUITTO, 1, "bounded", "-"));
        rows.add(row("W5", "stalled client disconnected by the server (1 = yes)", closed, Target.LANCHAT, Target.NATS,
                Target.MOSQUITTO, 0, "-", "-"));
    }

    // ------------------------------------------------------------------ running

    @FunctionalInterface
    private interface Once {
        RunResult run(Target t) throws Exception;
    }

    /** Runs every target {@code reps} times, rotating the order each repetition (A/B/C, B/C/A, C/A/B). */
    private Map<Target, List<RunResult>> repeat(String workload, List<Target> targets, Once once) throws Exception {
        Map<Target, List<RunResult>> runs = new LinkedHashMap<>();
        targets.forEach(t -> runs.put(t, new ArrayList<>()));
        for (int rep = 0; rep < o.reps(); rep++) {
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get((i + rep) % targets.size());
                String before = loadAverage();
                log(workload + " " + t.label + ", repetition " + (rep + 1) + " of " + o.reps());
                RunResult r = once.run(t);
                loads.add(workload + " " + t.label + " #" + (rep + 1) + ": " + before + " -> " + loadAverage());
                log("  load average " + before + " -> " + loadAverage());
                runs.get(t).add(r);
                for (StepResult s : r.steps()) {
                    log(String.format("  %,7d msgs/s → %,10.0f deliveries/s  delivered %.4f  p50 %,8.2f ms  p99 %,8.2f ms  max %,8.1f ms  ack p99 %,7.2f ms  CPU %6.3f µs/delivery  RSS %,d MB  %s",
                            s.messagesPerSecond(), s.deliveriesPerSecond(), s.deliveredRatio(),
                            s.latencyMicros().p50() / 1000.0, s.latencyMicros().p99() / 1000.0, s.latencyMicros().max() / 1000.0,
                            s.ackMicros().p99() / 1000.0, s.cpuMicrosPerDelivery(), s.serverRssMaxKb() / 1024,
                            s.passed() ? "pass" : "FAIL"));
                }
                r.notes().stream().limit(5).forEach(n -> log("  note: " + n));
            }
        }
        Map<String, Object> byTarget = new LinkedHashMap<>();
        runs.forEach((t, list) -> byTarget.put(t.label, list));
        raw.put(workload, byTarget);
        return runs;
    }

    private RunResult once(String workload, Target t, RunSpec.Pattern pattern, int members, List<StepSpec> steps,
                           boolean stopOnFailure, int stalled, int stallFrom) throws Exception {
        boolean profile = o.profile() && !profiled && t == Target.LANCHAT && workload.equals("W2");
        try (ServerProcess server = start(t, members, List.of())) {
            RunSpec spec = spec(t, server, pattern, 0, members, members, steps, stopOnFailure, stalled, stallFrom, false);
            long seconds = 120 + steps.stream().mapToLong(s -> (s.warmupMillis() + s.measureMillis()) / 1000 + 5).sum();
            try (GeneratorProcess g = GeneratorProcess.start(spec, work,
                    workload.replace(' ', '-').toLowerCase(Locale.ROOT) + "-" + t.name().toLowerCase(Locale.ROOT), generatorJvm())) {
                // Profiled from the moment every member is logged in: the steps, not start-up and argon2 logins.
                AsyncProfiler profiler = profile && g.awaitReady(900) ? AsyncProfiler.start(server.pid(), work) : null;
                RunResult r = g.awaitResult(seconds);
                if (profiler != null) {
                    Path base = o.results().resolve("appliance-w2-profile");
                    profiler.stop(base);
                    Path summary = o.results().resolve("appliance-w2-profile.txt");
                    Files.writeString(summary, ProfileSummary.summarize(Path.of(base + ".collapsed")));
                    profiled = true;
                    log("  profile of the appliance: " + base + ".html (flame graph), " + summary);
                }
                return r;
            }
        }
    }

    private ServerProcess start(Target t, int accounts, List<String> extraJvm) throws IOException, SQLException {
        Path dir = work.resolve("servers");
        return switch (t.server) {
            case LANCHAT -> {
                List<String> jvm = new ArrayList<>(o.applianceJvm());
                jvm.addAll(extraJvm);
                RunSpec naming = spec(t, null, RunSpec.Pattern.IDLE, 0, 2, 2, List.of(), false, -1, 0, false);
                yield LanChatServer.start(new LanChatServer.Options(dir, t.tls, accounts, tokenSeed, naming::username,
                        naming::token, t.mariadb ? o.mysqlUrl() : null, "root", jvm, List.of()));
            }
            case NATS -> ReferenceServers.nats(dir, t.tls);
            case MQTT -> ReferenceServers.mosquitto(dir);
        };
    }

    private RunSpec spec(Target t, ServerProcess server, RunSpec.Pattern pattern, int first, int members, int groupSize,
                         List<StepSpec> steps, boolean stopOnFailure, int stalled, int stallFrom, boolean hold) {
        String pin = server instanceof LanChatServer l ? l.fingerprint() : null;
        return new RunSpec(t.server, "127.0.0.1", server == null ? 0 : server.port(), t.tls, pin, tokenSeed, first, members,
                groupSize, pattern, steps, stopOnFailure, P99_LIMIT_MILLIS, stalled, stallFrom, 100,
                server == null ? 0 : server.pid(), 2, t.tls ? 24 : 100, hold,
                switch (pattern) {
                    case IDLE -> 0;
                    case GROUP -> 50;
                    case PRIVATE -> 2000;
                }, o.quick() ? 3000 : 8000);
    }

    private static List<String> generatorJvm() {
        return List.of("-Xms256m", "-Xmx2g", "-XX:+UseParallelGC");
    }

    // ------------------------------------------------------------------ summaries

    private static double maxPassedDeliveries(RunResult r) {
        return r.steps().stream().filter(StepResult::passed)
                .mapToDouble(s -> (double) s.messagesPerSecond() * s.fanout()).max().orElse(0);
    }

    private static java.util.Optional<StepResult> step(RunResult r, int rate) {
        return r.steps().stream().filter(s -> s.messagesPerSecond() == rate).findFirst();
    }

    private static OptionalDouble stepMedian(List<RunResult> runs, int rate, ToDoubleFunction<StepResult> metric) {
        return Stats.median(runs.stream().map(r -> step(r, rate).map(metric::applyAsDouble).orElse(Double.NaN)).toList());
    }

    private static Row row(String workload, String metric, Map<Target, OptionalDouble> values, Target ours, Target nats,
                           Target mosquitto, int decimals, String target, String verdict) {
        OptionalDouble us = values.get(ours);
        OptionalDouble n = nats == null ? OptionalDouble.empty() : values.get(nats);
        OptionalDouble m = mosquitto == null ? OptionalDouble.empty() : values.get(mosquitto);
        return new Row(workload, metric, Stats.number(us, decimals), nats == null ? "-" : Stats.number(n, decimals),
                mosquitto == null ? "-" : Stats.number(m, decimals), nats == null ? "-" : Stats.ratio(us, n),
                mosquitto == null ? "-" : Stats.ratio(us, m), target, verdict);
    }

    private LatencyPlot.Series plotSeries(String label, List<RunResult> runs) {
        List<double[]> points = new ArrayList<>();
        for (StepSpec s : o.groupSteps()) {
            OptionalDouble p99 = stepMedian(runs, s.messagesPerSecond(), st -> st.latencyMicros().p99() / 1000.0);
            OptionalDouble p50 = stepMedian(runs, s.messagesPerSecond(), st -> st.latencyMicros().p50() / 1000.0);
            if (p99.isPresent()) {
                points.add(new double[] {s.messagesPerSecond() * (o.groupSize() - 1.0), p50.orElse(Double.NaN), p99.getAsDouble()});
            }
        }
        return new LatencyPlot.Series(label, points);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            m.put("memory", Files.readAllLines(Path.of("/proc/meminfo")).get(0));
        } catch (IOException e) {
            m.put("memory", "unknown");
        }
        return m;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void log(String line) {
        System.out.println(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now()) + " " + line);
    }
}
