package org.lanchat.bench;

import static org.lanchat.bench.Summaries.stepMedian;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.DurableTable;

/**
 * The rows of the durable table for one private workload: at each offered rate, ours (the first target) and each
 * durable reference, medians over repetitions, with their syncs and commits per second and ours/theirs; then the
 * most the store floor commits. A reference's ack is what stands for "stored" there: JetStream's PubAck, the floor's
 * commit.
 */
record DurableComparison(String workload, List<Target> targets, Map<Target, List<RunResult>> runs) {
    List<DurableTable.Row> rows(List<StepSpec> steps) {
        List<Target> durable = targets.stream().filter(Target::durable).toList();
        List<DurableTable.Row> rows = new ArrayList<>();
        if (durable.size() < 2) {
            return rows;
        }
        Target ours = durable.get(0);
        for (StepSpec s : steps) {
            for (Target t : durable) {
                rows.add(row(s.messagesPerSecond(), t, ours));
            }
        }
        for (Target t : durable) {
            if (t.storeFloor()) {
                rows.add(row(0, t, null));
            }
        }
        return rows;
    }

    private DurableTable.Row row(int rate, Target t, Target ours) {
        OptionalDouble committed = median(t, rate, DurableComparison::committedPerSecond);
        OptionalDouble ack = median(t, rate, st -> st.ackMicros().count() == 0 ? Double.NaN : st.ackMicros().p99() / 1000.0);
        boolean delivers = !t.storeFloor();
        boolean compared = ours != null && t != ours;
        return new DurableTable.Row(workload, rate == 0 ? "max" : Stats.number(rate, 0), t.label,
                Stats.number(committed, 0), Stats.number(ack, 2),
                delivers ? Stats.number(median(t, rate, st -> st.latencyMicros().p99() / 1000.0), 2) : "-",
                delivers ? Stats.number(median(t, rate, StepResult::deliveredRatio), 4) : "-",
                fsyncs(t, rate), Stats.number(median(t, rate, st -> st.syncRates().commits()), 0),
                compared ? Stats.ratio(median(ours, rate, DurableComparison::committedPerSecond), committed) : "-",
                compared ? Stats.ratio(median(ours, rate, st -> st.ackMicros().p99() / 1000.0), ack) : "-");
    }

    /**
     * A MySQL/MariaDB server's InnoDB syncs where read (all files, the redo log's included; the log's alone too where
     * the server reports them: MariaDB 10.11 does not), else the process's own fsyncs.
     */
    private String fsyncs(Target t, int rate) {
        OptionalDouble all = median(t, rate, st -> st.syncRates().innodbDataFsyncs());
        if (all.isEmpty()) {
            return Stats.number(median(t, rate, st -> st.syncRates().fsyncs()), 0);
        }
        OptionalDouble log = median(t, rate, st -> st.syncRates().innodbLogFsyncs());
        return Stats.number(all, 0) + (log.isPresent() ? " (log " + Stats.number(log, 0) + ")" : "");
    }

    private OptionalDouble median(Target t, int rate, ToDoubleFunction<StepResult> metric) {
        return stepMedian(runs.get(t), rate, st -> st.syncRates() == null ? Double.NaN : metric.applyAsDouble(st));
    }

    /** At an offered rate as the table's other rows count it; at "max" (rate 0), over the measured period. */
    static double committedPerSecond(StepResult s) {
        return s.messagesPerSecond() > 0 ? Summaries.committedPerSecond(s) : s.acks() / s.measuredSeconds();
    }
}
