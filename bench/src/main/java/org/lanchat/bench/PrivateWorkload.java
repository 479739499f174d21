package org.lanchat.bench;

import static org.lanchat.bench.Summaries.row;
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
import org.lanchat.bench.report.DurableTable;
import org.lanchat.bench.report.ResultTable.Row;

/**
 * W3, W4 and W6: private messages between pairs, at rising rates; latency, delivery, commits. The main table
 * compares ours with NATS and Mosquitto; where durable references run too, {@link DurableComparison} puts them
 * beside ours in the durable table.
 */
record PrivateWorkload(BenchOptions o, Runner runner, List<Row> rows, List<DurableTable.Row> durable) {
    void run(String workload, List<Target> targets, List<StepSpec> steps) throws Exception {
        Map<Target, List<RunResult>> runs = measure(workload, targets, steps);
        durable.addAll(new DurableComparison(workload, targets, runs).rows(steps));
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
                OptionalDouble committed = stepMedian(runs.get(ours), rate, Summaries::committedPerSecond);
                OptionalDouble ackP99 = stepMedian(runs.get(ours), rate, st -> st.ackMicros().p99() / 1000.0);
                rows.add(new Row(workload, "committed msgs/s / ack p99 ms at " + Stats.number(rate, 0) + " msgs/s",
                        Stats.number(committed, 0) + " / " + Stats.number(ackP99, 2), "-", "-", "-", "-",
                        durable ? "≥ 20,000 / ≤ 10" : "-",
                        durable && rate >= 20_000 ? (committed.orElse(0) >= 20_000 * 0.99 && ackP99.orElse(1e9) <= 10 ? "met" : "missed") : "-"));
            }
        }
    }

    /** Every step against every target, repetitions alternated; a step that falls behind does not stop the run. */
    Map<Target, List<RunResult>> measure(String workload, List<Target> targets, List<StepSpec> steps) throws Exception {
        return runner.repeat(workload, targets, t ->
                runner.once(workload, t, RunSpec.Pattern.PRIVATE, 2 * o.pairs(), steps, false, -1, 0));
    }
}
