package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * The appliance stops while colleagues are chatting: their clients go direct (peer links on loopback) and keep
 * sending, group and private; the appliance comes back on its data. Every message ends up stored once, in its
 * conversation, with the time its sender sent it; every member holds exactly one copy of it with its sequence
 * number; and the group's sequence numbers are contiguous. PROTOCOL.md §7.14, §10.
 */
@Tag("slow")
class ApplianceDownTest {
    private static final String SCENARIO = "appliance down, peer mode";
    private static final List<String> USERS = List.of("ada", "ben", "cyd", "dee");
    private static final int GROUP_EACH = Scale.pick(5, 50);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ClientOptions OPTIONS = ClientOptions.DEFAULTS.withRetry(Duration.ofMillis(100), Duration.ofSeconds(1))
            .withPeerLinks(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    @TempDir
    Path dir;
    private final List<ChatClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(ChatClient::close);
    }

    @Test
    void everyMessageSentDirectlyIsStoredOnceWithItsSendTimeAndHeldOnceByEveryMember() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir)) {
            RunningAppliance appliance = RunningAppliance.start(dir, database);
            int port = appliance.port();
            Map<String, ChatClient> byName = new LinkedHashMap<>();
            Map<String, AtomicLong> inPeerMode = new HashMap<>();
            AtomicInteger receivedDirectly = new AtomicInteger();
            for (String user : USERS) {
                appliance.newUser(user).close();
                AtomicLong since = new AtomicLong();
                inPeerMode.put(user, since);
                ChatClient client = client(user, appliance, port);
                client.addListener(event -> {
                    if (event instanceof ClientEvent.PeerModeChanged changed && changed.active() && since.get() == 0) {
                        since.set(System.nanoTime());
                    } else if (event instanceof ClientEvent.MessageAdded added && added.entry().delivery() == Delivery.DIRECT) {
                        receivedDirectly.incrementAndGet();
                    }
                }, Runnable::run);
                client.login(user, RunningAppliance.PASSWORD).orTimeout(30, TimeUnit.SECONDS).join();
                byName.put(user, client);
            }
            for (ChatClient client : byName.values()) {
                await().atMost(WAIT).until(() -> client.knownPeers().join().size() == USERS.size() - 1);
            }

            long stoppedAt = System.nanoTime();
            appliance.stop();
            await().atMost(WAIT).until(() -> inPeerMode.values().stream().allMatch(t -> t.get() != 0));
            long slowest = inPeerMode.values().stream().mapToLong(AtomicLong::get).max().orElseThrow() - stoppedAt;

            List<ChatEntry> sent = new ArrayList<>();
            for (int round = 0; round < GROUP_EACH; round++) {
                for (String user : USERS) {
                    sent.add(byName.get(user).sendText(Conversation.GROUP, user + " to all, " + round));
                }
            }
            for (int i = 0; i < USERS.size(); i++) {
                String from = USERS.get(i);
                String to = USERS.get((i + 1) % USERS.size());
                sent.add(byName.get(from).sendText(Conversation.with(to), from + " to " + to));
            }
            int copiesExpected = GROUP_EACH * USERS.size() * (USERS.size() - 1) + USERS.size();
            await().atMost(WAIT).until(() -> receivedDirectly.get() >= copiesExpected);

            long restartedAt = System.nanoTime();
            appliance = RunningAppliance.start(dir, database, b -> b.port(port));
            try {
                for (String user : USERS) {
                    ChatClient client = byName.get(user);
                    await().atMost(WAIT).untilAsserted(() -> assertThat(client.messages(Conversation.GROUP).join())
                            .filteredOn(e -> e.delivery() == Delivery.DELIVERED && e.seq() > 0)
                            .hasSize(GROUP_EACH * USERS.size()));
                }
                long allStored = System.nanoTime() - restartedAt;

                TestClient reader = appliance.newUser("reader");
                List<ChatMessage> history = reader.request(new HistoryRequest(reader.nextId(), Conversation.GROUP, null, null,
                        200), HistoryPage.class).messages();
                Map<String, Long> sentAt = new HashMap<>();
                sent.forEach(e -> sentAt.put(e.clientMsgId(), e.sentAt()));
                assertThat(history).hasSize(GROUP_EACH * USERS.size());
                assertThat(history.stream().map(ChatMessage::seq).sorted().toList()).as("contiguous, each once")
                        .isEqualTo(LongStream.rangeClosed(1, history.size()).boxed().toList());
                assertThat(history).allSatisfy(m -> assertThat(m.sentAt()).as("%s's send time", m.clientMsgId())
                        .isEqualTo(sentAt.get(m.clientMsgId())));
                for (String user : USERS) {
                    ChatClient client = byName.get(user);
                    assertThat(client.messages(Conversation.GROUP).join()).extracting(ChatEntry::clientMsgId)
                            .as("%s holds each group message once", user).doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(history.stream().map(ChatMessage::clientMsgId).toList());
                }
                for (int i = 0; i < USERS.size(); i++) {
                    String from = USERS.get(i);
                    String to = USERS.get((i + 1) % USERS.size());
                    ChatClient recipient = byName.get(to);
                    await().atMost(WAIT).untilAsserted(() -> assertThat(recipient.messages(Conversation.with(from)).join())
                            .filteredOn(e -> e.text().equals(from + " to " + to)).singleElement()
                            .satisfies(e -> assertThat(e.seq()).isPositive()));
                }

                Figures.record(SCENARIO, "clients", USERS.size());
                Figures.record(SCENARIO, "from stop to the last client chatting directly (ms)", slowest / 1_000_000);
                Figures.record(SCENARIO, "messages sent directly (group / private)", GROUP_EACH * USERS.size() + " / " + USERS.size());
                Figures.record(SCENARIO, "copies received directly", receivedDirectly.get());
                Figures.record(SCENARIO, "group messages stored after the return, each once", history.size());
                Figures.record(SCENARIO, "lost", 0);
                Figures.record(SCENARIO, "from restart to every client holding the stored copies (ms)", allStored / 1_000_000);
            } finally {
                appliance.close();
            }
        }
    }

    private ChatClient client(String user, RunningAppliance appliance, int port) {
        try {
            Path home = Files.createDirectories(dir.resolve("client-" + user));
            PinStore pins = PinStore.open(home);
            pins.pin(ApplianceId.random(), "LAN Chat under test", appliance.fingerprint());
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            ChatClient client = new ChatClient(new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(10)),
                    () -> TrustTarget.manual(address)), OPTIONS);
            clients.add(client);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
