package org.lanchat.appliance.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds systemd's watchdog only while the {@link LivenessCheck} passes. It checks three times per
 * watchdog timeout, so one slow or failed check is forgiven; if checks keep failing for the whole
 * timeout, systemd kills the process and {@code Restart=on-failure} starts a fresh one, which waits for
 * the database as "not ready" instead of exiting.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final ServiceManager manager;
    private final LivenessCheck check;
    private final Supplier<String> healthyStatus;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private boolean failing;

    Watchdog(ServiceManager manager, LivenessCheck check, Supplier<String> healthyStatus, Duration timeout,
             ScheduledExecutorService timer) {
        this.manager = manager;
        this.check = check;
        this.healthyStatus = healthyStatus;
        this.timeout = timeout;
        this.timer = timer;
    }

    /**
     * Starts feeding the watchdog if systemd armed one for this process; empty otherwise.
     *
     * @param healthyStatus the status line to show again once the appliance has recovered
     */
    public static Optional<Watchdog> start(ServiceManager manager, LivenessCheck check, Supplier<String> healthyStatus) {
        return manager.watchdogTimeout().map(timeout -> {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("lanchat-watchdog").daemon(true).factory());
            Watchdog watchdog = new Watchdog(manager, check, healthyStatus, timeout, timer);
            long period = interval(timeout).toMillis();
            timer.scheduleWithFixedDelay(watchdog::tick, 0, period, TimeUnit.MILLISECONDS);
            log.info("Watchdog: liveness checked every {} ms, systemd restarts the appliance after {} s without a pass",
                    period, timeout.toSeconds());
            return watchdog;
        });
    }

    /** A third of the timeout, so that two consecutive failures are still forgiven. */
    static Duration interval(Duration timeout) {
        Duration third = timeout.dividedBy(3);
        return third.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : third;
    }

    /** One check; runs on the timer thread. */
    void tick() {
        Health health;
        try {
            health = check.check();
        } catch (RuntimeException e) {
            health = new Health(java.util.List.of("the liveness check itself failed: " + e));
        }
        if (health.alive()) {
            manager.watchdogAlive();
            if (failing) {
                failing = false;
                log.info("Liveness check passes again");
                manager.status(healthyStatus.get());
            }
            return;
        }
        if (!failing) {
            failing = true;
            log.warn("Liveness check failed: {}. Not feeding the watchdog: systemd restarts the appliance if this "
                    + "lasts {} s.", health.summary(), timeout.toSeconds());
        }
        manager.status("Unhealthy: " + health.summary());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
