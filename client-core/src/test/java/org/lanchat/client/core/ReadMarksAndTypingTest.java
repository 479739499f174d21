package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;

/** Read marks and typing through the client core, against the real appliance (PROTOCOL.md §7.18). */
class ReadMarksAndTypingTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    final String aliceName = "alice" + USERS.incrementAndGet();
    final String bobName = "bob" + USERS.incrementAndGet();
    final EventRecorder aliceEvents = new EventRecorder();
    final EventRecorder bobEvents = new EventRecorder();
    ChatClient alice;
    ChatClient bob;

    @BeforeEach
    void twoUsersOnline() {
        alice = live.user(aliceName, aliceEvents);
        bob = live.user(bobName, bobEvents);
    }

    @Test
    void theSenderHearsThatThePeerReadAndARestartedClientLearnsItAgain() {
        ChatEntry sent = alice.delivered(alice.sendText(Conversation.with(bobName), "did you read this?")).join();
        bobEvents.await(ClientEvent.MessageAdded.class, e -> e.entry().seq() == sent.seq() && !e.entry().own());

        bob.markRead(Conversation.with(aliceName), sent.seq());

        ClientEvent.ReadMarkChanged read = aliceEvents.await(ClientEvent.ReadMarkChanged.class, e -> e.reader().equals(bobName));
        assertThat(read).isEqualTo(new ClientEvent.ReadMarkChanged(Conversation.with(bobName), bobName, sent.seq()));

        EventRecorder laterEvents = new EventRecorder();
        ChatClient later = live.client(laterEvents);
        later.login(aliceName, RunningAppliance.PASSWORD).join();
        later.caughtUp().orTimeout(EventRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertThat(laterEvents.all(ClientEvent.ReadMarkChanged.class)).as("from the conversations reply")
                .contains(new ClientEvent.ReadMarkChanged(Conversation.with(bobName), bobName, sent.seq()));
    }

    @Test
    void typingReachesThePeerAndGroupMarksAreAskedFor() {

        alice.typing(Conversation.with(bobName));
        ClientEvent.Typing typing = bobEvents.await(ClientEvent.Typing.class, e -> true);
        assertThat(typing).isEqualTo(new ClientEvent.Typing(Conversation.with(aliceName), aliceName, Duration.ofSeconds(6)));

        ChatEntry said = alice.delivered(alice.sendText(Conversation.GROUP, "anyone?")).join();
        bob.markRead(Conversation.GROUP, said.seq());
        // In the group nobody is told; whoever wants to know asks.
        await().atMost(EventRecorder.TIMEOUT).until(() -> alice.readMarks(Conversation.GROUP).join()
                .contains(new ReadMark(bobName, said.seq())));
        assertThat(aliceEvents.all(ClientEvent.ReadMarkChanged.class)).noneMatch(e -> e.reader().equals(bobName));
    }

    /** PROTOCOL.md §7.18: "a client shows as unread the messages above its user's mark, whichever device read them". */
    @Test
    void whatOneDeviceReadIsNotUnreadOnTheUsersOtherDeviceNorOnANewOne() {
        EventRecorder phoneEvents = new EventRecorder();
        ChatClient phone = live.client(phoneEvents);
        phone.login(bobName, RunningAppliance.PASSWORD).join();
        phoneEvents.awaitCaughtUp();
        Conversation withAlice = Conversation.with(aliceName);
        List<ChatEntry> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sent.add(alice.delivered(alice.sendText(Conversation.with(bobName), "news " + i)).join());
        }
        phoneEvents.awaitUnread(withAlice, 3);
        bobEvents.awaitUnread(withAlice, 3);

        bob.markRead(withAlice, sent.get(1).seq());

        phoneEvents.awaitUnread(withAlice, 1);
        EventRecorder laptopEvents = new EventRecorder();
        ChatClient laptop = live.client(laptopEvents);
        laptop.login(bobName, RunningAppliance.PASSWORD).join();
        laptopEvents.awaitCaughtUp();
        assertThat(laptopEvents.unread(withAlice)).as("a device new to the conversation counts only what is above the mark")
                .isEqualTo(1);
        ChatEntry later = alice.delivered(alice.sendText(Conversation.with(bobName), "news 4")).join();
        laptopEvents.await(ClientEvent.MessageAdded.class, e -> e.entry().seq() == later.seq());
        laptopEvents.awaitUnread(withAlice, 2);
    }
}
