package org.lanchat.bench;

import static org.lanchat.bench.Progress.loadAverage;
import static org.lanchat.bench.Progress.log;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.lanchat.bench.load.FailoverProbe;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.report.ResultTable.Row;
import org.lanchat.bench.server.ApplianceCluster;

/**
 * W7 (c): how long a client hears nothing when the appliance it uses is killed (SIGKILL, no goodbye) while
 * another member keeps the chat going. Three members: the listener starts on the first, the talker sends through
 * the second, and the listener resumes on the third, so what it hears after the move has crossed the bus. After
 * each round a fresh member takes the killed one's place, as an administrator would restart it.
 */
record FailoverWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    private static final Target CLUSTER = Target.LANCHAT_CLUSTER_3;
    private static final int VICTIM = 0;
    private static final int TALKER_MEMBER = 1;

    void run() throws Exception {
        int rounds = o.quick() ? 3 : 5;
        List<FailoverProbe.Outcome> outcomes = new ArrayList<>();
        String before = loadAverage();
        log("W7 failover, " + CLUSTER.label + ", " + rounds + " rounds");
        try (ApplianceCluster cluster = runner.cluster(CLUSTER, 2)) {
            for (int round = 1; round <= rounds; round++) {
                RunSpec spec = runner.spec(CLUSTER, cluster, RunSpec.Pattern.IDLE, 0, 2, 2, List.of(), false, -1, 0, false);
                FailoverProbe.Outcome r = new FailoverProbe(spec, VICTIM, TALKER_MEMBER, "r" + round)
                        .measure(() -> cluster.kill(VICTIM));
                outcomes.add(r);
                log(String.format("  round %d: connection lost after %s ms, session resumed on port %d after %s ms, "
                                + "first message after %s ms%s", round, Stats.number(r.lostMillis(), 1), r.resumedOnPort(),
                        Stats.number(r.resumedMillis(), 1), Stats.number(r.firstMessageMillis(), 1),
                        r.note().isEmpty() ? "" : "; " + r.note()));
                cluster.replace(VICTIM);
            }
        }
        runner.noteLoad("W7 failover: " + before + " -> " + loadAverage());
        runner.raw("W7 failover", outcomes);
        List<Double> firstMessage = outcomes.stream().map(FailoverProbe.Outcome::firstMessageMillis).toList();
        List<Double> resumed = outcomes.stream().map(FailoverProbe.Outcome::resumedMillis).toList();
        long failed = firstMessage.stream().filter(v -> v.isNaN()).count();
        rows.add(new Row("W7 failover", "kill -9 of a client's appliance → first message on another member, ms: median / max ("
                + rounds + " rounds, 3 appliances)", Stats.number(Stats.median(firstMessage), 1) + " / "
                + (failed > 0 ? failed + " of " + rounds + " never" : Stats.number(max(firstMessage), 1)),
                "-", "-", "-", "-", "-", "-"));
        rows.add(new Row("W7 failover", "of which until the session was resumed there, ms: median / max",
                Stats.number(Stats.median(resumed), 1) + " / " + Stats.number(max(resumed), 1), "-", "-", "-", "-", "-", "-"));
    }

    private static OptionalDouble max(List<Double> values) {
        return values.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max();
    }
}
