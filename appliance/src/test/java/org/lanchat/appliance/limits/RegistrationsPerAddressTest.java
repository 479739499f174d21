package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.account.Accounts;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/** At most N registrations from one address in any hour, on a clock the test moves. */
class RegistrationsPerAddressTest {
    final AtomicLong clock = new AtomicLong(1_000_000);
    final Accounts accounts = new Accounts() {
        @Override
        public Authenticated register(String username, String password, byte[] avatarUpload, String displayName,
                                      String address) {
            if (username.equals("taken")) {
                throw new Refused(ErrorCode.USERNAME_TAKEN, "taken");
            }
            if (username.equals("named")) { // the display name asked for is someone's
                throw new Refused(ErrorCode.DISPLAY_NAME_TAKEN, "taken");
            }
            if (password.equals(username)) {
                throw new Refused(ErrorCode.WEAK_PASSWORD, "the password must not be the username");
            }
            if (username.startsWith("broken")) { // its avatar was decoded, and found broken
                throw new Refused(ErrorCode.INVALID_IMAGE, "the avatar is not a complete PNG");
            }
            return new Authenticated(1, username, "t", 0, null);
        }

        @Override
        public Authenticated login(String username, String password, String deviceCookie, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Authenticated resume(String token, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void logout(String token) {
        }
    };
    final RegistrationsPerAddress limited = new RegistrationsPerAddress(accounts, new RateLimits(2, 1000, 20, 40, false), clock::get);

    @Test
    void theThirdRegistrationWithinAnHourIsRefusedUntilTheFirstIsAnHourOld() {
        limited.register("a", "password", null, "10.0.0.1");
        clock.addAndGet(Duration.ofMinutes(10).toMillis());
        limited.register("b", "password", null, "10.0.0.1");
        assertThatThrownBy(() -> limited.register("c", "password", null, "10.0.0.1"))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(50));
                    assertThat(e.getMessage()).contains("try again in 50 min");
                });
        limited.register("c", "password", null, "10.0.0.2");
        clock.addAndGet(Duration.ofMinutes(50).toMillis());
        assertThat(limited.register("c", "password", null, "10.0.0.1").username()).isEqualTo("c");
    }

    @Test
    void aRegistrationThatFailsGivesItsPlaceBack() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limited.register("weak", "weak", null, "10.0.0.3"))
                    .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WEAK_PASSWORD));
        }
        limited.register("a", "password", null, "10.0.0.3");
        limited.register("b", "password", null, "10.0.0.3");
    }

    /** "Taken" tells that a name is in use: given back, a loop of them listed every account, a thousand a second. */
    @Test
    void aRegistrationRefusedBecauseANameIsTakenKeepsItsPlace() {
        assertThatThrownBy(() -> limited.register("taken", "password", null, "10.0.0.5"))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN));
        assertThatThrownBy(() -> limited.register("named", "password", null, "10.0.0.5"))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN));

        assertThatThrownBy(() -> limited.register("a", "password", null, "10.0.0.5"))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    /** Each decoded a 4096 x 4096 picture before it was refused: a loop of them is what the window is for. */
    @Test
    void aRegistrationRefusedForItsAvatarKeepsItsPlace() {
        for (String name : new String[] {"broken1", "broken2"}) {
            assertThatThrownBy(() -> limited.register(name, "password", null, "10.0.0.4"))
                    .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_IMAGE));
        }

        assertThatThrownBy(() -> limited.register("a", "password", null, "10.0.0.4"))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void loopbackIsCountedUnlessExempt() {
        limited.register("a", "password", null, "127.0.0.1");
        limited.register("b", "password", null, "127.0.0.1");
        assertThatThrownBy(() -> limited.register("c", "password", null, "127.0.0.1")).isInstanceOf(Refused.class);

        RegistrationsPerAddress exempt = new RegistrationsPerAddress(accounts, new RateLimits(2, 1000, 20, 40, true), clock::get);
        for (String name : new String[] {"a", "b", "c", "d"}) {
            exempt.register(name, "password", null, "127.0.0.1");
            exempt.register(name, "password", null, "::1");
        }
        assertThatThrownBy(() -> {
            exempt.register("e", "password", null, "10.0.0.9");
            exempt.register("f", "password", null, "10.0.0.9");
            exempt.register("g", "password", null, "10.0.0.9");
        }).as("other addresses are still limited").isInstanceOf(Refused.class);
    }
}
