package org.lanchat.bench;

import static org.lanchat.bench.Progress.log;
import static org.lanchat.bench.Summaries.stepMedian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.lanchat.bench.load.GeneratorMain;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.DurableTable;
import org.lanchat.bench.report.LatencyPlot;
import org.lanchat.bench.report.ResultTable;
import org.lanchat.bench.report.ResultTable.Row;

/**
 * The benchmark driver: runs the workloads of issue 6 against the appliance, NATS and Mosquitto, each
 * server and each generator in its own process, repetitions alternating between servers (A/B/C, then
 * B/C/A, …), and reports medians: a table on standard output, a JSON file and a latency plot under
 * the results directory. Each workload is a class of its own ({@link IdleWorkload}, {@link GroupWorkload},
 * {@link PrivateWorkload}, {@link StalledReaderWorkload}, and for several appliances {@link ClusterWorkload} and
 * {@link FailoverWorkload}); {@link Runner} starts the processes.
 *
 * <pre>
 *   bench/run.sh                       # everything, as in docs/PERFORMANCE.md (about an hour)
 *   bench/run.sh --quick               # small sizes, one repetition (about 7 minutes, 4 of them W7)
 *   bench/run.sh --workloads W2,W3     # a subset
 *   bench/run.sh --quick --workloads W7     # one, two and three appliances, and failover (about 5 minutes)
 *   bench/run.sh --workloads W2,W3 --profile   # plus CPU profiles of the appliance under W2, W3 and W4 private (async-profiler);
 *                                              with W1, its TLS login storm and its idle connections
 *   bench/run.sh --workloads W8        # appliance start to ready, without and with the AOT cache ({@link StartupWorkload})
 * </pre>
 */
public final class Bench {
    private final BenchOptions o;
    private final Runner runner;
    private final List<Row> rows = new ArrayList<>();
    private final List<DurableTable.Row> durable = new ArrayList<>();

    Bench(BenchOptions o) throws IOException {
        this.o = o;
        this.runner = new Runner(o, Files.createTempDirectory("lanchat-bench-"));
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
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
        log("work directory " + runner.work() + "; workloads " + o.workloads() + ", " + o.reps() + " repetition(s)"
                + (o.quick() ? ", quick sizes" : ""));
        Map<String, Map<Target, List<RunResult>>> plotted = new LinkedHashMap<>();
        workload("W1", () -> new IdleWorkload(o, runner, rows).run(), started, plotted);
        workload("W2", () -> plotted.put("W2", new GroupWorkload(o, runner, rows).run("W2", List.of(Target.LANCHAT, Target.NATS, Target.MOSQUITTO))),
                started, plotted);
        workload("W3", () -> new PrivateWorkload(o, runner, rows, durable).run("W3", List.of(Target.LANCHAT, Target.NATS,
                Target.MOSQUITTO, Target.NATS_JETSTREAM, Target.STORE_FLOOR_H2), o.privateSteps()), started, plotted);
        workload("W4", () -> {
            new GroupWorkload(o, runner, rows).run("W4 group", List.of(Target.LANCHAT_MARIADB));
            new PrivateWorkload(o, runner, rows, durable).run("W4 private", List.of(Target.LANCHAT_MARIADB,
                    Target.NATS_JETSTREAM, Target.STORE_FLOOR_MARIADB), o.durablePrivateSteps());
        }, started, plotted);
        workload("W5", () -> new StalledReaderWorkload(o, runner, rows).run(), started, plotted);
        workload("W6", () -> {
            plotted.put("W6", new GroupWorkload(o, runner, rows).run("W6 group", List.of(Target.LANCHAT_TLS, Target.NATS_TLS)));
            new PrivateWorkload(o, runner, rows, durable).run("W6 private", List.of(Target.LANCHAT_TLS, Target.NATS_TLS), o.privateSteps());
        }, started, plotted);
        workload("W7", () -> {
            new ClusterWorkload(o, runner, rows).run();
            new FailoverWorkload(o, runner, rows).run();
        }, started, plotted);
        workload("W8", () -> new StartupWorkload(o, runner, rows).run(), started, plotted);
        Path file = report(started, plotted);
        System.out.println();
        System.out.println(ResultTable.render(rows));
        if (!durable.isEmpty()) {
            System.out.println(DurableTable.render(durable));
        }
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
        json.put("machine", Progress.machine());
        json.put("started", started.toString());
        json.put("finished", Instant.now().toString());
        json.put("options", o.toString());
        json.put("table", rows);
        json.put("durable", durable);
        json.put("loadAverages", runner.loads());
        json.put("runs", runner.raw());
        Path file = o.results().resolve("bench-" + stamp + ".json");
        GeneratorMain.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        Files.writeString(o.results().resolve("table-" + stamp + ".md"), ResultTable.markdown(rows)
                + (durable.isEmpty() ? "" : "\n" + DurableTable.markdown(durable)));
        return file;
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
}
