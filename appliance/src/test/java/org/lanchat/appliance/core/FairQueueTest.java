package org.lanchat.appliance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;

/**
 * The queue's own rules, on one thread (a place that already has its turn returns from {@code awaitTurn} at once):
 * the shares it is given, and a place given up after a timed wait. The order of turns is {@link HeavyWorkTest}'s.
 */
class FairQueueTest {
    private static final Duration NO_TIME = Duration.ofMillis(20);
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private final FairQueue queue = new FairQueue(1, 100, new FairQueue.Shares(1, 3), "busy");

    @Test
    void theSharesItIsGivenBoundAnAccountAndAComputer() {
        queue.enter("office", "alice", true);
        assertThatThrownBy(() -> queue.enter("office", "alice", true)).isInstanceOf(Refused.class)
                .hasMessage("busy (1 at a time for each account)").extracting("code").isEqualTo(ErrorCode.BUSY);
        queue.enter("office", "bob", true);
        queue.enter("office", "carol", true);
        assertThatThrownBy(() -> queue.enter("office", "dave", true)).isInstanceOf(Refused.class)
                .hasMessage("busy (3 at a time from each computer)");
        queue.enter("office", "dave", false); // one that must not be refused still gets in
        assertThat(queue.waiting()).as("all but the first, which has the thread").isEqualTo(3);
    }

    @Test
    void aPlaceWithoutATurnInTimeIsGivenUpAndTheRoundGoesOnWithoutIt() {
        FairQueue.Place running = queue.enter("office", "alice", true);
        queue.awaitTurn(running, AT_ONCE);
        FairQueue.Place late = queue.enter("flooder", "mallory", true);
        FairQueue.Place next = queue.enter("laptop", "bob", true);

        assertThatThrownBy(() -> queue.awaitTurn(late, NO_TIME)).isInstanceOf(Refused.class)
                .hasMessage("busy (no turn within 0 s)");
        assertThat(queue.waiting()).as("the late one left").isEqualTo(1);
        queue.leave(running);
        queue.awaitTurn(next, AT_ONCE); // the thread went to the laptop, not to the place given up
        assertThat(queue.waiting()).isZero();
        queue.enter("flooder", "mallory", true); // the account's share came back with the place
    }
}
