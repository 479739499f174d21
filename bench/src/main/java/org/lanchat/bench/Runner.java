package org.lanchat.bench;

import static org.lanchat.bench.Progress.loadAverage;
import static org.lanchat.bench.Progress.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lanchat.bench.floor.StoreFloor;
import org.lanchat.bench.load.GeneratorProcess;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.report.ProfileSummary;
import org.lanchat.bench.server.ApplianceCluster;
import org.lanchat.bench.server.AsyncProfiler;
import org.lanchat.bench.server.LanChatServer;
import org.lanchat.bench.server.ReferenceServers;
import org.lanchat.bench.server.ServerProcess;
import org.lanchat.bench.server.ServerUnderTest;

/**
 * Starts servers and generator processes for one run at a time, repeats runs with the servers' order rotated,
 * and keeps what every run measured and how loaded the machine was meanwhile.
 */
final class Runner {
    /** A step passes while its p99 latency stays within this. */
    static final int P99_LIMIT_MILLIS = 100;

    private final BenchOptions o;
    private final Path work;
    private final String tokenSeed = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Object> raw = new LinkedHashMap<>();
    // Load average before and after each run: the machine is shared, and this shows how much.
    private final List<String> loads = new ArrayList<>();
    /** Workloads whose appliance run was profiled already: one each of W2 (group), W3 and W4 private. */
    private final Set<String> profiled = new HashSet<>();

    Runner(BenchOptions o, Path work) {
        this.o = o;
        this.work = work;
    }

    Path work() {
        return work;
    }

    /** Every run's results by workload and server, for the JSON file. */
    Map<String, Object> raw() {
        return raw;
    }

    void raw(String workload, Object results) {
        raw.put(workload, results);
    }

    List<String> loads() {
        return loads;
    }

    void noteLoad(String line) {
        loads.add(line);
    }

    @FunctionalInterface
    interface Once {
        RunResult run(Target t) throws Exception;
    }

