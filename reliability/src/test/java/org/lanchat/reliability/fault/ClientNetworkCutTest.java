package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.reliability.invariant.InvariantChecker;
import org.lanchat.reliability.participant.ChatLoad;
import org.lanchat.reliability.participant.ClientProcess;
import org.lanchat.reliability.participant.Endpoint;
import org.lanchat.reliability.participant.Participant;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * One client loses the network while the others keep chatting to it and to the group, and comes back:
 * it must end up with every message exactly once (resume token, {@code conversations}, {@code history}
 * catch-up, resent sends). Two ways to lose it: the client process frozen with SIGSTOP (its sockets stay
 * open, nothing is read or answered), and the link of a network namespace the client runs in taken
 * down. The appliance's idle timeout is set below the cut, so the appliance gives up on the connection
 * and the client must notice and reconnect.
 */
// Alone: its clients ping every 666 ms (a third of the 2 s idle timeout), which a loaded machine would miss.
@Isolated
@Tag("slow")
class ClientNetworkCutTest {
    private static final Duration CUT = Scale.pick(Duration.ofSeconds(6), Duration.ofSeconds(60));
    private static final Duration IDLE = Duration.ofSeconds(Math.max(2, CUT.toSeconds() / 3));

    @TempDir
    Path dir;
    private final List<Participant> others = new ArrayList<>();

    @AfterEach
    void closeClients() {
        others.forEach(Participant::close);
    }

    @Test
    void aFrozenClientProcessComesBackWithEveryMessageOnce() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir);
             RunningAppliance appliance = RunningAppliance.start(dir, database, b -> b.idleTimeout(IDLE))) {
            Endpoint where = new Endpoint("127.0.0.1", appliance.port(), appliance.fingerprint());
            try (ClientProcess frozen = ClientProcess.start(List.of(), where, "frozen")) {
                run("client frozen (SIGSTOP)", database, where, "frozen", frozen, frozen::freeze, frozen::thaw);
            }
        }
    }

    @Test
    void aClientWhoseNetworkLinkGoesDownComesBackWithEveryMessageOnce() throws Exception {
        Assumptions.assumeTrue(TestNetns.available(), "needs root and iproute2 to create a network namespace");
        try (TestNetns ns = TestNetns.create("c");
             TestDatabase database = TestDatabase.h2(dir);
             RunningAppliance appliance = RunningAppliance.start(dir, database,
                     b -> b.idleTimeout(IDLE).bindAddress(ns.hostAddress))) {
            Endpoint where = new Endpoint(ns.hostAddress, appliance.port(), appliance.fingerprint());
            try (ClientProcess remote = ClientProcess.start(ns.exec(), where, "faraway")) {
                run("client link down (network namespace)", database, where, "faraway", remote, () -> {
                    ns.linkDown();
                    remote.send(5); // written into a dead connection or held: must arrive exactly once later
                }, ns::linkUp);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void run(String scenario, TestDatabase database, Endpoint where, String cutUser,
                     ClientProcess cut, Step cutIt, Step restore) throws Exception {
        for (int i = 0; i < 3; i++) {
            Participant p = new Participant("friend" + i, RunningAppliance.PASSWORD, () -> where, 8);
            p.register();
            others.add(p);
        }
        List<Participant> senders = new ArrayList<>(others);
        List<String> withPeer = new ArrayList<>(senders.stream().map(Participant::username).toList());
        withPeer.add(cutUser);
        withPeer.add(cutUser); // half the private messages go to the one who is cut off
        int perPhase = Scale.pick(40, 200);

        sendFrom(senders, withPeer, perPhase, 1);
        long cutAt = System.nanoTime();
        cutIt.run();
        sendFrom(senders, withPeer, perPhase, 2); // all of this happens while it is away
        DatabaseOutageTest.holdUntil(cutAt, CUT);
        restore.run();
        long restoredAt = System.nanoTime();
        sendFrom(senders, withPeer, perPhase, 3);

        InvariantChecker.Snapshot back = cut.snapshot(dir.resolve(cutUser + ".json"));
        long caughtUp = System.nanoTime();
        List<InvariantChecker.Snapshot> all = new ArrayList<>();
        all.add(back);
        for (Participant p : others) {
            p.catchUp();
            all.add(p.snapshot(true)); // they never left: everything must have reached them live
        }
        InvariantChecker.Report report = InvariantChecker.check(database, all);
        Figures.record(scenario, "cut (s)", CUT.toSeconds());
        Figures.record(scenario, "appliance idle timeout (s)", IDLE.toSeconds());
        Figures.record(scenario, "messages sent to it or the group while it was away", perPhase * senders.size());
        Figures.record(scenario, "its logins (first + reconnects)", back.sessions());
        Figures.record(scenario, "restored to caught up (ms)", (caughtUp - restoredAt) / 1_000_000);
        report.record(scenario);
        report.assertHolds();
        assertThat(back.sessions()).as("it noticed the cut and logged in again").isGreaterThanOrEqualTo(2);
    }

    /** Each sender sends {@code count} messages, alternating group and private to the others, and waits for every ack. */
    private static void sendFrom(List<Participant> senders, List<String> peers, int count, long seed) throws Exception {
        try (ChatLoad load = ChatLoad.start(senders, peers, count, 0.5, seed)) {
            load.awaitQueued(Duration.ofMinutes(2));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> senders.stream().allMatch(p -> p.outboxSize() == 0));
    }
}
