package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttling policy, with a clock the test moves by hand. */
class LoginThrottleTest {
    private long now = 1_000_000;
    private final LoginThrottle throttle = new LoginThrottle(() -> now);

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(account, address);
        }
    }

    @Test
    void aFewMistypedPasswordsAreNeverSlowedDown() {
        fail("alice", "10.0.0.5", 5);
        assertThat(throttle.delayFor("alice", "10.0.0.5")).isEmpty();
    }

    @Test
    void guessingOneAccountFromOneAddressDoublesTheWaitPastFiveFailures() {
        fail("alice", "10.0.0.9", 6);
        assertThat(throttle.delayFor("alice", "10.0.0.9")).contains(Duration.ofSeconds(1));
        fail("alice", "10.0.0.9", 1);
        assertThat(throttle.delayFor("alice", "10.0.0.9")).contains(Duration.ofSeconds(2));
        fail("alice", "10.0.0.9", 3);
        assertThat(throttle.delayFor("alice", "10.0.0.9")).contains(Duration.ofSeconds(16));
    }

    @Test
    void theWaitIsCappedAtFifteenMinutes() {
        fail("alice", "10.0.0.9", 1000);
        assertThat(throttle.delayFor("alice", "10.0.0.9")).contains(Duration.ofMinutes(15));
    }

    @Test
    void theRealUserOnTheirOwnPcIsNotLockedOutBySomeoneGuessingElsewhere() {
        fail("alice", "10.0.0.66", 40);
        assertThat(throttle.delayFor("alice", "10.0.0.66")).isPresent();
        assertThat(throttle.delayFor("alice", "10.0.0.5")).as("alice's own PC").isEmpty();
    }

    @Test
    void sprayingManyAccountsFromOneAddressIsSlowedPastTwentyFailures() {
        for (int i = 0; i < 21; i++) {
            throttle.recordFailure("user" + i, "10.0.0.66");
        }
        assertThat(throttle.delayFor("someone-new", "10.0.0.66")).isPresent();
        assertThat(throttle.delayFor("someone-new", "10.0.0.5")).isEmpty();
    }

    @Test
    void guessingOneAccountFromManyAddressesMeetsTheAccountWideLimit() {
        for (int i = 0; i < 51; i++) {
            throttle.recordFailure("alice", "10.0.1." + i);
        }
        assertThat(throttle.delayFor("alice", "10.0.2.1")).isPresent();
    }

    @Test
    void unknownNamesAreCountedExactlyLikeRealOnes() {
        fail("no-such-user", "10.0.0.9", 6);
        fail("alice", "10.0.0.8", 6);
        assertThat(throttle.delayFor("no-such-user", "10.0.0.9")).isEqualTo(throttle.delayFor("alice", "10.0.0.8"));
    }

    @Test
    void failuresAreForgottenAfterHalfAnHour() {
        fail("alice", "10.0.0.9", 8);
        now += Duration.ofMinutes(31).toMillis();
        assertThat(throttle.delayFor("alice", "10.0.0.9")).isEmpty();
    }

    /** Found over the network: twenty connections guessing at once all passed before the first failure counted. */
    @Test
    void attemptsCheckedInParallelCannotGoPastTheAllowance() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.begin("alice", "10.0.0.9")).as("attempt %d", i + 1).isEmpty();
        }
        assertThat(throttle.begin("alice", "10.0.0.9")).as("the 7th, while six are being checked").contains(Duration.ofSeconds(1));
        fail("alice", "10.0.0.9", 6);
        assertThat(throttle.begin("alice", "10.0.0.9")).contains(Duration.ofSeconds(1));

        now += 1000; // the block ran out: one attempt may be checked, not one per connection
        assertThat(throttle.begin("alice", "10.0.0.9")).isEmpty();
        assertThat(throttle.begin("alice", "10.0.0.9")).contains(Duration.ofSeconds(2));
        fail("alice", "10.0.0.9", 1);
        assertThat(throttle.begin("alice", "10.0.0.9")).contains(Duration.ofSeconds(2));
    }

    @Test
    void anAttemptWithoutAVerdictGivesItsPlaceBack() {
        for (int i = 0; i < 6; i++) {
            throttle.begin("alice", "10.0.0.9");
        }
        throttle.abandon("alice", "10.0.0.9"); // e.g. the database was unreachable
        assertThat(throttle.begin("alice", "10.0.0.9")).isEmpty();
        assertThat(throttle.begin("alice", "10.0.0.9")).isPresent();
    }

    @Test
    void manyPeopleLoggingInAtOnceThroughOneAddressAreNotHeldUp() {
        for (int i = 0; i < 40; i++) {
            assertThat(throttle.begin("user" + i, "10.0.0.5")).as("login %d at once from a clean address", i + 1).isEmpty();
        }
    }

    @Test
    void onceAnAddressHasFailedItsParallelAttemptsCountToo() {
        throttle.recordFailure("someone", "10.0.0.66");
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.begin("user" + i, "10.0.0.66")).isEmpty(); // the 21st failure would be the first to block
        }
        assertThat(throttle.begin("user20", "10.0.0.66")).as("1 failure + 20 being checked").isPresent();
    }

    @Test
    void aSuccessfulLoginEndsItsAttemptUnderEveryKey() {
        throttle.recordFailure("someone", "10.0.0.66");
        throttle.begin("alice", "10.0.0.66");
        throttle.recordSuccess("alice", "10.0.0.66");
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.begin("user" + i, "10.0.0.66")).as("attempt %d from the address", i + 1).isEmpty();
        }
        assertThat(throttle.begin("user20", "10.0.0.66")).isPresent();
    }

    @Test
    void aSuccessfulLoginClearsThatPairsCount() {
        fail("alice", "10.0.0.5", 5);
        throttle.recordSuccess("alice", "10.0.0.5");
        fail("alice", "10.0.0.5", 5);
        assertThat(throttle.delayFor("alice", "10.0.0.5")).isEmpty();
    }
}
