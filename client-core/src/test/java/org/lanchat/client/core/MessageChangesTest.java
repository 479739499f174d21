package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;

/** How a conversation shows its messages once edits, deletes and reactions arrive, in any order (PROTOCOL.md §7.19). */
class MessageChangesTest {
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private final ConversationLog log = new ConversationLog(Conversation.GROUP);

    private static ChatEntry message(long seq, String from, String text) {
        return new ChatEntry(seq, Conversation.GROUP, seq, from, "c" + seq, text, null, seq * 1000, false,
                Delivery.DELIVERED, Optional.empty());
    }

    private static ChatMessage edit(long seq, String from, long target, String text) {
        return new ChatMessage(seq, Conversation.GROUP, seq, from, "c" + seq, text, null, seq, null, target, null, null,
                null, null);
    }

    private static ChatMessage delete(long seq, String from, long target) {
        return new ChatMessage(seq, Conversation.GROUP, seq, from, "c" + seq, ChatMessage.DELETED_FALLBACK, null, seq, null,
                null, target, null, null, null);
    }

    private static ChatMessage react(long seq, String from, long target, String emoji, boolean remove) {
        return new ChatMessage(seq, Conversation.GROUP, seq, from, "c" + seq, ChatMessage.reactionFallback(emoji, remove),
                null, seq, null, null, null, target, emoji, remove ? Boolean.TRUE : null);
    }

    private ChatEntry only() {
        assertThat(log.entries()).hasSize(1);
        return log.entries().getFirst();
    }

    @Test
    void anEditReplacesTheTextAndMarksTheMessageEdited() {
        log.put(message(1, "alice", "at 10"));
        assertThat(log.putChange(edit(2, "alice", 1, "at 11"))).hasValueSatisfying(e -> assertThat(e.text()).isEqualTo("at 11"));
        log.putChange(edit(3, "alice", 1, "at 12"));
        assertThat(only().text()).as("the latest edit wins").isEqualTo("at 12");
        assertThat(only().edited()).isTrue();
    }

    @Test
    void aDeleteLeavesATombstoneAndLaterChangesAreIgnored() {
        log.put(message(1, "alice", "oops"));
        log.putChange(react(2, "bob", 1, THUMBS_UP, false));
        log.putChange(delete(3, "alice", 1));
        log.putChange(edit(4, "alice", 1, "back again"));
        ChatEntry shown = only();
        assertThat(shown.deleted()).isTrue();
        assertThat(shown.text()).isNull();
        assertThat(shown.sticker()).isNull();
        assertThat(shown.reactions()).isEmpty();
        assertThat(shown.edited()).isFalse();
    }

    @Test
    void reactionsCountEachUserOncePerEmojiAndAWithdrawnOneLeaves() {
        log.put(message(1, "alice", "green build"));
        log.putChange(react(2, "bob", 1, THUMBS_UP, false));
        log.putChange(react(3, "bob", 1, THUMBS_UP, false));
        log.putChange(react(4, "carol", 1, THUMBS_UP, false));
        log.putChange(react(5, "carol", 1, "\uD83C\uDF89", false));
        log.putChange(react(6, "bob", 1, THUMBS_UP, true));
        log.putChange(react(7, "carol", 1, "\uD83C\uDF89", true));
        assertThat(only().reactions()).containsExactly(new ChatEntry.Reaction(THUMBS_UP, List.of("carol")));
    }

    @Test
    void onlyTheSendersOwnEditsAndDeletesCount() {
        log.put(message(1, "alice", "mine"));
        log.putChange(edit(2, "mallory", 1, "yours now"));
        log.putChange(delete(3, "mallory", 1));
        assertThat(only().text()).isEqualTo("mine");
        assertThat(only().deleted()).isFalse();
    }

    @Test
    void aChangeThatArrivesBeforeItsMessageIsAppliedWhenTheMessageComes() {
        // Paging backwards: the newest page holds the edit, the next older page the message.
        assertThat(log.putChange(edit(5, "alice", 2, "fixed"))).isEmpty();
        log.put(message(2, "alice", "fixd"));
        assertThat(only().text()).isEqualTo("fixed");
    }

    @Test
    void changesCountForTheCatchUpMarkButAreNotEntries() {
        log.seenThrough(0);
        log.put(message(1, "alice", "one"));
        log.putChange(react(2, "bob", 1, THUMBS_UP, false));
        log.put(message(3, "bob", "three"));
        assertThat(log.lastSeenSeq()).contains(3L);
        assertThat(log.entries()).extracting(ChatEntry::seq).containsExactly(1L, 3L);
    }

    @Test
    void theSameChangeTwiceChangesNothingMore() {
        log.put(message(1, "alice", "hi"));
        assertThat(log.putChange(react(2, "bob", 1, THUMBS_UP, false))).isPresent();
        assertThat(log.putChange(react(2, "bob", 1, THUMBS_UP, false))).as("already held").isEmpty();
    }
}
