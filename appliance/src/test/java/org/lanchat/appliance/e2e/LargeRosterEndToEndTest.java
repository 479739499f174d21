package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileRequest.RosterRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionRequest.Ping;
import org.lanchat.protocol.message.SessionMessage.Pong;

/**
 * Who is online when it does not fit one frame (§6.6, §6.7): at the smallest {@code maxFrameBytes} (1024) 33 users
 * with the longest names (32 characters) make a roster of about 1,200 bytes and a presence change of as much. The
 * roster, pushed and asked for, comes in parts that together list everyone, and a crowd leaving at once is told in
 * as many {@code presence} events as it takes, none of it lost.
 *
 * <p>What an outside client found before: the asked-for roster was answered with an {@code error} without an id and
 * the connection closed, the pushed one never came, and 30 of 32 departures were never announced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last one sends the crowd home
class LargeRosterEndToEndTest {
    private static final String WATCHER = "watcher-" + "w".repeat(24);
    private static final String LATECOMER = "latecomer-" + "l".repeat(22);

    @TempDir
    static Path dir;
    static RunningAppliance appliance;
    static TestClient watcher;
    static List<TestClient> crowd = new ArrayList<>();
    static Set<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    @BeforeAll
    static void start() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxFrameBytes(FrameLimits.MIN_MAX_FRAME_BYTES));
        watcher = appliance.newUser(WATCHER);
        online.add(WATCHER);
        IntStream.range(0, 33).forEach(i -> {
            String name = "crowd-%02d-".formatted(i) + "c".repeat(23);
            crowd.add(appliance.newUser(name));
            online.add(name);
        });
        watcher.await(Presence.class, p -> p.count() == online.size());
    }

    @AfterAll
    static void stop() {
        appliance.close();
    }

    @Test
    @Order(1)
    void aRosterTooLargeForOneFrameIsPushedInPartsThatTogetherListEveryone() {
        TestClient latecomer = appliance.newUser(LATECOMER);
        try {
            List<Roster> parts = rosterParts(latecomer, null);
            assertThat(parts).as("more than one part: the whole is about 1,200 bytes").hasSizeGreaterThan(1);
            assertThat(parts).allSatisfy(part -> assertThat(part.count()).isEqualTo(online.size()));
            assertThat(parts.stream().flatMap(part -> part.users().stream()).toList())
                    .as("everyone online, once each, in the roster's order").containsExactlyElementsOf(online);
        } finally {
            latecomer.close();
        }
    }

    @Test
    @Order(2)
    void aRosterAskedForIsAnsweredInPartsCarryingTheRequestIdAndTheConnectionStaysOpen() {
        TestClient asker = appliance.login(WATCHER);
        try {
            String id = asker.nextId();
            asker.sendMessage(new RosterRequest(id));
            List<Roster> parts = rosterParts(asker, id);
            assertThat(parts).hasSizeGreaterThan(1);
            assertThat(parts.stream().flatMap(part -> part.users().stream()).toList()).containsAll(online);
            assertThat(asker.request(new Ping(asker.nextId()), Pong.class)).as("still connected").isNotNull();
            assertThat(asker.isClosedByPeer()).isFalse();
        } finally {
            asker.close();
        }
    }

    @Test
    @Order(3)
    void aCrowdLeavingAtOnceIsToldInFullInEventsThatEachFit() {
        int before = presenceEvents(watcher).size();
        crowd.forEach(TestClient::close);
        // The watcher's view: its pushed roster, then every presence event since, applied in order as §7.8 says.
        await().atMost(TestClient.TIMEOUT).until(() -> watchersView().equals(Set.of(WATCHER)));
        List<Presence> leaving = presenceEvents(watcher).subList(before, presenceEvents(watcher).size());
        assertThat(leaving).as("more than one event for 33 departures of 32-character names").hasSizeGreaterThan(1);
        assertThat(leaving.getLast().count()).isEqualTo(1);
    }

    /** Who is online as the watcher learnt it, checking at each event that its count is the number then online. */
    private static Set<String> watchersView() {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ServerMessage m : watcher.received()) {
            if (m instanceof Roster r && r.id() == null) {
                seen.addAll(r.users());
            } else if (m instanceof Presence p) {
                seen.removeAll(p.left());
                seen.addAll(p.joined());
                assertThat(p.count()).as("each event's count is the number online once it is applied: %s", p)
                        .isEqualTo(seen.size());
            }
        }
        return seen;
    }

    private static List<Presence> presenceEvents(TestClient client) {
        return client.received().stream().filter(Presence.class::isInstance).map(Presence.class::cast).toList();
    }

    /** The roster's parts up to the one without {@code hasMore}: the pushed one ({@code id} null) or a reply. */
    private static List<Roster> rosterParts(TestClient client, String id) {
        client.await(Roster.class, r -> Objects.equals(r.id(), id) && !r.more());
        return client.received().stream()
                .filter(m -> m instanceof Roster r && Objects.equals(r.id(), id))
                .map(Roster.class::cast).toList();
    }
}
