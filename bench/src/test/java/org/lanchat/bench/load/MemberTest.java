package org.lanchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one simulated user counts what reaches it: each message once, from its partner only. */
class MemberTest {
    private static final int STEP = 0;

    private final Run run = new Run(new RunSpec(RunSpec.Server.LANCHAT, "127.0.0.1", List.of(), false, null, "seed", 0, 4,
            4, RunSpec.Pattern.PRIVATE, List.of(new RunSpec.StepSpec(100, 0, 1000)), false, 1000, -1, 1, 100, List.of(), 1,
            10, false, 0, 0, false, null));
    private final Member member = new Member(1, run); // paired with member 0
    private final StepStats stats = run.statsOfCurrentThread();

    @Test
    void aMessageFromThePartnerCountsOnceAndItsSecondCopyIsADuplicate() {
        deliver(0, 5);
        deliver(0, 5);

        assertThat(stats.delivered[STEP]).isEqualTo(1);
        assertThat(stats.duplicates[STEP]).isEqualTo(1);
    }

    @Test
    void messageNumbersFarApartAreEachCountedOnce() {
        // Numbers are global across all senders: a member sees a sparse few of a long run.
        for (int message : new int[] {3, 70_000, 2_000_000_000, 70_000, 3}) {
            deliver(0, message);
        }

        assertThat(stats.delivered[STEP]).isEqualTo(3);
        assertThat(stats.duplicates[STEP]).isEqualTo(2);
    }

    @Test
    void aMessageFromSomeoneElseIsMisroutedNotDelivered() {
        deliver(2, 9);

        assertThat(stats.misrouted[STEP]).isEqualTo(1);
        assertThat(stats.delivered[STEP]).isZero();
    }

    private void deliver(int sender, int message) {
        ByteBuf text = Unpooled.wrappedBuffer(Payload.text(message, sender, STEP, true, System.nanoTime(), 100));
        member.delivered(text, 0, text.writerIndex());
    }
}
