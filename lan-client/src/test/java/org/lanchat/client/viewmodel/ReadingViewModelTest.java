package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;

/** "Read", "Read by k", "bob is typing…", and marking read what is on screen (PROTOCOL.md §7.18). */
class ReadingViewModelTest {
    private final FakeChatService client = new FakeChatService();
    /** Typing indicators' timers, run when the test says time passed. */
    private final List<Runnable> timers = new ArrayList<>();
    private final ChatViewModel model = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC,
            (delay, task) -> {
                timers.add(task);
                return () -> timers.remove(task);
            });
    private final Conversation withBob = Conversation.with("bob");

    @BeforeEach
    void login() {
        client.loggedInAs("alice");
    }

    private static ChatEntry own(Conversation conversation, long seq, String text) {
        return new ChatEntry(2000 + seq, conversation, seq, "alice", "own-" + seq, text, null, 1_700_000_000_000L + seq,
                true, Delivery.DELIVERED, Optional.empty());
    }

    @Test
    void whatIsOnScreenInAFocusedWindowIsMarkedRead() {
        model.openPrivate("bob");
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 1, "hi"), true));
        assertThat(client.marked).containsExactly("@bob:1");

        model.windowFocusedProperty().set(false);
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 2, "still there?"), true));
        assertThat(client.marked).as("not in front of the user").containsExactly("@bob:1");
        model.windowFocusedProperty().set(true);
        assertThat(client.marked).containsExactly("@bob:1", "@bob:2");
    }

    @Test
    void readMarksCanBeTurnedOff() {
        model.reading().sendReadMarksProperty().set(false);
        assertThat(client.sendingReadMarks).isFalse();
        model.openPrivate("bob");
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 1, "hi"), true));
        assertThat(client.marked).isEmpty();
    }

    @Test
    void readShowsUnderTheUsersNewestPrivateMessageOnceThePeerReadIt() {
        model.openPrivate("bob");
        client.fire(new ClientEvent.MessageAdded(own(withBob, 1, "first"), true));
        client.fire(new ClientEvent.MessageAdded(own(withBob, 2, "second"), true));
        client.fire(new ClientEvent.ReadMarkChanged(withBob, "bob", 1));
        assertThat(model.reading().activityProperty().get()).isEmpty();

        client.fire(new ClientEvent.ReadMarkChanged(withBob, "bob", 2));
        assertThat(model.reading().activityProperty().get()).isEqualTo("Read");
        client.fire(new ClientEvent.MessageAdded(own(withBob, 3, "third"), true));
        assertThat(model.reading().activityProperty().get()).as("the newest is not read yet").isEmpty();
    }

    @Test
    void inTheGroupItSaysHowManyReadTheUsersNewestMessageAndWho() {
        client.fire(new ClientEvent.MessageAdded(own(Conversation.GROUP, 5, "lunch?"), true));
        client.readMarksAnswer.complete(List.of(new ReadMark("alice", 5), new ReadMark("bob", 5), new ReadMark("carol", 7),
                new ReadMark("dave", 4)));

        model.openPrivate("bob");
        model.openGroup();

        assertThat(model.reading().activityProperty().get()).isEqualTo("Read by 2");
        assertThat(model.reading().readersProperty().get()).isEqualTo("bob, carol");
    }

    @Test
    void inTheGroupTheCountKeepsUpWhileTheWindowHasTheFocus() {
        client.fire(new ClientEvent.MessageAdded(own(Conversation.GROUP, 5, "lunch?"), true));
        client.readMarksAnswer.complete(List.of(new ReadMark("bob", 5)));
        model.openPrivate("bob");
        model.openGroup();
        assertThat(model.reading().activityProperty().get()).isEqualTo("Read by 1");

        client.readMarksAnswer = CompletableFuture.completedFuture(List.of(new ReadMark("bob", 5), new ReadMark("carol", 6)));
        List.copyOf(timers).forEach(Runnable::run); // ten seconds later
        assertThat(model.reading().activityProperty().get()).isEqualTo("Read by 2");

        model.windowFocusedProperty().set(false);
        client.readMarksAnswer = CompletableFuture.completedFuture(List.of(new ReadMark("bob", 5), new ReadMark("carol", 6),
                new ReadMark("dave", 5)));
        List.copyOf(timers).forEach(Runnable::run);
        assertThat(model.reading().activityProperty().get()).as("nobody looking: not asked").isEqualTo("Read by 2");
        model.windowFocusedProperty().set(true);
        assertThat(model.reading().activityProperty().get()).as("asked again on coming back").isEqualTo("Read by 3");
    }

    @Test
    void typingShowsUntilItExpiresOrTheirMessageArrives() {
        model.openPrivate("bob");
        client.fire(new ClientEvent.Typing(withBob, "bob", Duration.ofSeconds(6)));
        assertThat(model.reading().activityProperty().get()).isEqualTo("bob is typing…");
        client.fire(new ClientEvent.Typing(Conversation.GROUP, "carol", Duration.ofSeconds(6)));
        assertThat(model.reading().activityProperty().get()).as("carol types elsewhere").isEqualTo("bob is typing…");

        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 1, "done"), true));
        assertThat(model.reading().activityProperty().get()).isEmpty();

        model.openGroup();
        assertThat(model.reading().activityProperty().get()).isEqualTo("carol is typing…");
        List.copyOf(timers).forEach(Runnable::run); // six seconds pass
        assertThat(model.reading().activityProperty().get()).isEmpty();
    }

    @Test
    void typingInTheDraftTellsTheOthers() {
        model.openPrivate("bob");
        model.draftProperty().set("h");
        model.draftProperty().set("hi");
        model.draftProperty().set("");
        assertThat(client.typed).containsExactly(withBob, withBob);
    }
}
