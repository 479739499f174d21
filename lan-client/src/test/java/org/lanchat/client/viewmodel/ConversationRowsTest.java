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

    @Test
    void aBriefVisitSuchAsAScriptSendingOneMessageLeavesOnlyItsMessage() {
        long joinedAt = 100_000;
        rows.addJoined("cibot", MessageItem.notice("cibot joined", joinedAt, ZoneOffset.UTC));
        rows.add(new ChatEntry(10, Conversation.GROUP, 1, "cibot", "c1", "The build broke", null, joinedAt + 500, false,
                Delivery.DELIVERED, Optional.empty()), true);
        rows.addLeft("cibot", MessageItem.notice("cibot left", joinedAt + 1_500, ZoneOffset.UTC));

        assertThat(rows.rows(Conversation.GROUP)).extracting(MessageItem::text).containsExactly("The build broke");
    }

    @Test
    void aColleagueWhoStayedAWhileIsSeenComingAndGoing() {
        long joinedAt = 100_000;
        rows.addJoined("bob", MessageItem.notice("bob joined", joinedAt, ZoneOffset.UTC));
        rows.addLeft("bob", MessageItem.notice("bob left", joinedAt + ConversationRows.BRIEF_VISIT_MS, ZoneOffset.UTC));
        rows.addLeft("carol", MessageItem.notice("carol left", joinedAt + 1, ZoneOffset.UTC)); // online before we came

        assertThat(rows.rows(Conversation.GROUP)).extracting(MessageItem::text)
                .containsExactly("bob joined", "bob left", "carol left");
    }
}
