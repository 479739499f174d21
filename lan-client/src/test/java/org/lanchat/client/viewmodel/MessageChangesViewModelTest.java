package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.SessionMessage.Limits;

/** Replies, edits, deletes and reactions in the chat window's view-model, without a display (PROTOCOL.md §7.19). */
class MessageChangesViewModelTest {
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private final FakeChatService client = new FakeChatService();
    private final ChatViewModel model = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC);

    @BeforeEach
    void login() {
        client.loggedInAs("alice");
    }

    private static ChatEntry entry(long seq, String from, boolean own, String text, Long replyTo, boolean edited,
            boolean deleted, List<ChatEntry.Reaction> reactions) {
        return new ChatEntry(seq, Conversation.GROUP, seq, from, "c" + seq, deleted ? null : text, null, seq * 1000, own,
                Delivery.DELIVERED, Optional.empty(), replyTo, edited, deleted, reactions, null);
    }

    private MessageItem row(long seq) {
        return model.messagesProperty().get().stream().filter(m -> m.seq() == seq).findFirst().orElseThrow();
    }

    @Test
    void aChangedMessageRedrawsWithItsNewTextTombstoneOrReactions() {
        client.fire(new ClientEvent.MessageAdded(entry(1, "bob", false, "at 10", null, false, false, List.of()), true));
        MessageItem row = row(1);
        int before = row.revisionProperty().get();

        client.fire(new ClientEvent.MessageUpdated(entry(1, "bob", false, "at 11", null, true, false, List.of())));
        assertThat(row.text()).isEqualTo("at 11");
        assertThat(row.edited()).isTrue();
        assertThat(row.revisionProperty().get()).as("the cell redraws").isGreaterThan(before);

        client.fire(new ClientEvent.MessageUpdated(entry(1, "bob", false, "at 11", null, true, false,
                List.of(new ChatEntry.Reaction(THUMBS_UP, List.of("alice", "carol"))))));
        assertThat(row.reactions()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(2));

        client.fire(new ClientEvent.MessageUpdated(entry(1, "bob", false, null, null, false, true, List.of())));
        assertThat(row.deleted()).isTrue();
        assertThat(row.text()).isNull();
        assertThat(row.quoted()).isEqualTo("message deleted");
        assertThat(model.changes().canReact(row)).as("a deleted message takes no reactions").isFalse();
    }

    /** {@code welcome} announces the edit window: Edit and Delete are offered only inside it. */
    @Test
    void editAndDeleteAreOfferedOnlyInsideTheAnnouncedEditWindow() {
        Limits announced = FakeChatService.LIMITS;
        client.loggedInAs("alice", withEditWindow(announced, 0));
        client.fire(new ClientEvent.MessageAdded(entry(1, "alice", true, "mine", null, false, false, List.of()), true));
        assertThat(model.changes().canEdit(row(1))).as("editing switched off").isFalse();
        assertThat(model.changes().canDelete(row(1))).isFalse();
        assertThat(model.changes().canReact(row(1))).as("reactions have no window").isTrue();

        client.loggedInAs("alice", withEditWindow(announced, 86_400));
        assertThat(model.changes().canEdit(row(1))).as("sent in 1970, a day's window").isFalse();
        client.loggedInAs("alice", withEditWindow(announced, Integer.MAX_VALUE));
        assertThat(model.changes().canEdit(row(1))).as("a window of 68 years").isTrue();
        assertThat(model.changes().canDelete(row(1))).isTrue();
        client.loggedInAs("alice", announced);
        assertThat(model.changes().canEdit(row(1))).as("an appliance that does not say").isTrue();
    }

    private static Limits withEditWindow(Limits l, int seconds) {
        return new Limits(l.maxFrameBytes(), l.maxTextChars(), l.maxAvatarBytes(), l.avatarSize(), l.historyPageMax(),
                l.idleTimeoutSeconds(), l.maxFileBytes(), l.chunkBytes(), l.rawTransfers(), seconds);
    }

    @Test
    void aChangeItselfIsNotARow() {
        client.fire(new ClientEvent.MessageAdded(entry(1, "bob", false, "hi", null, false, false, List.of()), true));
        client.fire(new ClientEvent.MessageChanged(new ChatEntry(2, Conversation.GROUP, 2, "bob", "c2", "hi!", null, 2000,
                false, Delivery.DELIVERED, Optional.empty(), null, false, false, List.of(),
                new ChatEntry.Change(ChatEntry.Change.Kind.EDIT, 1, null)), true));
        assertThat(model.messagesProperty().get()).hasSize(1);
    }

    @Test
    void replyingSendsTheDraftAsAReplyToTheChosenMessageOnce() {
        client.fire(new ClientEvent.MessageAdded(entry(7, "bob", false, "lunch?", null, false, false, List.of()), true));
        model.changes().replyTo(row(7));
        assertThat(model.changes().replyingToProperty().get()).isSameAs(row(7));
        model.draftProperty().set("yes");
        model.send();
        assertThat(client.sent).singleElement().satisfies(e -> assertThat(e.replyTo()).isEqualTo(7L));
        assertThat(model.changes().replyingToProperty().get()).as("the next message is a plain one").isNull();
        model.draftProperty().set("and again");
        model.send();
        assertThat(client.sent.getLast().replyTo()).isNull();
    }

    @Test
    void onlyOwnStoredMessagesOfferEditAndDelete() {
        client.fire(new ClientEvent.MessageAdded(entry(1, "bob", false, "bob's", null, false, false, List.of()), true));
        client.fire(new ClientEvent.MessageAdded(entry(2, "alice", true, "mine", null, false, false, List.of()), true));
        assertThat(model.changes().canEdit(row(1))).isFalse();
        assertThat(model.changes().canDelete(row(1))).isFalse();
        assertThat(model.changes().canReact(row(1))).isTrue();
        assertThat(model.changes().canEdit(row(2))).isTrue();
        assertThat(model.changes().canDelete(row(2))).isTrue();

        model.changes().edit(row(2), "mine, edited");
        model.changes().delete(row(2));
        assertThat(client.changes).containsExactly("edit 2 mine, edited", "delete 2");
    }

    @Test
    void reactingTwiceTakesTheReactionBack() {
        client.fire(new ClientEvent.MessageAdded(entry(3, "bob", false, "green", null, false, false, List.of()), true));
        model.changes().react(row(3), THUMBS_UP);
        client.fire(new ClientEvent.MessageUpdated(entry(3, "bob", false, "green", null, false, false,
                List.of(new ChatEntry.Reaction(THUMBS_UP, List.of("alice"))))));
        model.changes().react(row(3), THUMBS_UP);
        assertThat(client.changes).containsExactly("react 3 " + THUMBS_UP, "unreact 3 " + THUMBS_UP);
    }

    @Test
    void aRefusedEditShowsWhy() {
        client.fire(new ClientEvent.MessageAdded(entry(2, "alice", true, "old", null, false, false, List.of()), true));
        client.changeResult = CompletableFuture.failedFuture(new ChatException(ErrorCode.EDIT_WINDOW_CLOSED,
                "message 2 can no longer be changed", Optional.empty()));
        model.changes().edit(row(2), "new");
        assertThat(model.errorProperty().get()).as("the bundle's sentence, not the appliance's English")
                .isEqualTo("Too late: the message is older than the appliance's edit window.");
    }
}
