package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.PresenceState;

/**
 * Automatic away (PROTOCOL.md §7.20): away after the idle time, available again on the user's return only if it was
 * automatic, never over busy or an away the user chose. The clock is the test's: {@link LastInput} reads it.
 */
class AutoAwayTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LastInput input = new LastInput(nanos::get);
    private final AutoAway policy = new AutoAway(Duration.ofMinutes(10));

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    private Optional<PresenceState> check(PresenceState current) {
        return policy.check(input.idle().orElseThrow(), current);
    }

    @Test
    void awayAfterTenIdleMinutesAndBackOnTheFirstInput() {
        pass(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(check(PresenceState.AVAILABLE)).isEmpty();
        pass(Duration.ofSeconds(1));
        assertThat(check(PresenceState.AVAILABLE)).contains(PresenceState.AWAY);
        assertThat(policy.isAutomatic()).isTrue();
        pass(Duration.ofHours(1));
        assertThat(check(PresenceState.AWAY)).as("still away: no repeat").isEmpty();

        input.touched();
        assertThat(check(PresenceState.AWAY)).contains(PresenceState.AVAILABLE);
        assertThat(policy.isAutomatic()).isFalse();
    }

    @Test
    void busyIsNeverOverridden() {
        pass(Duration.ofHours(2));
        assertThat(check(PresenceState.BUSY)).isEmpty();
        input.touched();
        assertThat(check(PresenceState.BUSY)).isEmpty();
    }

    @Test
    void anAwayTheUserChoseStaysWhenTheyComeBack() {
        policy.chosen();
        pass(Duration.ofHours(1));
        assertThat(check(PresenceState.AWAY)).as("already away, by choice").isEmpty();
        input.touched();
        assertThat(check(PresenceState.AWAY)).isEmpty();
    }

    @Test
    void choosingAStateWhileAutomaticallyAwayMakesItTheUsers() {
        pass(Duration.ofMinutes(10));
        assertThat(check(PresenceState.AVAILABLE)).contains(PresenceState.AWAY);
        policy.chosen(); // the user picks "Away" on purpose before returning to the keyboard
        input.touched();
        assertThat(check(PresenceState.AWAY)).isEmpty();
    }

    @Test
    void aStateChangedElsewhereEndsTheAutomaticAway() {
        pass(Duration.ofMinutes(10));
        assertThat(check(PresenceState.AVAILABLE)).contains(PresenceState.AWAY);
        assertThat(check(PresenceState.BUSY)).as("set busy from another device").isEmpty();
        input.touched();
        assertThat(check(PresenceState.BUSY)).isEmpty();
    }

    @Test
    void theIdleTimeIsConfigurableAndZeroTurnsItOff() {
        policy.after(Duration.ofMinutes(2));
        pass(Duration.ofMinutes(2));
        assertThat(check(PresenceState.AVAILABLE)).contains(PresenceState.AWAY);
        policy.after(Duration.ZERO);
        assertThat(check(PresenceState.AWAY)).as("turned off while away: back").contains(PresenceState.AVAILABLE);
        pass(Duration.ofHours(5));
        assertThat(check(PresenceState.AVAILABLE)).isEmpty();
    }
}
