package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.ConversationKey;

class TypingLimitsTest {
    private static final long MS = 1_000_000;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final TypingLimits limits = new TypingLimits(now::get);
    private final ConversationKey dm = ConversationKey.direct(1, 2);

    @Test
    void oneNoticePerUserAndConversationEveryTwoSeconds() {
        assertThat(limits.admit(1, dm)).isTrue();
        assertThat(limits.admit(1, dm)).as("a flood is dropped").isFalse();
        assertThat(limits.admit(2, dm)).as("the other member has an allowance of their own").isTrue();
        assertThat(limits.admit(1, ConversationKey.GROUP)).as("and so has every conversation").isTrue();
        now.addAndGet(1999 * MS);
        assertThat(limits.admit(1, dm)).isFalse();
        now.addAndGet(MS);
        assertThat(limits.admit(1, dm)).as("a client resending every 3 s is always relayed").isTrue();
    }

    @Test
    void theGroupRelaysAtMostTwentyNoticesASecondInAll() {
        long relayed = IntStream.range(0, 1000).filter(user -> limits.admit(user, ConversationKey.GROUP)).count();
        assertThat(relayed).isEqualTo(TypingLimits.GROUP_PER_SECOND);
        now.addAndGet(1000 * MS);
        assertThat(IntStream.range(1000, 2000).filter(user -> limits.admit(user, ConversationKey.GROUP)).count())
                .isEqualTo(TypingLimits.GROUP_PER_SECOND);
    }
}
