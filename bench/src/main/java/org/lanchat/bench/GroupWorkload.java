package org.lanchat.bench;

import static org.lanchat.bench.Summaries.row;
import static org.lanchat.bench.Summaries.step;
import static org.lanchat.bench.Summaries.stepMedian;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.ResultTable.Row;

/** W2, W4 and W6: a group whose every message fans out to all members, at rising rates. */
record GroupWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    /** Runs the group workload against {@code targets} (ours first) and adds its rows; the runs, for the plot. */
    Map<Target, List<RunResult>> run(String workload, List<Target> targets) throws Exception {
        int members = o.groupSize();
        Map<Target, List<RunResult>> runs = measure(workload, targets, o.groupSteps());
        Map<Target, OptionalDouble> max = new LinkedHashMap<>();
        for (Target t : targets) {
            max.put(t, Stats.median(runs.get(t).stream().map(Summaries::maxPassedDeliveries).toList()));
        }
        int reference = referenceRate(runs, o.groupSteps());
        Target ours = targets.get(0);
        Target nats = targets.stream().filter(t -> t.server == RunSpec.Server.NATS).findFirst().orElse(null);
        Target mosquitto = targets.stream().filter(t -> t.server == RunSpec.Server.MQTT).findFirst().orElse(null);
        String delivered = members - 1 + " deliveries per message";
        rows.add(row(workload, "max deliveries/s, 100% delivered, p99 ≤ " + Runner.P99_LIMIT_MILLIS + " ms (" + delivered + ")",
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
            rows.add(row(workload, "p99 latency, ms" + at, p99, ours, nats, mosquitto, 2, "≤ " + Runner.P99_LIMIT_MILLIS, "-"));
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
                    .filter(StepResult::passed).mapToDouble(Summaries::committedPerSecond)
                    .max().orElse(0)).toList());
            OptionalDouble ackP99 = Stats.median(runs.get(ours).stream().map(r -> r.steps().stream()
                    .filter(StepResult::passed).reduce((a, b) -> b).map(s -> s.ackMicros().p99() / 1000.0).orElse(Double.NaN)).toList());
            rows.add(new Row(workload, "committed msgs/s / ack p99 ms at the highest passing rate",
                    Stats.number(committed, 0) + " / " + Stats.number(ackP99, 2), "-", "-", "-", "-",
                    workload.startsWith("W4") ? "≥ 20,000 / ≤ 10" : "-", "-"));
        }
        return runs;
    }

    /** The ladder against every target, repetitions alternated; each run stops at its first failing step. */
    Map<Target, List<RunResult>> measure(String workload, List<Target> targets, List<StepSpec> ladder) throws Exception {
        return runner.repeat(workload, targets, t ->
                runner.once(workload, t, RunSpec.Pattern.GROUP, o.groupSize(), ladder, true, -1, 0));
    }

    /** The rate to compare latency and CPU at: the highest every target passed in its median run; 0 if none. */
    int referenceRate(Map<Target, List<RunResult>> runs, List<StepSpec> ladder) {
        int reference = 0;
        for (StepSpec s : ladder) {
            boolean all = true;
            for (List<RunResult> list : runs.values()) {
                OptionalDouble ok = Stats.median(list.stream()
                        .map(r -> step(r, s.messagesPerSecond()).filter(StepResult::passed).isPresent() ? 1.0 : 0.0).toList());
                all &= ok.isPresent() && ok.getAsDouble() >= 0.5;
            }
            if (all) {
                reference = s.messagesPerSecond();
            }
        }
        return reference;
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
}
