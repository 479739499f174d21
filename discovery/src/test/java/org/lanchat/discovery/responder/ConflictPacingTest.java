package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 6762 §8.1's limit on probing after conflicts, with the times given. */
class ConflictPacingTest {
    private final ConflictPacing pacing = new ConflictPacing();

    @Test
    void theFirstFourteenConflictsAreProbedAgainAtOnceAndTheFifteenthWaitsFiveSeconds() {
        for (int i = 0; i < 14; i++) {
            assertThat(pacing.conflicted(i)).as("conflict %d", i + 1).isZero();
        }
        assertThat(pacing.conflicted(14)).isEqualTo(5000);
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
        assertThat(pacing.conflicted(20_000)).as("a conflict long after winning").isZero();
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
