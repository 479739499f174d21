package org.lanchat.appliance.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The appliance process is killed with SIGKILL in the middle of heavy group and private traffic and
 * started again on the same data. Clients notice, reconnect with their resume tokens, catch up from
 * history and resend what was never acknowledged with the same clientMsgIds. Afterwards the invariant
 * holds: nothing acknowledged was lost, nothing was stored twice, everybody has everything once.
 * Runs on the embedded database (H2, written through on every commit) and on MariaDB.
 *
 * <p>The test also checks that it tested what it claims: sends were in flight when the process died
 * (unacknowledged in the clients' outboxes once every connection was seen lost), every client came back
 * with its resume token (a refused token is a violation, not a silent password login), and at least one
 * resend was answered {@code duplicate:true}. Whether an ack dies with the process by chance depends on
 * timing, so one participant makes it certain: it stops reading replies from the start, its first window
 * of sends is committed and acknowledged into a socket it never reads, and that socket is dropped at the
 * kill — exactly a client whose acks were lost in the crash.
 */
// Alone: heavy load from several processes; timings under faults are what it observes.
@Isolated
class SigkillUnderLoadTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void killedMidLoadRestartsWithEveryAcknowledgedMessageExactlyOnce(String engine) throws Exception {
        TestDatabase database = engine.equals("h2") ? TestDatabase.h2(dir) : TestDatabase.mysql();
        int users = Scale.pick(8, 24);
        int perUser = Scale.pick(80, 500);
        String scenario = "SIGKILL under load (" + engine + ")";
        List<ChatParticipant> participants = new ArrayList<>();
        try (database;
             ApplianceProcess appliance = new ApplianceProcess(dir, engine.equals("h2") ? null : database, "768m",
                     List.of(), "sigkill-" + engine)) {
            appliance.start();
            for (int i = 0; i < users; i++) {
                ChatParticipant p = new ChatParticipant("killed" + i, RunningAppliance.PASSWORD, null, appliance::endpoint, 16);
                p.register();
                p.reconnectAutomatically();
                participants.add(p);
            }
            ChatParticipant deaf = participants.get(0);
            deaf.holdReading(); // its acks will be lost with the process
            int total = users * perUser;
            long started = System.nanoTime();
            try (ChatLoad load = ChatLoad.start(participants, perUser, 0.5, 7)) {
                // Kill once a third of the load is acknowledged: sends are in flight, batches half-written.
                await().atMost(Duration.ofMinutes(3)).until(() -> acked(participants) >= total / 3);
                int ackedBeforeKill = acked(participants);
                appliance.kill();
                long killedAt = System.nanoTime();
                deaf.dropConnection(); // what it never read dies with the socket
                deaf.resumeReading();
                await().atMost(Duration.ofMinutes(1)).until(() -> participants.stream().noneMatch(ChatParticipant::isConnected));
                // Nothing can be acknowledged any more: what is still in an outbox was in flight at the kill.
                int inFlight = participants.stream().mapToInt(ChatParticipant::unacknowledgedTransmitted).sum();
                int inFlightByReaders = participants.stream().filter(p -> p != deaf)
                        .mapToInt(ChatParticipant::unacknowledgedTransmitted).sum();
                appliance.start();
                long readyAt = System.nanoTime();
                await().atMost(Duration.ofMinutes(2)).until(() -> participants.stream().allMatch(p -> p.sessions() >= 2));
                long backAt = participants.stream().mapToLong(ChatParticipant::lastSessionNanos).max().orElseThrow();

                load.awaitQueued(Duration.ofMinutes(5));
                await().atMost(Duration.ofMinutes(3)).until(() -> participants.stream().allMatch(p -> p.outboxSize() == 0));
                long doneAt = System.nanoTime();
                for (ChatParticipant p : participants) {
                    p.catchUp();
                }
                List<InvariantChecker.Snapshot> snapshots = participants.stream().map(p -> p.snapshot(false)).toList();
                participants.forEach(ChatParticipant::close);
                appliance.stop(); // releases the embedded database file for the checker
                InvariantChecker.Report report = InvariantChecker.check(database, snapshots);

                Figures.record(scenario, "clients", users);
                Figures.record(scenario, "messages sent (group + private)", total);
                Figures.record(scenario, "acknowledged before the kill", ackedBeforeKill);
                Figures.record(scenario, "sends in flight at the kill (unacknowledged)", inFlight);
                Figures.record(scenario, "of which by clients that kept reading", inFlightByReaders);
                Figures.record(scenario, "restart to ready (ms)", (readyAt - killedAt) / 1_000_000);
                Figures.record(scenario, "ready to all clients resumed (ms)", Math.max(0, backAt - readyAt) / 1_000_000);
                Figures.record(scenario, "whole run (ms)", (doneAt - started) / 1_000_000);
                report.record(scenario);
                report.assertHolds();
                assertThat(report.storedMessages()).isEqualTo(total);
                assertThat(report.acked()).isEqualTo(total);
                assertThat(inFlightByReaders).as("sends in flight at the kill, besides the deaf client's").isPositive();
                assertThat(report.resends()).as("unacknowledged sends were transmitted again").isGreaterThanOrEqualTo(inFlight);
                assertThat(report.duplicateAcks()).as("resends of committed sends answered duplicate:true").isPositive();
                assertThat(participants).as("every client resumed with its token").allMatch(p -> p.tokenRefusals() == 0);
                assertThat(report.reconnectedClients()).isEqualTo(users);
            }
        } finally {
            participants.forEach(ChatParticipant::close);
        }
    }

    private static int acked(List<ChatParticipant> participants) {
        return participants.stream().mapToInt(ChatParticipant::ackCount).sum();
    }
}
