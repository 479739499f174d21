package org.lanchat.bench;

import static org.lanchat.bench.Summaries.step;
import static org.lanchat.bench.Summaries.stepMedian;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.ResultTable.Row;

/**
 * W7 (a, b): one, two and three appliances serving one chat on a shared MariaDB database, clients spread
 * round-robin over the members. The group ladder of W2/W4 (at its full run's rates) and the durable private steps
 * of W4 run against each size, repetitions alternated between sizes, and each figure is reported with its ratio to
 * one member. One member runs in cluster mode too, so the ratios show what spreading costs or gains, not what
 * joining a bus costs.
 */
record ClusterWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    static final List<Target> SIZES = List.of(Target.LANCHAT_CLUSTER_1, Target.LANCHAT_CLUSTER_2, Target.LANCHAT_CLUSTER_3);

    void run() throws Exception {
        group();
        privateMessages();
    }

    private void group() throws Exception {
        String workload = "W7 group";
        List<StepSpec> ladder = o.clusterGroupSteps();
        GroupWorkload group = new GroupWorkload(o, runner, rows);
        Map<Target, List<RunResult>> runs = group.measure(workload, SIZES, ladder);
        // A size whose median run passed the top step might do more: its figure is only a lower bound.
        int top = ladder.get(ladder.size() - 1).messagesPerSecond();
        Set<Target> lowerBounds = new HashSet<>();
        perRun(runs, r -> step(r, top).filter(StepResult::passed).isPresent() ? 1 : 0).forEach((t, passed) -> {
            if (passed.orElse(0) >= 0.5) {
                lowerBounds.add(t);
            }
        });
        rows.add(bySize(workload, "max deliveries/s, 100% delivered, p99 ≤ " + Runner.P99_LIMIT_MILLIS + " ms ("
                + (o.groupSize() - 1) + " deliveries per message)", perRun(runs, Summaries::maxPassedDeliveries), 0,
                lowerBounds));
        int rate = group.referenceRate(runs, ladder);
        if (rate > 0) {
            String at = " at " + Stats.number(rate * (o.groupSize() - 1.0), 0) + " deliveries/s";
            rows.add(bySize(workload, "p99 latency, ms" + at, perStep(runs, rate, s -> s.latencyMicros().p99() / 1000.0), 2));
            // Every member and the bus: what the cluster as a whole spends on a delivery.
            rows.add(bySize(workload, "servers' CPU µs per delivery" + at, perStep(runs, rate, StepResult::cpuMicrosPerDelivery), 3));
            rows.add(bySize(workload, "generator CPU µs per delivery" + at,
                    perStep(runs, rate, StepResult::generatorCpuMicrosPerDelivery), 3));
        }
    }

    private void privateMessages() throws Exception {
        List<StepSpec> steps = o.durablePrivateSteps();
        Map<Target, List<RunResult>> runs = new PrivateWorkload(o, runner, rows, new ArrayList<>()).measure("W7 private", SIZES, steps);
        for (StepSpec s : steps) {
            int rate = s.messagesPerSecond();
            String at = " at " + Stats.number(rate, 0) + " msgs/s offered, " + o.pairs() + " pairs";
            rows.add(bySize("W7 private", "committed msgs/s" + at, perStep(runs, rate, Summaries::committedPerSecond), 0));
            rows.add(bySize("W7 private", "ack p99, ms" + at, perStep(runs, rate, st -> st.ackMicros().p99() / 1000.0), 2));
            rows.add(bySize("W7 private", "delivered/offered" + at, perStep(runs, rate, StepResult::deliveredRatio), 4));
        }
    }

    private static Map<Target, OptionalDouble> perRun(Map<Target, List<RunResult>> runs, ToDoubleFunction<RunResult> metric) {
        Map<Target, OptionalDouble> medians = new LinkedHashMap<>();
        runs.forEach((t, list) -> medians.put(t, Stats.median(list.stream().map(metric::applyAsDouble).toList())));
        return medians;
    }

    private static Map<Target, OptionalDouble> perStep(Map<Target, List<RunResult>> runs, int rate,
                                                      ToDoubleFunction<StepResult> metric) {
        Map<Target, OptionalDouble> medians = new LinkedHashMap<>();
        runs.forEach((t, list) -> medians.put(t, stepMedian(list, rate, metric)));
        return medians;
    }

    private static Row bySize(String workload, String metric, Map<Target, OptionalDouble> values, int decimals) {
        return bySize(workload, metric, values, decimals, Set.of());
    }

    /**
     * One row: the medians with 1, 2 and 3 appliances, then each size's ratio to one appliance, from the same run;
     * "≥" marks a value that is only a lower bound.
     */
    private static Row bySize(String workload, String metric, Map<Target, OptionalDouble> values, int decimals,
                              Set<Target> lowerBounds) {
        StringBuilder cell = new StringBuilder();
        StringBuilder ratios = new StringBuilder();
        OptionalDouble one = values.get(SIZES.get(0));
        for (Target t : SIZES) {
            cell.append(cell.isEmpty() ? "" : " / ").append(lowerBounds.contains(t) ? "≥ " : "")
                    .append(Stats.number(values.get(t), decimals));
            if (t != SIZES.get(0)) {
                ratios.append(ratios.isEmpty() ? "" : ", ").append(t.clusterMembers).append("÷1 ")
                        .append(Stats.ratio(values.get(t), one));
            }
        }
        return new Row(workload, metric + "; 1 / 2 / 3 appliances", cell + " (" + ratios + ")", "-", "-", "-", "-", "-", "-");
    }
}
