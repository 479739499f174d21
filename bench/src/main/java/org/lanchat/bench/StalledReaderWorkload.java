package org.lanchat.bench;

import static org.lanchat.bench.Summaries.row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.ResultTable.Row;

/** W5: one group member stops reading; how much the others notice, and what the server does about it. */
record StalledReaderWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    void run() throws Exception {
        int rate = o.quick() ? 200 : 300;
        List<StepSpec> steps = List.of(new StepSpec(rate, 1000, o.quick() ? 3000 : 5000),
                new StepSpec(rate, 1000, o.quick() ? 8000 : 25_000));
        List<Target> targets = List.of(Target.LANCHAT, Target.NATS, Target.MOSQUITTO);
        int members = o.groupSize();
        Map<Target, List<RunResult>> runs = runner.repeat("W5", targets, t ->
                runner.once("W5", t, RunSpec.Pattern.GROUP, members, steps, false, members - 1, 1));
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
}
