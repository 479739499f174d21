package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.Conversation;

class ConversationLogTest {
    private final ConversationLog log = new ConversationLog(Conversation.GROUP);

    private static ChatEntry message(long seq) {
        return new ChatEntry(seq, Conversation.GROUP, seq, "bob", "c" + seq, "line " + seq, null, seq * 1000, false,
                Delivery.DELIVERED, Optional.empty());
    }

    @Test
    void keepsOnlyTheNewestMessagesButNeverDropsOnePending() {
        ChatEntry pending = ChatEntry.pending(Conversation.GROUP, "alice", "on its way", null);
        log.put(pending);
        for (long seq = 1; seq <= ConversationLog.KEPT + 100; seq++) {
            log.put(message(seq));
        }

        assertThat(log.size()).isEqualTo(ConversationLog.KEPT);
        assertThat(log.entries()).first().satisfies(e -> assertThat(e.seq()).isEqualTo(102));
        assertThat(log.entries()).last().isEqualTo(pending);
        assertThat(log.get(pending.key())).contains(pending);
    }

    @Test
    void theCatchUpMarkStillAdvancesPastTrimmedMessages() {
        log.seenThrough(0);
        for (long seq = 1; seq <= ConversationLog.KEPT * 2; seq++) {
            log.put(message(seq));
        }
        assertThat(log.lastSeenSeq()).contains((long) ConversationLog.KEPT * 2);
        assertThat(log.summary().last()).hasValueSatisfying(e -> assertThat(e.seq()).isEqualTo(ConversationLog.KEPT * 2L));
    }
}
