package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.appliance.testing.ApplianceProcess;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.reliability.invariant.InvariantChecker;
import org.lanchat.reliability.participant.ChatLoad;
import org.lanchat.reliability.participant.Endpoint;
import org.lanchat.reliability.participant.Participant;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * The appliance process is frozen and then killed with SIGKILL in the middle of heavy group and private
 * traffic, and started again on the same data. Clients notice, reconnect with their resume tokens, catch up from
 * history and resend what was never acknowledged with the same clientMsgIds. Afterwards the invariant
 * holds: nothing acknowledged was lost, nothing was stored twice, everybody has everything once.
 * Runs on the embedded database (H2 behind the message journal, so the kill lands in the middle of journal appends
 * and of the writes behind them) and on MariaDB.
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
@Tag("slow")
class SigkillUnderLoadTest {
    private static final String HOLD_WRITES_BEHIND = "-Dlanchat.journal.gather-millis=600000";
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void killedMidLoadRestartsWithEveryAcknowledgedMessageExactlyOnce(String engine) throws Exception {
        TestDatabase database = engine.equals("h2") ? TestDatabase.h2(dir) : TestDatabase.mysql();
        int users = Scale.pick(8, 24);
        int perUser = Scale.pick(80, 500);
        String scenario = "SIGKILL under load (" + engine + ")";
        List<Participant> participants = new ArrayList<>();
        try (database;
             ApplianceProcess appliance = new ApplianceProcess(dir, engine.equals("h2") ? null : database, "768m",
                     List.of(), "sigkill-" + engine)) {
            boolean journal = engine.equals("h2");
            if (journal) {
                // Nothing is written behind for ten minutes, whoever reads (reads wait, then fail): at the kill (a third
                // of the load acknowledged) every acknowledged message is in the journal and none yet in the database.
                appliance.jvmOption(HOLD_WRITES_BEHIND);
            }
            appliance.start();
            for (int i = 0; i < users; i++) {
                Participant p = new Participant("killed" + i, RunningAppliance.PASSWORD, () -> Endpoint.of(appliance), 16);
                p.register();
                participants.add(p);
            }
            Participant deaf = participants.get(0);
            deaf.holdReading(); // its acks will be lost with the process
            int total = users * perUser;
            long started = System.nanoTime();
            try (ChatLoad load = ChatLoad.start(participants, perUser, 0.5, 7)) {
                // Kill once a third of the load is acknowledged: sends are in flight, batches half-written.
                await().atMost(Duration.ofMinutes(3)).until(() -> acked(participants) >= total / 3);
                // Frozen for a moment first, as by a long pause, while the clients keep writing: so sends are
                // certainly on the wire, unacknowledged, when the process dies. Without it that is left to chance,
                // and on a loaded machine the clients may be between sends at the instant of the kill.
                signal(appliance.pid(), "STOP");
                int ackedBeforeKill = acked(participants);
                await().atMost(Duration.ofMinutes(1)).until(() -> participants.stream().filter(p -> p != deaf)
                        .mapToInt(Participant::unacknowledgedTransmitted).sum() > 0);
                appliance.kill();
                long killedAt = System.nanoTime();
                deaf.dropConnection(); // what it never read dies with the socket
                deaf.resumeReading();
                await().atMost(Duration.ofMinutes(1)).until(() -> participants.stream().noneMatch(Participant::isConnected));
                // Nothing can be acknowledged any more: what is still in an outbox was in flight at the kill.
                int inFlight = participants.stream().mapToInt(Participant::unacknowledgedTransmitted).sum();
                int inFlightByReaders = participants.stream().filter(p -> p != deaf)
                        .mapToInt(Participant::unacknowledgedTransmitted).sum();
                // Restarted as an appliance is, writing behind at once: else every read would wait out the hold.
                appliance.dropJvmOption(HOLD_WRITES_BEHIND);
                appliance.start();
                long readyAt = System.nanoTime();
                long replays = appliance.logLinesWith("messages from the journal into the database");
                await().atMost(Duration.ofMinutes(2)).until(() -> participants.stream().allMatch(p -> p.sessions() >= 2));
                long backAt = participants.stream().mapToLong(Participant::lastSessionNanos).max().orElseThrow();

                load.awaitQueued(Duration.ofMinutes(5));
                await().atMost(Duration.ofMinutes(3)).until(() -> participants.stream().allMatch(p -> p.outboxSize() == 0));
                long doneAt = System.nanoTime();
                for (Participant p : participants) {
                    p.catchUp();
                }
                List<InvariantChecker.Snapshot> snapshots = participants.stream().map(p -> p.snapshot(false)).toList();
                participants.forEach(Participant::close);
                appliance.stop(); // releases the embedded database file for the checker
                InvariantChecker.Report report = InvariantChecker.check(database, snapshots);

                Figures.record(scenario, "clients", users);
                Figures.record(scenario, "messages sent (group + private)", total);
                Figures.record(scenario, "acknowledged before the kill", ackedBeforeKill);
                Figures.record(scenario, "sends in flight at the kill (unacknowledged)", inFlight);
                Figures.record(scenario, "of which by clients that kept reading", inFlightByReaders);
                Figures.record(scenario, "restart to ready (ms)", (readyAt - killedAt) / 1_000_000);
                if (journal) {
                    Figures.record(scenario, "acknowledged messages only the journal held at the kill, written at restart",
                            replays == 1 ? "yes" : "no");
                }
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
                if (journal) {
                    assertThat(replays).as("the restart wrote the journal's acknowledged messages into the database")
                            .isEqualTo(1);
                }
            }
        } finally {
            participants.forEach(Participant::close);
        }
    }

    private static void signal(long pid, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %s", name, pid).isTrue();
    }

    private static int acked(List<Participant> participants) {
        return participants.stream().mapToInt(Participant::ackCount).sum();
    }
}