    /** Runs every target {@code reps} times, rotating the order each repetition (A/B/C, B/C/A, C/A/B). */
    Map<Target, List<RunResult>> repeat(String workload, List<Target> targets, Once once) throws Exception {
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
                    log(String.format("  %,7d msgs/s → %,10.0f deliveries/s  delivered %.4f  p50 %,8.2f ms  p99 %,8.2f ms  max %,8.1f ms  ack p99 %,7.2f ms  CPU %6.3f µs/delivery  RSS %,d MB  generator GC %d ms  %s",
                            s.messagesPerSecond(), s.deliveriesPerSecond(), s.deliveredRatio(),
                            s.latencyMicros().p50() / 1000.0, s.latencyMicros().p99() / 1000.0, s.latencyMicros().max() / 1000.0,
                            s.ackMicros().p99() / 1000.0, s.cpuMicrosPerDelivery(), s.serverRssMaxKb() / 1024,
                            s.generatorGcMillis(), s.passed() ? "pass" : "FAIL"));
                }
                r.notes().stream().limit(5).forEach(n -> log("  note: " + n));
            }
        }
        Map<String, Object> byTarget = new LinkedHashMap<>();
        runs.forEach((t, list) -> byTarget.put(t.label, list));
        raw.put(workload, byTarget);
        return runs;
    }

    RunResult once(String workload, Target t, RunSpec.Pattern pattern, int members, List<StepSpec> steps,
                   boolean stopOnFailure, int stalled, int stallFrom) throws Exception {
        if (t.storeFloor()) {
            return storeFloor(t, members / 2, steps);
        }
        boolean profile = o.profile() && !profiled.contains(workload)
                && (t == Target.LANCHAT && Set.of("W2", "W3").contains(workload)
                    || t == Target.LANCHAT_MARIADB && workload.equals("W4 private"));
        try (ServerUnderTest server = deploy(t, members)) {
            RunSpec spec = spec(t, server, pattern, 0, members, members, steps, stopOnFailure, stalled, stallFrom, false);
            long seconds = 120 + steps.stream().mapToLong(s -> (s.warmupMillis() + s.measureMillis()) / 1000 + 5).sum();
            try (GeneratorProcess g = GeneratorProcess.start(spec, work,
                    workload.replace(' ', '-').toLowerCase(Locale.ROOT) + "-" + t.name().toLowerCase(Locale.ROOT), generatorJvm())) {
                // Profiled from the moment every member is logged in: the steps, not start-up and argon2 logins.
                AsyncProfiler profiler = profile && g.awaitReady(900) ? AsyncProfiler.start(server.pids().get(0), work) : null;
                RunResult r = g.awaitResult(seconds);
                if (profiler != null) {
                    String name = "appliance-" + workload.replace(' ', '-').toLowerCase(Locale.ROOT) + "-profile";
                    Path base = o.results().resolve(name);
                    profiler.stop(base);
                    Path summary = o.results().resolve(name + ".txt");
                    Files.writeString(summary, ProfileSummary.summarize(Path.of(base + ".collapsed")));
                    profiled.add(workload);
                    log("  profile of the appliance: " + base + ".html (flame graph), " + summary);
                }
                return r;
            }
        }
    }

    /**
     * The store floor at the steps' rates for {@code pairs} private conversations, then at the most it commits
     * (a step of rate 0), on a fresh H2 database or a fresh database of the MariaDB server.
     */
    private RunResult storeFloor(Target t, int pairs, List<StepSpec> steps) throws Exception {
        List<StepSpec> withMax = new ArrayList<>(steps);
        StepSpec last = steps.get(steps.size() - 1);
        withMax.add(new StepSpec(0, last.warmupMillis(), last.measureMillis()));
        try (StoreFloor floor = t.mariadb ? StoreFloor.mariadb(o.mysqlUrl(), "root", pairs)
                : StoreFloor.h2(work.resolve("servers").resolve("floor-" + UUID.randomUUID().toString().substring(0, 8)), pairs)) {
            return floor.run(withMax, true);
        }
    }

    /** What {@code t} names: one server process, or several appliances serving one chat. */
    ServerUnderTest deploy(Target t, int accounts) throws IOException, SQLException {
        return t.clusterMembers > 0 ? cluster(t, accounts) : start(t, accounts, List.of());
    }

    ServerProcess start(Target t, int accounts, List<String> extraJvm) throws IOException, SQLException {
        Path dir = work.resolve("servers");
        return switch (t.server) {
            case LANCHAT -> LanChatServer.start(applianceOptions(t, accounts, extraJvm));
            case NATS -> ReferenceServers.nats(dir, t.tls);
            case JETSTREAM -> ReferenceServers.jetStream(dir, accounts);
            case MQTT -> ReferenceServers.mosquitto(dir);
        };
    }

    /** {@code t.clusterMembers} appliances on one MariaDB database and a bus of their own, seeded with {@code accounts}. */
    ApplianceCluster cluster(Target t, int accounts) throws IOException, SQLException {
        return ApplianceCluster.start(applianceOptions(t, accounts, List.of()), t.clusterMembers);
    }

    private LanChatServer.Options applianceOptions(Target t, int accounts, List<String> extraJvm) {
        List<String> jvm = new ArrayList<>(o.applianceJvm());
        jvm.addAll(extraJvm);
        RunSpec naming = spec(t, null, RunSpec.Pattern.IDLE, 0, 2, 2, List.of(), false, -1, 0, false);
        return new LanChatServer.Options(work.resolve("servers"), t.tls, accounts, tokenSeed, naming::username,
                naming::token, t.mariadb ? o.mysqlUrl() : null, "root", jvm, List.of());
    }

    RunSpec spec(Target t, ServerUnderTest server, RunSpec.Pattern pattern, int first, int members, int groupSize,
                 List<StepSpec> steps, boolean stopOnFailure, int stalled, int stallFrom, boolean hold) {
        boolean durable = pattern == RunSpec.Pattern.PRIVATE && t.durable();
        return new RunSpec(t.server, "127.0.0.1", server == null ? List.of() : server.ports(), t.tls,
                server == null ? null : server.fingerprint(), tokenSeed, first, members,
                groupSize, pattern, steps, stopOnFailure, P99_LIMIT_MILLIS, stalled, stallFrom, 100,
                server == null ? List.of() : server.pids(), 2, t.tls ? 24 : 100, hold,
                switch (pattern) {
                    case IDLE -> 0;
                    case GROUP -> 50;
                    case PRIVATE -> 2000;
                }, o.quick() ? 3000 : 8000,
                // Syncs counted where an ack means "stored": the process's fsyncs, or the MariaDB server's counters.
                durable && !t.mariadb, durable && t.mariadb ? o.mysqlUrl() : null);
    }

    /**
     * The generator's JVM. Its latencies count from when each message was due, so its own pauses read as the
     * server's; a young generation several times the default (Parallel GC's is a third of -Xms) makes them rare
     * while each still copies only the few MB its connections keep (steps report the pauses that remained).
     */
    static List<String> generatorJvm() {
        return List.of("-Xms1g", "-Xmx2g", "-Xmn640m", "-XX:+UseParallelGC");
    }
}
