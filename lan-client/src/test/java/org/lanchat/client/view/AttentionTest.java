package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.PresenceState;

/** One Attention per window: each login hands it the new chat, and the previous one is let go. */
class AttentionTest {
    private final SimpleBooleanProperty focused = new SimpleBooleanProperty(true);
    private final List<String> titles = new ArrayList<>();
    private final Attention attention = new Attention(focused, titles::add);

    @Test
    void messagesInTheBackgroundCountInTheTitleUntilTheWindowHasFocus() {
        FakeChatService client = new FakeChatService();
        ChatViewModel chat = chat(client, "alice");
        attention.follow(chat, "LAN Chat: alice");

        focused.set(false);
        client.fire(message(1, "one"));
        client.fire(message(2, "two"));
        focused.set(true);

        assertThat(titles).containsExactly("(1) LAN Chat: alice", "(2) LAN Chat: alice", "LAN Chat: alice");
    }

    @Test
    void afterASecondLoginOnlyTheNewChatCountsAndFocusRestoresItsTitle() {
        FakeChatService firstClient = new FakeChatService();
        FakeChatService secondClient = new FakeChatService();
        ChatViewModel first = chat(firstClient, "alice");
        ChatViewModel second = chat(secondClient, "bob");
        attention.follow(first, "LAN Chat: alice");
        attention.stop(); // logged out: the login window shows
        attention.follow(second, "LAN Chat: bob");

        assertThat(first.windowFocusedProperty().isBound()).as("the first chat is let go").isFalse();
        focused.set(false);
        first.windowFocusedProperty().set(false);
        firstClient.fire(message(1, "late, for the old session"));
        secondClient.fire(message(1, "hi bob"));
        focused.set(true);

        // One count, for bob's chat; one focus listener, restoring bob's title once.
        assertThat(titles).containsExactly("(1) LAN Chat: bob", "LAN Chat: bob");
    }

    @Test
    void whileBusyNothingCallsTheUserNotEvenAMention() {
        FakeChatService client = new FakeChatService();
        ChatViewModel chat = chat(client, "alice");
        List<String> poppedUp = new ArrayList<>();
        chat.notifications().setOnNotify(notification -> poppedUp.add(notification.body()));
        attention.follow(chat, "LAN Chat: alice");

        focused.set(false);
        client.fire(message(1, "before"));
        chat.presence().choose(PresenceState.BUSY);
        client.fire(message(2, "while busy, @alice"));
        chat.presence().choose(PresenceState.AVAILABLE);
        client.fire(message(3, "after"));

        assertThat(titles).as("no count, so no taskbar flash, while busy")
                .containsExactly("(1) LAN Chat: alice", "(2) LAN Chat: alice");
        assertThat(poppedUp).as("do not disturb: no notification (and no chime)").containsExactly("before", "after");
    }

    private static ChatViewModel chat(FakeChatService client, String user) {
        ChatViewModel chat = new ChatViewModel(client, SameThread.EXECUTOR);
        client.loggedInAs(user);
        return chat;
    }

    private static ClientEvent message(long seq, String text) {
        return new ClientEvent.MessageAdded(FakeChatService.from("carol", Conversation.GROUP, seq, text), true);
    }
}
