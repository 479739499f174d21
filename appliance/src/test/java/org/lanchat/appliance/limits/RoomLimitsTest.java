package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/** Invitations of one user by one account in a sliding hour, on a clock the test moves. */
class RoomLimitsTest {
    final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    final RoomLimits limits = new RoomLimits(RateLimits.DEFAULTS, nanos::get);

    @Test
    void theEleventhInvitationOfOneUserWithinAnHourWaitsUntilTheFirstIsAnHourOld() {
        for (int i = 0; i < RoomLimits.INVITATIONS_PER_HOUR; i++) {
            limits.admitInvitation(1, "bob", "10.0.0.1");
            nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        }
        assertThatThrownBy(() -> limits.admitInvitation(1, "BOB", "10.0.0.2"))
                .as("the account counts, from any address, the name matched ignoring case")
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(50));
                });
        assertThatCode(() -> limits.admitInvitation(2, "bob", "10.0.0.1")).as("another inviter").doesNotThrowAnyException();
        assertThatCode(() -> limits.admitInvitation(1, "carol", "10.0.0.1")).as("another invitee").doesNotThrowAnyException();

        nanos.addAndGet(Duration.ofMinutes(50).toNanos());
        assertThatCode(() -> limits.admitInvitation(1, "bob", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void loopbackIsSparedWhenTheSettingsSaySo() {
        RoomLimits spared = new RoomLimits(RateLimits.DEFAULTS.exemptingLoopback(), nanos::get);
        for (int i = 0; i < 3 * RoomLimits.INVITATIONS_PER_HOUR; i++) {
            spared.admitInvitation(1, "bob", "127.0.0.1");
        }
        assertThatThrownBy(() -> {
            for (int i = 0; i <= RoomLimits.INVITATIONS_PER_HOUR; i++) {
                spared.admitInvitation(1, "bob", "10.0.0.1");
            }
        }).isInstanceOf(Refused.class);
    }
}
