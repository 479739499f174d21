package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.testing.ApplianceProcess;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TcpProxy;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.appliance.testing.TestNatsServer;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.reliability.invariant.InvariantChecker;
import org.lanchat.reliability.participant.ChatLoad;
import org.lanchat.reliability.participant.Endpoint;
import org.lanchat.reliability.participant.Participant;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * Three appliances serving one chat, each a process in a network namespace of its own (its own address, as a
 * separate box would have), sharing one MariaDB and one nats-server that they reach over their links. Clients
 * are spread over the members and send group and private messages to each other under load; each connection
 * attempt of a client goes to the next member, as the app's directory does with the members advertising a
 * cluster. Then one of two faults:
 *
 * <ul>
 *   <li>a member is killed with SIGKILL: its clients resume their sessions on the others, resend what was
 *       not acknowledged, and nothing acknowledged is lost or stored twice; a user who never comes back is shown
 *       offline everywhere within a bounded time, and a user who came back is never shown offline after that;</li>
 *   <li>the bus is restarted: members keep delivering from the database while it is away, and every client
 *       gets every message once, live, in order, without reconnecting.</li>
 * </ul>
 */
// Alone: four JVMs and a database under load on two cores; timings under faults are what it observes.
@Isolated
@Tag("slow")
class ClusterUnderLoadNetnsTest {
    private static final int MEMBERS = 3;
    /** A member whose heartbeats stop is forgotten after five seconds; ten more allow for a loaded machine. */
    private static final Duration PRESENCE_BOUND = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private TestDatabase database;
    private TestNatsServer nats;
    private final List<Member> members = new ArrayList<>();
    private final List<Participant> participants = new ArrayList<>();
    private final List<Participant> others = new ArrayList<>();

    /** One appliance in its namespace, with the links to the database and the bus it reaches through its host end. */
    private record Member(TestNetns ns, TcpProxy databaseLink, TcpProxy busLink, ApplianceProcess appliance) {
        Endpoint endpoint() {
            return new Endpoint(ns.nsAddress, appliance.port(), appliance.fingerprint());
        }
    }

    @BeforeEach
    void startCluster() throws Exception {
        Assumptions.assumeTrue(TestNetns.available(), "needs root and iproute2 to create network namespaces");
        database = TestDatabase.mysql();
        nats = TestNatsServer.start(dir);
        for (int i = 0; i < MEMBERS; i++) {
            TestNetns ns = TestNetns.create("m" + i);
            InetAddress hostEnd = InetAddress.getByName(ns.hostAddress);
            TcpProxy databaseLink = new TcpProxy(new InetSocketAddress("127.0.0.1", 3306), hostEnd);
            TcpProxy busLink = new TcpProxy(new InetSocketAddress("127.0.0.1", nats.port()), hostEnd);
            ApplianceProcess appliance = new ApplianceProcess(Files.createDirectories(dir.resolve("member" + i)), database,
                    "256m", List.of("--cluster", "nats://" + busLink.hostAndPort(), "--name", "LAN Chat " + i,
                            // The clients all come from this machine's end of the links, at load-test rates.
                            "--max-registrations-per-hour", "1000", "--max-messages-per-second", "10000",
                            "--max-messages-per-second-per-user", "10000"), "cluster-netns-" + i)
                    .inNamespace(ns.exec(), ns.nsAddress)
                    .databaseUrl(databaseLink.jdbcUrl(database.jdbcUrl()));
            members.add(new Member(ns, databaseLink, busLink, appliance));
            appliance.start(); // one after the other: the first makes the cluster's identity, the others join it
        }
        assertThat(members).as("every member presents the cluster's identity")
                .extracting(m -> m.appliance().fingerprint()).containsOnly(members.getFirst().appliance().fingerprint());
    }

