package org.lanchat.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.report.ResultTable.Row;

/** Medians over repetitions, turned into rows of the result table (ours, NATS, Mosquitto, ratios). */
final class Summaries {
    private Summaries() {
    }

    static double maxPassedDeliveries(RunResult r) {
        return r.steps().stream().filter(StepResult::passed)
                .mapToDouble(s -> (double) s.messagesPerSecond() * s.fanout()).max().orElse(0);
    }

    /** Messages the appliance acknowledged per second of the step: each ack means the message is in the database. */
    static double committedPerSecond(StepResult s) {
        return s.acks() / Math.max(0.001, s.offeredMessages() / (double) s.messagesPerSecond());
    }

    static Optional<StepResult> step(RunResult r, int rate) {
        return r.steps().stream().filter(s -> s.messagesPerSecond() == rate).findFirst();
    }

    static OptionalDouble stepMedian(List<RunResult> runs, int rate, ToDoubleFunction<StepResult> metric) {
        return Stats.median(runs.stream().map(r -> step(r, rate).map(metric::applyAsDouble).orElse(Double.NaN)).toList());
    }

    static Row row(String workload, String metric, Map<Target, OptionalDouble> values, Target ours, Target nats,
                   Target mosquitto, int decimals, String target, String verdict) {
        OptionalDouble us = values.get(ours);
        OptionalDouble n = nats == null ? OptionalDouble.empty() : values.get(nats);
        OptionalDouble m = mosquitto == null ? OptionalDouble.empty() : values.get(mosquitto);
        return new Row(workload, metric, Stats.number(us, decimals), nats == null ? "-" : Stats.number(n, decimals),
                mosquitto == null ? "-" : Stats.number(m, decimals), nats == null ? "-" : Stats.ratio(us, n),
                mosquitto == null ? "-" : Stats.ratio(us, m), target, verdict);
    }
}
