package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 6762 §8.1's limit on probing after conflicts, with the times given. */
class ConflictPacingTest {
    private final ConflictPacing pacing = new ConflictPacing(new SplittableRandom(6762));

    @Test
    void theFirstFourteenConflictsAreProbedAgainAfterTheRandomDelayAndTheFifteenthWaitsFiveSeconds() {
        for (int i = 0; i < 14; i++) {
            assertThat(pacing.conflicted(i)).as("conflict %d", i + 1).isBetween(0L, 249L);
        }
        assertThat(pacing.conflicted(14)).isEqualTo(5000);
    }

    /**
     * §8.1's 0-250 ms before probing holds after a conflict too: two hosts that lost the same name at the same moment
     * would otherwise probe for the next one in step, every time. Seen from outside, the re-probe came 0 ms after.
     */
    @Test
    void theDelayBeforeProbingAgainIsSpreadOverAQuarterOfASecond() {
        long shortest = Long.MAX_VALUE;
        long longest = Long.MIN_VALUE;
        for (int i = 0; i < 200; i++) {
            ConflictPacing fresh = new ConflictPacing(new SplittableRandom(i));
            long wait = fresh.conflicted(0);
            shortest = Math.min(shortest, wait);
            longest = Math.max(longest, wait);
        }
        assertThat(shortest).isLessThan(50);
        assertThat(longest).isBetween(200L, 249L);
    }

    /**
     * A device that answers every probe: after the first fifteen, each attempt waits five seconds, also once the
     * first fifteen are more than ten seconds old (they were, by the third paced attempt).
     */
    @Test
    void onceFifteenCameEveryFurtherAttemptWaitsUntilTheNamesAreWon() {
        long now = 0;
        for (int i = 0; i < 15; i++) {
            pacing.conflicted(now++);
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            now += 5000;
            assertThat(pacing.conflicted(now)).as("paced attempt %d at %d ms", attempt + 1, now).isEqualTo(5000);
        }
    }

    @Test
    void namesWonEndThePacingOnceTheWindowHasPassed() {
        for (int i = 0; i < 15; i++) {
            pacing.conflicted(i);
        }
        pacing.won();
        assertThat(pacing.conflicted(20_000)).as("a conflict long after winning").isLessThan(250);
    }

    @Test
    void fifteenWithinTheWindowPaceAgainEvenRightAfterAWin() {
        for (int i = 0; i < 15; i++) {
            pacing.conflicted(i);
        }
        pacing.won();
        assertThat(pacing.conflicted(100)).as("sixteen within ten seconds").isEqualTo(5000);
    }
}
