package org.lanchat.appliance.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides whether the appliance is alive enough to feed the watchdog. Three things must hold:
 * <ol>
 *   <li>the listener is open and the database answers ({@link Vitals#acceptingAndDatabaseReachable});</li>
 *   <li>the group-commit writer makes progress: while messages wait, commits keep happening (a writer stuck
 *       on a hung database connection would otherwise leave every sender waiting forever);</li>
 *   <li>the listener answers end to end ({@link Probe}: a real connection that gets a reply), which a
 *       wedged event loop would fail even though its socket is still open. It runs at most once per
 *       {@code probeInterval}; its last result counts in between.</li>
 * </ol>
 * Not thread-safe: the {@link Watchdog} calls it from one thread.
 */
public final class LivenessCheck {
    /** What the check reads from the running appliance. */
    public interface Vitals {
        boolean acceptingAndDatabaseReachable();

        long committedBatches();

        int backlog();
    }

    /** Proves that the listener answers; empty when it does, otherwise what went wrong. */
    @FunctionalInterface
    public interface Probe {
        Optional<String> problem();
    }

    private final Vitals vitals;
    private final Probe probe;
    private final long probeIntervalNanos;
    private final long writerStallNanos;
    private final LongSupplier nanoClock;

    private long lastCommitted = -1;
    private long waitingSince = -1;
    private long lastProbeAt;
    private boolean probed;
    private Optional<String> probeProblem = Optional.empty();

    public LivenessCheck(Vitals vitals, Probe probe, Duration probeInterval, Duration writerStallLimit) {
        this(vitals, probe, probeInterval, writerStallLimit, System::nanoTime);
    }

    LivenessCheck(Vitals vitals, Probe probe, Duration probeInterval, Duration writerStallLimit, LongSupplier nanoClock) {
        this.vitals = vitals;
        this.probe = probe;
        this.probeIntervalNanos = probeInterval.toNanos();
        this.writerStallNanos = writerStallLimit.toNanos();
        this.nanoClock = nanoClock;
    }

    public Health check() {
        long now = nanoClock.getAsLong();
        List<String> problems = new ArrayList<>();
        if (!vitals.acceptingAndDatabaseReachable()) {
            problems.add("the listener is closed or the database does not answer");
        }
        writerProblem(now).ifPresent(problems::add);
        if (!probed || now - lastProbeAt >= probeIntervalNanos) {
            probeProblem = probe.problem();
            lastProbeAt = now;
            probed = true;
        }
        probeProblem.ifPresent(problems::add);
        return new Health(problems);
    }

    private Optional<String> writerProblem(long now) {
        long committed = vitals.committedBatches();
        int backlog = vitals.backlog();
        if (backlog == 0 || committed != lastCommitted) {
            lastCommitted = committed;
            waitingSince = backlog == 0 ? -1 : now;
            return Optional.empty();
        }
        if (waitingSince < 0) {
            waitingSince = now;
        }
        long stalled = now - waitingSince;
        if (stalled >= writerStallNanos) {
            return Optional.of("the message writer is stuck: " + backlog + " messages waiting, no commit for "
                    + Duration.ofNanos(stalled).toSeconds() + " s");
        }
        return Optional.empty();
    }
}