    @AfterEach
    void stopCluster() throws Exception {
        participants.forEach(Participant::close);
        others.forEach(Participant::close);
        for (Member m : members) {
            m.appliance().close();
            m.busLink().close();
            m.databaseLink().close();
            m.ns().close();
        }
        if (nats != null) {
            nats.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aMemberKilledUnderLoadLosesNothingAndItsClientsResumeOnTheOthers() throws Exception {
        String scenario = "cluster: a member killed under load (3 members in namespaces)";
        int users = Scale.pick(9, 30);
        int perUser = Scale.pick(60, 400);
        List<Rotation> rotations = register(users);
        Member victim = members.getFirst();
        // Someone on the victim who does not come back: the others must see them go, once the member is forgotten.
        Participant leaver = new Participant("leaver", RunningAppliance.PASSWORD, victim::endpoint, 4);
        others.add(leaver);
        leaver.register();
        Presences presences = new Presences(participants);

        int total = users * perUser;
        try (ChatLoad load = ChatLoad.start(participants, perUser, 0.5, 11)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> acked() >= total / 3);
            Set<Participant> onVictim = participants.stream()
                    .filter(p -> rotations.get(participants.indexOf(p)).last().equals(victim.endpoint()))
                    .collect(Collectors.toSet());
            Map<Participant, Integer> sessionsBefore = participants.stream()
                    .collect(Collectors.toMap(p -> p, Participant::sessions));
            int ackedBeforeKill = acked();
            victim.appliance().kill();
            long killedAt = System.nanoTime();
            leaver.close();

            await("the victim's clients resumed elsewhere").atMost(Duration.ofMinutes(2))
                    .until(() -> onVictim.stream().allMatch(p -> p.sessions() > sessionsBefore.get(p) && p.isConnected()));
            long resumedAt = onVictim.stream().mapToLong(Participant::lastSessionNanos).max().orElse(killedAt);
            await("the leaver shown offline on every client").atMost(PRESENCE_BOUND)
                    .until(() -> presences.everyoneSeesOffline("leaver"));
            long leaverGoneAt = System.nanoTime();

            load.awaitQueued(Duration.ofMinutes(5));
            await().atMost(Duration.ofMinutes(3)).until(() -> participants.stream().allMatch(p -> p.outboxSize() == 0));
            List<InvariantChecker.Snapshot> snapshots = new ArrayList<>();
            for (Participant p : participants) {
                p.catchUp();
                snapshots.add(p.snapshot(!onVictim.contains(p)));
            }
            InvariantChecker.Report report = InvariantChecker.check(database, snapshots);

            Figures.record(scenario, "clients (and one that leaves with the member)", users);
            Figures.record(scenario, "messages sent (group + private)", total);
            Figures.record(scenario, "acknowledged before the kill", ackedBeforeKill);
            Figures.record(scenario, "clients on the killed member", onVictim.size());
            Figures.record(scenario, "SIGKILL to all of them resumed on other members (ms)",
                    Math.max(0, resumedAt - killedAt) / 1_000_000);
            Figures.record(scenario, "SIGKILL to the leaver shown offline everywhere (ms, at most)",
                    (leaverGoneAt - killedAt) / 1_000_000);
            report.record(scenario);
            report.assertHolds();
            assertThat(report.storedMessages()).isEqualTo(total);
            assertThat(report.acked()).isEqualTo(total);
            assertThat(onVictim).as("the victim had clients").isNotEmpty();
            assertThat(participants).as("every client resumed with its token").allMatch(p -> p.tokenRefusals() == 0);
            assertThat(participants.stream().filter(p -> !onVictim.contains(p)))
                    .as("clients of the other members kept their sessions")
                    .allMatch(p -> p.sessions() == sessionsBefore.get(p));
            assertThat(presences.shownOfflineAfterComingBack())
                    .as("users shown offline after they had resumed on another member").isEmpty();
        }
    }

    @Test
    void theBusRestartedUnderLoadLosesNothingAndEveryClientStaysLive() throws Exception {
        String scenario = "cluster: the bus restarted under load (3 members in namespaces)";
        int users = Scale.pick(9, 30);
        int perUser = Scale.pick(60, 400);
        register(users);
        Duration outage = Scale.pick(Duration.ofSeconds(3), Duration.ofSeconds(15));

        int total = users * perUser;
        try (ChatLoad load = ChatLoad.start(participants, perUser, 0.5, 13)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> acked() >= total / 3);
            int ackedBeforeStop = acked();
            nats.stop();
            long stoppedAt = System.nanoTime();
            DatabaseOutageTest.holdUntil(stoppedAt, outage);
            int ackedWhileDown = acked() - ackedBeforeStop;
            nats.restart();

            load.awaitQueued(Duration.ofMinutes(5));
            await().atMost(Duration.ofMinutes(3)).until(() -> participants.stream().allMatch(p -> p.outboxSize() == 0));
            long doneAt = System.nanoTime();
            List<InvariantChecker.Snapshot> snapshots = new ArrayList<>();
            for (Participant p : participants) {
                p.catchUp();
                snapshots.add(p.snapshot(true)); // nobody lost their connection: everything must have come live
            }
            InvariantChecker.Report report = InvariantChecker.check(database, snapshots);

            Figures.record(scenario, "clients", users);
            Figures.record(scenario, "messages sent (group + private)", total);
            Figures.record(scenario, "bus down (s)", outage.toSeconds());
            Figures.record(scenario, "acknowledged while the bus was down", ackedWhileDown);
            Figures.record(scenario, "bus stopped to all sends acknowledged (ms)", (doneAt - stoppedAt) / 1_000_000);
            report.record(scenario);
            report.assertHolds();
            assertThat(report.storedMessages()).isEqualTo(total);
            assertThat(report.acked()).isEqualTo(total);
            assertThat(ackedWhileDown).as("members kept committing while the bus was away").isPositive();
            assertThat(participants).as("no client lost its session").allMatch(p -> p.sessions() == 1);
        }
    }

