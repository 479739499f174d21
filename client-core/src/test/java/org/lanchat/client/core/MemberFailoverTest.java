package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.ApplianceProcess;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.ScenarioFigures;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.appliance.testing.TestNatsServer;
import org.lanchat.client.core.ClientEvent.MessageAdded;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.LanApplianceDirectory;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.testing.FakeApplianceBrowser;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Two appliances serving one chat (a real MariaDB and nats-server), one of them a separate process that is killed
 * with SIGKILL while a client connected to it is sending. Discovery is the directory the app uses, over a browser
 * that lists both members the way mDNS would (a killed member stays listed until its records expire).
 */
class MemberFailoverTest {
    @TempDir
    Path dir;

    @Test
    void aClientOfAKilledMemberResumesOnAnotherAndNothingItSentIsLostOrStoredTwice() throws Exception {
        try (TestDatabase database = TestDatabase.mysql();
             TestNatsServer nats = TestNatsServer.start(dir);
             RunningAppliance b = RunningAppliance.start(Files.createDirectories(dir.resolve("b")), database,
                     config -> config.name("LAN Chat b").clusterServers(List.of(nats.url())))) {
            ApplianceProcess a = new ApplianceProcess(Files.createDirectories(dir.resolve("a")), database, "256m",
                    List.of("--cluster", nats.url(), "--name", "LAN Chat a"), "member-failover-a");
            try (a) {
                a.start();
                CertificateFingerprint cluster = b.fingerprint();
                assertThat(a.fingerprint()).as("both members present the cluster's identity").isEqualTo(cluster);
                ApplianceId clusterId = new ApplianceId(b.appliance().clusterStatus().orElseThrow().clusterId());
                DiscoveredAppliance memberA = member("LAN Chat a", a.port(), clusterId, cluster);
                DiscoveredAppliance memberB = member("LAN Chat b", b.port(), clusterId, cluster);
                PinStore pins = PinStore.open(Files.createDirectories(dir.resolve("client")));
                pins.pin(clusterId, "LAN Chat", cluster);

                EventRecorder aliceEvents = new EventRecorder();
                EventRecorder bobEvents = new EventRecorder();
                List<AutoCloseable> closing = new ArrayList<>();
                try {
                    ChatClient alice = client("alice", pins, List.of(memberA, memberB), aliceEvents, closing);
                    ChatClient bob = client("bob", pins, List.of(memberB, memberA), bobEvents, closing);
                    assertThat(b.appliance().onlineUsernames()).as("alice is connected to a, bob to b")
                            .contains("bob").doesNotContain("alice");

                    List<ChatEntry> sent = new ArrayList<>();
                    long killedAt = 0;
                    for (int n = 0; n < 40; n++) {
                        sent.add(alice.sendText(Conversation.GROUP, "message " + n));
                        if (n == 19) {
                            a.kill();
                            killedAt = System.nanoTime();
                        }
                    }
                    aliceEvents.await(ClientEvent.SessionStarted.class, ClientEvent.SessionStarted::resumed);
                    ScenarioFigures.record("member failover", "ms from SIGKILL to the session resumed on another member",
                            (System.nanoTime() - killedAt) / 1_000_000);
                    await("alice resumed on b").atMost(EventRecorder.TIMEOUT)
                            .until(() -> b.appliance().onlineUsernames().contains("alice"));
                    for (ChatEntry entry : sent) {
                        assertThat(alice.delivered(entry).orTimeout(30, TimeUnit.SECONDS).join().delivery())
                                .isEqualTo(Delivery.DELIVERED);
                    }
                    List<String> texts = IntStream.range(0, 40).mapToObj(n -> "message " + n).toList();
                    for (String text : texts) {
                        bobEvents.await(MessageAdded.class, e -> text.equals(e.entry().text()));
                    }
                    alice.sendText(Conversation.GROUP, "sentinel");
                    bobEvents.await(MessageAdded.class, e -> "sentinel".equals(e.entry().text()));
                    assertThat(bobEvents.added(e -> e.text() != null && e.text().startsWith("message ")))
                            .as("bob got each of alice's messages once").extracting(ChatEntry::text)
                            .containsExactlyInAnyOrderElementsOf(texts);

                    TestClient observer = b.newUser("observer");
                    List<String> history = observer.request(new ConversationRequest.HistoryRequest(observer.nextId(),
                                    Conversation.GROUP, null, null, 100), ConversationMessage.HistoryPage.class)
                            .messages().stream().map(ConversationMessage.ChatMessage::text).toList();
                    assertThat(history).as("stored once each").containsExactlyInAnyOrderElementsOf(
                            java.util.stream.Stream.concat(texts.stream(), java.util.stream.Stream.of("sentinel")).toList());
                } finally {
                    for (AutoCloseable c : closing.reversed()) {
                        c.close();
                    }
                }
            }
        }
    }

    private static DiscoveredAppliance member(String name, int port, ApplianceId cluster, CertificateFingerprint fp) {
        return new DiscoveredAppliance(name, List.of(InetAddress.getLoopbackAddress()), port, Map.of(), cluster, fp,
                Protocol.VERSION);
    }

    /** A client whose directory lists the members in this order, logged in as a new user. */
    private ChatClient client(String name, PinStore pins, List<DiscoveredAppliance> members, EventRecorder events,
                              List<AutoCloseable> closing) throws Exception {
        FakeApplianceBrowser browser = new FakeApplianceBrowser();
        members.forEach(browser::appear);
        LanApplianceDirectory directory = new LanApplianceDirectory(Optional.of(browser),
                new LastGoodStore(Files.createDirectories(dir.resolve("last-" + name))));
        closing.add(directory);
        ApplianceChoice cluster = directory.onNetwork().getFirst();
        ChatClient client = new ChatClient(new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(5)),
                directory.follow(cluster)), LiveAppliance.OPTIONS);
        client.addListener(events, Runnable::run);
        closing.add(client);
        client.register(name, RunningAppliance.PASSWORD, null).join();
        client.caughtUp().orTimeout(EventRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }
}
