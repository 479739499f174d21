package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;

/**
 * Peer assistance with real clients and a real appliance on loopback (PROTOCOL.md §7.14, §10): the appliance
 * stops; the clients chat directly, group and private, each message shown as sent or received directly; the
 * appliance comes back; then every message is stored once, with the time its sender sent it, and every
 * client shows one copy of it with its sequence number.
 */
class PeerModeTest {
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();

    @Test
    void whileTheApplianceIsDownColleaguesChatDirectlyAndItStoresEachMessageOnceWhenItIsBack() {
        Map<String, EventRecorder> events = Map.of("alice", new EventRecorder(), "bob", new EventRecorder(),
                "carol", new EventRecorder());
        ChatClient alice = user("alice", events.get("alice"));
        ChatClient bob = user("bob", events.get("bob"));
        ChatClient carol = user("carol", events.get("carol"));
        for (ChatClient client : List.of(alice, bob, carol)) {
            await().atMost(EventRecorder.TIMEOUT).until(() -> client.knownPeers().join().size() == 2);
        }

        live.appliance().stop();
        events.get("alice").await(ClientEvent.PeerModeChanged.class, e -> e.active() && e.reachable().containsAll(List.of("bob", "carol")));
        events.get("bob").await(ClientEvent.PeerModeChanged.class, e -> e.active() && e.reachable().contains("alice"));

        ChatEntry group = alice.sendText(Conversation.GROUP, "the appliance is down, still here");
        ChatEntry privately = bob.sendText(Conversation.with("alice"), "psst");
        for (String receiver : List.of("bob", "carol")) {
            events.get(receiver).await(ClientEvent.MessageAdded.class, e -> e.entry().clientMsgId().equals(group.clientMsgId())
                    && e.entry().delivery() == Delivery.DIRECT && e.entry().from().equals("alice"));
        }
        events.get("alice").await(ClientEvent.MessageAdded.class, e -> e.entry().clientMsgId().equals(privately.clientMsgId())
                && e.entry().delivery() == Delivery.DIRECT && e.entry().conversation().equals(Conversation.with("bob")));
        events.get("alice").await(ClientEvent.MessageUpdated.class, e -> e.entry().key().equals(group.key())
                && e.entry().delivery() == Delivery.DIRECT);

        live.appliance().restart();
        events.values().forEach(e -> e.await(ClientEvent.PeerModeChanged.class, changed -> !changed.active()));

        for (ChatClient client : List.of(alice, bob, carol)) {
            await().atMost(EventRecorder.TIMEOUT).untilAsserted(() -> assertThat(client.messages(Conversation.GROUP).join())
                    .filteredOn(e -> e.clientMsgId().equals(group.clientMsgId())).singleElement().satisfies(e -> {
                        assertThat(e.seq()).isPositive();
                        assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED);
                        assertThat(e.sentAt()).as("the time alice sent it").isEqualTo(group.sentAt());
                    }));
        }
        await().atMost(EventRecorder.TIMEOUT).untilAsserted(() -> assertThat(alice.messages(Conversation.with("bob")).join())
                .filteredOn(e -> e.clientMsgId().equals(privately.clientMsgId())).singleElement()
                .satisfies(e -> assertThat(e.seq()).isPositive()));
        assertThat(carol.messages(Conversation.with("bob")).join()).as("a private message reaches its recipient only").isEmpty();

        TestClient reader = live.appliance().newUser("dave");
        List<ChatMessage> history = reader.request(new HistoryRequest(reader.nextId(), Conversation.GROUP, null, null, 100),
                HistoryPage.class).messages();
        assertThat(history).filteredOn(m -> m.clientMsgId().equals(group.clientMsgId())).singleElement()
                .satisfies(m -> assertThat(m.sentAt()).isEqualTo(group.sentAt()));
    }

    private ChatClient user(String name, EventRecorder recorder) {
        return live.user(name, recorder, LiveAppliance.PEER_LINKS);
    }
}