    /** Registers {@code users} participants, each starting its turns at a different member; returns their rotations. */
    private List<Rotation> register(int users) {
        List<Endpoint> endpoints = members.stream().map(Member::endpoint).toList();
        List<Rotation> rotations = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            Rotation rotation = new Rotation(endpoints, i);
            Participant p = new Participant("member" + i, RunningAppliance.PASSWORD, rotation, 16);
            p.register();
            participants.add(p);
            rotations.add(rotation);
        }
        return rotations;
    }

    private int acked() {
        return participants.stream().mapToInt(Participant::ackCount).sum();
    }

    /**
     * The members in turn, one per connection attempt, starting at a given one: the app's directory does this
     * with the members advertising a cluster, and a member killed without a goodbye stays listed until its
     * records expire, so an attempt may go to it and fail.
     */
    private static final class Rotation implements Supplier<Endpoint> {
        private final List<Endpoint> members;
        private int next;
        private volatile Endpoint last;

        Rotation(List<Endpoint> members, int start) {
            this.members = members;
            this.next = start;
        }

        @Override
        public synchronized Endpoint get() {
            last = members.get(next++ % members.size());
            return last;
        }

        /** Where the latest connection attempt went. */
        Endpoint last() {
            return last;
        }
    }

    /** Who each client was shown online, and when a user was shown going offline, from the clients' roster events. */
    private static final class Presences {
        private record Left(String user, long atNanos) {
        }

        private final Map<Participant, List<String>> online = new ConcurrentHashMap<>();
        private final List<Left> left = new CopyOnWriteArrayList<>();
        private final List<Participant> clients;

        Presences(List<Participant> clients) {
            this.clients = List.copyOf(clients);
            for (Participant p : this.clients) {
                p.client().addListener(event -> {
                    if (event instanceof ClientEvent.RosterChanged roster) {
                        online.put(p, List.copyOf(roster.online()));
                        roster.left().forEach(user -> left.add(new Left(user, System.nanoTime())));
                    }
                }, Runnable::run);
            }
        }

        boolean everyoneSeesOffline(String user) {
            return clients.stream().allMatch(p -> online.containsKey(p) && !online.get(p).contains(user));
        }

        /** Users shown going offline after their latest session had started: shown offline while online. */
        List<String> shownOfflineAfterComingBack() {
            List<String> wrong = new ArrayList<>();
            for (Participant p : clients) {
                left.stream().filter(l -> l.user().equals(p.username()) && l.atNanos() > p.lastSessionNanos())
                        .forEach(l -> wrong.add(l.user()));
            }
            return wrong;
        }
    }
}
