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
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The appliance process is killed with SIGKILL in the middle of heavy group and private traffic and
 * started again on the same data. Clients notice, reconnect with their resume tokens, catch up from
 * history and resend what was never acknowledged with the same clientMsgIds. Afterwards the invariant
 * holds: nothing acknowledged was lost, nothing was stored twice, everybody has everything once.
 * Runs on the embedded database (H2, written through on every commit) and on MariaDB.
 */
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
            int total = users * perUser;
            long started = System.nanoTime();
            try (ChatLoad load = ChatLoad.start(participants, perUser, 0.5, 7)) {
                // Kill once a third of the load is acknowledged: sends are in flight, batches half-written.
                await().atMost(Duration.ofMinutes(3)).until(() -> acked(participants) >= total / 3);
                int inFlight = participants.stream().mapToInt(ChatParticipant::outboxSize).sum();
                int ackedBeforeKill = acked(participants);
                appliance.kill();
                long killedAt = System.nanoTime();
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
                Figures.record(scenario, "sends in flight at the kill", inFlight);
                Figures.record(scenario, "restart to ready (ms)", (readyAt - killedAt) / 1_000_000);
                Figures.record(scenario, "ready to all clients resumed (ms)", Math.max(0, backAt - readyAt) / 1_000_000);
                Figures.record(scenario, "whole run (ms)", (doneAt - started) / 1_000_000);
                report.record(scenario);
                report.assertHolds();
                assertThat(report.storedMessages()).isEqualTo(total);
                assertThat(report.acked()).isEqualTo(total);
            }
        } finally {
            participants.forEach(ChatParticipant::close);
        }
    }

    private static int acked(List<ChatParticipant> participants) {
        return participants.stream().mapToInt(ChatParticipant::ackCount).sum();
    }
}
