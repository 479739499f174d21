package org.lanchat.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the appliance counts as alive: fake vitals and a fake clock, no sockets. */
class LivenessCheckTest {
    private boolean reachable = true;
    private long committed;
    private int backlog;
    private long now;
    private Optional<String> probeResult = Optional.empty();
    private final AtomicInteger probes = new AtomicInteger();

    private final LivenessCheck check = new LivenessCheck(new LivenessCheck.Vitals() {
        @Override
        public boolean acceptingAndDatabaseReachable() {
            return reachable;
        }

        @Override
        public long committedBatches() {
            return committed;
        }

        @Override
        public int backlog() {
            return backlog;
        }
    }, () -> {
        probes.incrementAndGet();
        return probeResult;
    }, Duration.ofSeconds(60), Duration.ofSeconds(45), () -> now);

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void anIdleApplianceIsAlive() {
        assertThat(check.check().alive()).isTrue();
        advance(Duration.ofMinutes(10));
        assertThat(check.check().alive()).isTrue();
    }

    @Test
    void aClosedListenerOrSilentDatabaseIsNotAlive() {
        reachable = false;
        assertThat(check.check().problems()).containsExactly("the listener is closed or the database does not answer");
    }

    @Test
    void messagesWaitingWithoutCommitsMakeTheWriterStuckAfterTheLimit() {
        backlog = 5;
        assertThat(check.check().alive()).isTrue();
        advance(Duration.ofSeconds(44));
        assertThat(check.check().alive()).as("within the limit").isTrue();
        advance(Duration.ofSeconds(2));
        assertThat(check.check().summary()).contains("message writer is stuck: 5 messages waiting, no commit for 46 s");
    }

    @Test
    void aBusyWriterThatKeepsCommittingIsAlive() {
        backlog = 500;
        for (int i = 0; i < 10; i++) {
            committed += 3;
            advance(Duration.ofSeconds(20));
            assertThat(check.check().alive()).isTrue();
        }
    }

    @Test
    void theListenerIsProbedOncePerIntervalAndItsFailureCountsUntilTheNextProbe() {
        check.check();
        advance(Duration.ofSeconds(20));
        check.check();
        assertThat(probes).hasValue(1);

        probeResult = Optional.of("no welcome");
        advance(Duration.ofSeconds(40));
        assertThat(check.check().problems()).containsExactly("no welcome");
        advance(Duration.ofSeconds(20));
        probeResult = Optional.empty();
        assertThat(check.check().problems()).as("last probe's result still counts").containsExactly("no welcome");
        advance(Duration.ofSeconds(40));
        assertThat(check.check().alive()).isTrue();
        assertThat(probes).hasValue(3);
    }
}
