package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ClientEvent.MessageAdded;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.GatedConnector;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;

/** Losing the connection: backoff, resume with the token, catch-up from history, the outbox resent once. */
class ReconnectTest {
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();

    @Test
    void afterAnApplianceRestartQueuedMessagesAreSentOnceAndNothingIsLost() {
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        ChatClient alice = live.user("alice", aliceEvents);
        ChatClient bob = live.user("bob", bobEvents);
        alice.sendText(Conversation.GROUP, "before the restart");
        bobEvents.await(MessageAdded.class, e -> "before the restart".equals(e.entry().text()));

        live.appliance().stop();
        aliceEvents.awaitStatus(ConnectionStatus.RECONNECTING);
        ChatEntry queued = alice.sendText(Conversation.GROUP, "typed while the appliance was down");
        ChatEntry queuedPrivate = alice.sendText(Conversation.with("bob"), "private, also while down");
        assertThat(queued.delivery()).isEqualTo(Delivery.PENDING);
        await().atMost(EventRecorder.TIMEOUT).until(() -> aliceEvents.pending().size() == 2);

        live.appliance().restart();

        aliceEvents.await(ClientEvent.SessionStarted.class, ClientEvent.SessionStarted::resumed);
        bobEvents.await(ClientEvent.SessionStarted.class, ClientEvent.SessionStarted::resumed);
        assertThat(alice.delivered(queued).join().delivery()).isEqualTo(Delivery.DELIVERED);
        aliceEvents.awaitNothingPending();
        bobEvents.await(MessageAdded.class, e -> "typed while the appliance was down".equals(e.entry().text()));
        bobEvents.await(MessageAdded.class, e -> "private, also while down".equals(e.entry().text()));

        // A message sent after the outbox emptied: once bob has it, any resent copy would have reached him too.
        alice.sendText(Conversation.GROUP, "sentinel");
        bobEvents.await(MessageAdded.class, e -> "sentinel".equals(e.entry().text()));

        // Exactly once everywhere: in bob's events, in both clients' logs, and in the appliance's history.
        assertThat(bobEvents.added(e -> "typed while the appliance was down".equals(e.text()))).hasSize(1);
        assertThat(bobEvents.added(e -> "private, also while down".equals(e.text()))).hasSize(1);
        assertThat(bob.messages(Conversation.GROUP).join()).extracting(ChatEntry::text)
                .containsExactly("before the restart", "typed while the appliance was down", "sentinel");
        aliceEvents.awaitNothingPending();
        assertThat(alice.messages(Conversation.GROUP).join()).extracting(ChatEntry::text)
                .containsExactly("before the restart", "typed while the appliance was down", "sentinel");
        assertThat(alice.messages(Conversation.with("bob")).join()).singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo(queuedPrivate.key()))
                .satisfies(e -> assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED));
        TestClient observer = live.appliance().newUser("observer");
        assertThat(observer.request(new org.lanchat.protocol.message.ConversationRequest.HistoryRequest(observer.nextId(),
                        Conversation.GROUP, null, null, 50), org.lanchat.protocol.message.ConversationMessage.HistoryPage.class)
                .messages()).extracting(org.lanchat.protocol.message.ConversationMessage.ChatMessage::text)
                .containsExactlyInAnyOrder("before the restart", "typed while the appliance was down", "sentinel");
    }

    @Test
    void messagesSentWhileTheClientWasCutOffAreCaughtUpAsUnread() {
        GatedConnector cable = new GatedConnector(live.connector());
        EventRecorder events = new EventRecorder();
        ChatClient alice = live.client(cable, events);
        alice.register("alice", org.lanchat.appliance.testing.RunningAppliance.PASSWORD, null).join();
        TestClient bob = live.appliance().newUser("bob");
        bob.send(Conversation.GROUP, "seen live");
        events.await(MessageAdded.class, e -> "seen live".equals(e.entry().text()));
        alice.activate(Conversation.GROUP);

        cable.unplug();
        events.awaitStatus(ConnectionStatus.RECONNECTING);
        bob.send(Conversation.GROUP, "missed 1");
        bob.send(Conversation.GROUP, "missed 2");
        bob.send(Conversation.with("alice"), "missed private");
        ChatEntry queued = alice.sendText(Conversation.GROUP, "typed while cut off");
        events.clear();
        cable.plug();

        events.await(ClientEvent.SessionStarted.class, ClientEvent.SessionStarted::resumed);
        events.awaitCaughtUp();
        events.await(MessageAdded.class, e -> "missed private".equals(e.entry().text()));
        events.awaitNothingPending();
        assertThat(alice.messages(Conversation.GROUP).join()).extracting(ChatEntry::text)
                .containsExactly("seen live", "missed 1", "missed 2", "typed while cut off");
        assertThat(events.unread(Conversation.GROUP)).as("the open conversation").isZero();
        assertThat(events.unread(Conversation.with("bob"))).isEqualTo(1);
        bob.awaitChat(1, m -> "typed while cut off".equals(m.text()));
        // Later messages both ways: once they are through, a duplicate of the earlier ones would be too.
        alice.sendText(Conversation.GROUP, "sentinel from alice");
        bob.send(Conversation.GROUP, "sentinel from bob");
        bob.awaitChat(1, m -> "sentinel from alice".equals(m.text()));
        events.await(MessageAdded.class, e -> "sentinel from bob".equals(e.entry().text()));
        assertThat(bob.chat(m -> "typed while cut off".equals(m.text()))).hasSize(1);
        assertThat(events.added(e -> e.text() != null && e.text().startsWith("missed"))).hasSize(3);
        assertThat(alice.messages(Conversation.GROUP).join()).filteredOn(e -> e.key().equals(queued.key()))
                .singleElement().extracting(ChatEntry::delivery).isEqualTo(Delivery.DELIVERED);
    }

    @Test
    void reconnectNowSkipsTheRestOfTheBackoff() {
        EventRecorder events = new EventRecorder();
        ChatClient alice = new ChatClient(live.connector(),
                LiveAppliance.OPTIONS.withRetry(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        live.track(alice);
        alice.addListener(events, Runnable::run);
        alice.register("alice", RunningAppliance.PASSWORD, null).join();

        live.appliance().stop();
        events.awaitStatus(ConnectionStatus.RECONNECTING);
        live.appliance().restart();
        alice.reconnectNow();

        events.await(ClientEvent.SessionStarted.class, ClientEvent.SessionStarted::resumed);
        assertThat(alice.session()).isPresent();
    }
}
