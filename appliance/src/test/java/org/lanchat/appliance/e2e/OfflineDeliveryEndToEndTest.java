package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;

/**
 * Offline delivery at login (PROTOCOL §7.4) against the outbound bound (§7.10), over real TLS: however long the
 * backlog, it goes out at the pace the client reads it, so a client that reads slowly is not cut off for what the
 * appliance chose to send it; live messages committed meanwhile follow it, once each; and what had not been
 * written when a connection ends comes at the next login.
 */
class OfflineDeliveryEndToEndTest {
    /** The smallest bound the appliance accepts: the backlog below is 150 times as large. */
    private static final int BOUND = 64 * 1024;
    /** More than the kernel's socket buffers hold (4 MB at most for the appliance's side on Linux). */
    private static final int WAITING = 200;
    /** Emoji, with a number before them the longest text (4000): about 48 KB as JSON, each an escaped surrogate pair. */
    private static final String LONG_TEXT = "\uD83D\uDE00".repeat(3997);
    /** Sends each sender has on its way at once. */
    private static final int IN_FLIGHT = 8;

    @TempDir
    Path dir;
    RunningAppliance appliance;

    @BeforeEach
    void start() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxOutboundBytes(BOUND));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void aLongBacklogReachesAClientThatReadsSlowlyOnceEachInOrderWithTheLiveMessagesAfterIt() throws IOException {
        appliance.newUser("victim").close();
        TestClient alice = appliance.newUser("alice");
        List<Long> waiting = backlogFor("victim");

        List<Long> live = new ArrayList<>();
        try (SlowReader victim = SlowReader.logIn(appliance, "victim")) {
            victim.readUntil(r -> chatCount(r) >= 5, true);
            // Committed while most of the backlog is still on its way: held back, then after it.
            for (int i = 0; i < 3; i++) {
                live.add(alice.send(Conversation.with("victim"), "live " + i).messageId());
            }
            live.add(alice.send(Conversation.GROUP, "live in the group").messageId());

            victim.readUntil(r -> chatCount(r) >= WAITING + live.size(), true);
            // One more round trip: nothing else comes, and the connection is still there.
            long pongs = pongs(victim.received());
            victim.readUntil(r -> pongs(r) > pongs, true);

            assertThat(victim.chat()).extracting(ChatMessage::messageId)
                    .as("the backlog oldest first, then the live messages, each once")
                    .containsExactlyElementsOf(Stream.concat(waiting.stream(), live.stream()).toList());
            assertThat(victim.isClosedByPeer()).as("not cut off as a slow consumer").isFalse();
        }

        TestClient again = appliance.login("victim");
        Ack marker = alice.send(Conversation.with("victim"), "marker");
        again.await(ChatMessage.class, m -> m.messageId() == marker.messageId());
        assertThat(again.chat(m -> m.messageId() != marker.messageId()))
                .as("everything was handed over once; nothing waits any more").isEmpty();
    }

    @Test
    void whatWasNotWrittenWhenTheConnectionEndedComesAtTheNextLogin() throws IOException {
        appliance.newUser("victim").close();
        TestClient alice = appliance.newUser("alice");
        List<Long> waiting = backlogFor("victim");

        List<Long> first;
        int joined;
        try (SlowReader victim = SlowReader.logIn(appliance, "victim")) {
            victim.readUntil(r -> chatCount(r) >= 10, false);
            first = victim.chat().stream().map(ChatMessage::messageId).toList();
            joined = awaitPresence(alice, 0, p -> p.joined().contains("victim")); // so that its leaving is told too
        } // the connection ends with most of the backlog not yet sent
        awaitPresence(alice, joined + 1, p -> p.left().contains("victim")); // the appliance has seen it end

        TestClient again = appliance.login("victim");
        again.await(ChatMessage.class, m -> m.messageId() == waiting.getLast());
        List<Long> rest = again.chat(m -> true).stream().map(ChatMessage::messageId).toList();

        assertThat(first).as("oldest first").isEqualTo(waiting.subList(0, first.size()));
        assertThat(rest).as("the rest, oldest first, each once")
                .isEqualTo(waiting.subList(waiting.indexOf(rest.getFirst()), waiting.size()));
        assertThat(rest.getFirst()).as("none read before comes again").isGreaterThan(first.getLast());
    }

    /**
     * Two senders write {@link #WAITING} long messages to {@code user}, who is offline, a few in flight at a time as a
     * hostile client would; the ids, oldest first.
     */
    private List<Long> backlogFor(String user) {
        List<TestClient> senders = List.of(appliance.newUser("mallory"), appliance.newUser("trudy"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < WAITING; i += IN_FLIGHT * senders.size()) {
            List<Map.Entry<TestClient, String>> sent = new ArrayList<>();
            for (int j = i; j < Math.min(WAITING, i + IN_FLIGHT * senders.size()); j++) {
                TestClient sender = senders.get(j % senders.size());
                Posting.Send send = new Posting.Send(sender.nextId(), UUID.randomUUID().toString(), Conversation.with(user),
                        "%03d".formatted(j) + LONG_TEXT, null);
                sender.sendMessage(send);
                sent.add(Map.entry(sender, send.id()));
            }
            for (Map.Entry<TestClient, String> request : sent) {
                ServerMessage reply = request.getKey().awaitReply(request.getValue());
                assertThat(reply).isInstanceOf(Ack.class);
                ids.add(((Ack) reply).messageId());
            }
        }
        ids.sort(Long::compare);
        return ids;
    }

    private static int chatCount(List<ServerMessage> received) {
        return (int) received.stream().filter(ChatMessage.class::isInstance).count();
    }

    private static long pongs(List<ServerMessage> received) {
        return received.stream().filter(SessionMessage.Pong.class::isInstance).count();
    }

    /** Waits for a presence event that matches, among what {@code client} received from the {@code from}th on; its index. */
    private static int awaitPresence(TestClient client, int from, Predicate<Presence> matches) {
        return await().atMost(TestClient.TIMEOUT).until(() -> {
            List<ServerMessage> received = client.received();
            for (int i = from; i < received.size(); i++) {
                if (received.get(i) instanceof Presence p && matches.test(p)) {
                    return i;
                }
            }
            return -1;
        }, i -> i >= 0);
    }
}
