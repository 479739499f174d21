package org.lanchat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.lanchat.bench.load.RunSpec.StepSpec;

/** The bench's command-line settings, checked once. */
record BenchOptions(Set<String> workloads, int reps, boolean quick, Path results, boolean profile, int w1Connections,
               List<String> applianceJvm, String mysqlUrl, Path plot) {
    /** Messages per second into the group, step by step, in the full run. */
    private static final int[] GROUP_RATES = {20, 50, 100, 150, 200, 300, 400, 600};

    static BenchOptions parse(String[] args) {
        Set<String> workloads = new LinkedHashSet<>(List.of("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"));
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
                        + "; options: --quick --workloads W1,..,W8 --reps N --results DIR --w1-connections N "
                        + "--appliance-jvm 'OPTS' --mysql JDBC_SERVER_URL --plot FILE.png --profile");
            }
        }
        for (String w : workloads) {
            if (!w.matches("W[1-8]")) {
                throw new IllegalArgumentException("--workloads: unknown workload " + w + " (W1 to W8)");
            }
        }
        if (reps < 1 || reps > 9) {
            throw new IllegalArgumentException("--reps must be between 1 and 9, got " + reps);
        }
        int connections = w1 != null ? w1 : quick ? 2000 : 19_000;
        if (connections < 2 || connections > 19_500) {
            throw new IllegalArgumentException("--w1-connections must be between 2 and 19500 (the file limit), got " + connections);
        }
        return new BenchOptions(workloads, quick && reps == 3 ? 1 : reps, quick, results, profile, connections, jvm, mysql, plot);
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
        return steps(quick ? new int[] {20, 50, 100, 200} : GROUP_RATES, quick ? 500 : 1000, quick ? 2000 : 4000);
    }

    /**
     * W7's ladder: the full run's rates even when quick, at quick's lengths, and higher ones after them. One appliance
     * passes the quick ladder's top step, and W2's top step with a quick group: its figure would only be a lower bound,
     * and so would every ratio to it. A run stops at its first failing step, so the extra steps cost little.
     */
    List<StepSpec> clusterGroupSteps() {
        int[] rates = IntStream.concat(Arrays.stream(GROUP_RATES), IntStream.of(800, 1000, 1500, 2000, 3000, 4000, 6000)).toArray();
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
