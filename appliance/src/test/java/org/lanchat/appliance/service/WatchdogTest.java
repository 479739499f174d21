package org.lanchat.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The watchdog is fed only while the liveness check passes, and says why when it stops. */
class WatchdogTest {
    private final List<String> sent = new ArrayList<>();
    private final ServiceManager recorder = new ServiceManager() {
        @Override
        public void ready(String status) {
            sent.add("READY " + status);
        }

        @Override
        public void status(String status) {
            sent.add("STATUS " + status);
        }

        @Override
        public void extendStartTimeout(Duration extension) {
            sent.add("EXTEND");
        }

        @Override
        public void watchdogAlive() {
            sent.add("WATCHDOG");
        }

        @Override
        public void stopping(String status) {
            sent.add("STOPPING");
        }

        @Override
        public Optional<Duration> watchdogTimeout() {
            return Optional.of(Duration.ofSeconds(60));
        }
    };

    private boolean healthy = true;

    private Watchdog watchdog() {
        LivenessCheck.Vitals vitals = new LivenessCheck.Vitals() {
            @Override
            public boolean acceptingAndDatabaseReachable() {
                return healthy;
            }

            @Override
            public long committedBatches() {
                return 0;
            }

            @Override
            public int backlog() {
                return 0;
            }
        };
        return new Watchdog(recorder, new LivenessCheck(vitals, Optional::empty, Duration.ZERO, Duration.ofSeconds(45)),
                () -> "Serving", Duration.ofSeconds(60), Executors.newSingleThreadScheduledExecutor());
    }

    @Test
    void feedsWhileAliveStopsWhileNotAndRecovers() {
        Watchdog watchdog = watchdog();
        watchdog.tick();
        healthy = false;
        watchdog.tick();
        watchdog.tick();
        healthy = true;
        watchdog.tick();
        assertThat(sent).containsExactly(
                "WATCHDOG",
                "STATUS Unhealthy: the listener is closed or the database does not answer",
                "STATUS Unhealthy: the listener is closed or the database does not answer",
                "WATCHDOG",
                "STATUS Serving");
        watchdog.close();
    }

    @Test
    void checksThreeTimesPerTimeout() {
        assertThat(Watchdog.interval(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(20));
        assertThat(Watchdog.interval(Duration.ofMillis(30))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void noWatchdogArmedMeansNoTimer() {
        assertThat(Watchdog.start(ServiceManager.NONE, null, () -> "")).isEmpty();
    }
}
