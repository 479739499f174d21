package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Delivery;
import org.lanchat.protocol.message.Conversation;

/** The rows a conversation shows: sequence order, updates in place, the newest kept, clears. */
class ConversationRowsTest {
    private static final Conversation WITH_BOB = Conversation.with("bob");
    private final ConversationRows rows = new ConversationRows(5, ZoneOffset.UTC);

    private static ChatEntry delivered(long seq, String from, String clientMsgId, String text) {
        return new ChatEntry(seq * 10, WITH_BOB, seq, from, clientMsgId, text, null, 1_000 * seq, false,
                Delivery.DELIVERED, Optional.empty());
    }

    private static ChatEntry pending(String clientMsgId, String text) {
        return new ChatEntry(0, WITH_BOB, 0, "alice", clientMsgId, text, null, 9_000, true, Delivery.PENDING, Optional.empty());
    }

    @Test
    void messagesArrivingOutOfOrderAreShownInSequenceOrderWithOwnPendingOnesBelow() {
        rows.add(pending("a1", "on its way"), true);
        rows.add(delivered(3, "bob", "b3", "third"), true);
        rows.add(delivered(1, "bob", "b1", "first"), true);
        rows.add(delivered(2, "bob", "b2", "second"), true);

        assertThat(rows.rows(WITH_BOB)).extracting(MessageItem::text).containsExactly("first", "second", "third", "on its way");
        assertThat(rows.conversations()).extracting(ConversationItem::conversation).containsExactly(WITH_BOB);
    }

    @Test
    void anAcknowledgedOwnMessageUpdatesItsRowInsteadOfAddingOne() {
        rows.add(pending("a1", "hello"), true);
        rows.add(new ChatEntry(40, WITH_BOB, 4, "alice", "a1", "hello", null, 9_000, true, Delivery.DELIVERED,
                Optional.empty()), true);

        assertThat(rows.rows(WITH_BOB)).singleElement().satisfies(row -> assertThat(row.seq()).isEqualTo(4));
    }

    @Test
    void onlyTheNewestRowsAreKeptUnlessTheUserAskedForOlderOnes() {
        for (long seq = 1; seq <= 7; seq++) {
            rows.add(delivered(seq, "bob", "b" + seq, "line " + seq), true);
        }
        assertThat(rows.rows(WITH_BOB)).extracting(MessageItem::seq).containsExactly(3L, 4L, 5L, 6L, 7L);

        rows.add(delivered(1, "bob", "b1", "line 1"), false);
        assertThat(rows.rows(WITH_BOB)).extracting(MessageItem::seq).containsExactly(1L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void clearingDropsTheRowsUpToTheMarkAndAMessageMetAgainComesBack() {
        for (long seq = 1; seq <= 3; seq++) {
            rows.add(delivered(seq, "bob", "b" + seq, "line " + seq), true);
        }
        rows.clear(WITH_BOB, 2);
        assertThat(rows.rows(WITH_BOB)).extracting(MessageItem::seq).containsExactly(3L);

        rows.add(delivered(2, "bob", "b2", "line 2"), true);
        assertThat(rows.rows(WITH_BOB)).as("its index entry went with the row").extracting(MessageItem::seq)
                .containsExactly(2L, 3L);
    }
}
