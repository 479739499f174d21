package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;

/**
 * Handing in what a colleague sent directly (PROTOCOL.md §7.14) counts against the sender's sends per second: a
 * client holding more than the sender's burst gets some of them refused for now, and hands those in again later
 * rather than dropping them; one at a time, oldest first, so that they are stored in the order they were sent.
 */
class PeerHandInTest {
    /** One message a second per account, bursts of two; this machine not exempt. */
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension(b -> b.rateLimits(new RateLimits(
            RateLimits.DEFAULT_REGISTRATIONS_PER_HOUR, RateLimits.DEFAULT_CONNECTIONS_PER_ADDRESS, 100, 1, false)));

    @Test
    void messagesOfAColleagueWhoWentHomeAreAllHandedInThoughTheApplianceTakesThemSlowerThanTheyCome() {
        EventRecorder alicesEvents = new EventRecorder();
        EventRecorder bobsEvents = new EventRecorder();
        ChatClient alice = live.user("alice", alicesEvents, LiveAppliance.PEER_LINKS);
        ChatClient bob = live.user("bob", bobsEvents, LiveAppliance.PEER_LINKS);
        for (ChatClient client : List.of(alice, bob)) {
            await().atMost(EventRecorder.TIMEOUT).until(() -> client.knownPeers().join().size() == 1);
        }

        live.appliance().stop();
        alicesEvents.await(ClientEvent.PeerModeChanged.class, e -> e.active() && e.reachable().contains("bob"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(alice.sendText(Conversation.GROUP, "direct " + i).clientMsgId());
        }
        for (String id : sent) {
            bobsEvents.await(ClientEvent.MessageAdded.class, e -> e.entry().clientMsgId().equals(id)
                    && e.entry().delivery() == Delivery.DIRECT);
        }
        alice.close(); // she went home: only bob holds her messages now

        live.appliance().restart();
        TestClient reader = live.appliance().newUser("carol");
        await().atMost(EventRecorder.TIMEOUT.multipliedBy(2)).untilAsserted(() -> assertThat(history(reader))
                .filteredOn(m -> m.from().equals("alice")).extracting(ChatMessage::clientMsgId)
                .as("six messages, each once and in the order she sent them, though the appliance took at most two in a row")
                .containsExactlyElementsOf(sent));
    }

    /** The group's messages in the order the appliance stored them. */
    private static List<ChatMessage> history(TestClient reader) {
        return reader.request(new HistoryRequest(reader.nextId(), Conversation.GROUP, null, null, 100), HistoryPage.class)
                .messages().stream().sorted(Comparator.comparingLong(ChatMessage::seq)).toList();
    }
}
