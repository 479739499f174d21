package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TcpProxy;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.client.core.ChatException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.reliability.invariant.InvariantChecker;
import org.lanchat.reliability.participant.ChatLoad;
import org.lanchat.reliability.participant.Endpoint;
import org.lanchat.reliability.participant.Participant;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * The database goes away in the middle of chat traffic and comes back, while the appliance keeps
 * running. Sends are held or refused with {@code store_unavailable} (and retried by the clients with the
 * same clientMsgId) — never acknowledged without a commit; logins and resumes are refused with
 * {@code store_unavailable}, never with {@code auth_failed} or {@code token_invalid} (which would make a
 * client throw away a good password or token); and service resumes by itself when the database answers
 * again. Two ways to lose it: a TCP proxy between appliance and MariaDB that the test cuts (first
 * silently, then with resets), and a real restart of the MariaDB server.
 */
// Alone: it cuts off and restarts the MariaDB server every other MariaDB test is using.
@Isolated
@Tag("slow")
class DatabaseOutageTest {
    private static final Duration OUTAGE = Scale.pick(Duration.ofSeconds(5), Duration.ofSeconds(30));

    @TempDir
    Path dir;
    private final List<Participant> participants = new ArrayList<>();
    /** Sends that asked "are we back?" after an outage, besides the load. */
    private int probes;

    @AfterEach
    void closeClients() {
        participants.forEach(Participant::close);
    }

    @Test
    void aCutDatabaseLinkHoldsOrRefusesSendsAndServiceResumesByItself() throws Exception {
        try (TestDatabase database = TestDatabase.mysql();
             TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", 3306));
             RunningAppliance appliance = RunningAppliance.start(dir, database,
                     b -> b.databaseUrl(proxy.jdbcUrl(database.jdbcUrl())))) {
            String scenario = "database link cut (TCP proxy)";
            startParticipants(appliance, Scale.pick(6, 12));
            try (ChatLoad load = ChatLoad.start(participants, Scale.pick(150, 600), 0.6, 11)) {
                await().atMost(Duration.ofMinutes(1)).until(() -> acked() >= 30);

                // 1. The link goes silent, like a pulled cable.
                proxy.blackhole();
                long cutAt = System.nanoTime();
                int ackedAtCut = acked();
                probesDuringOutage(appliance, scenario + ", silent");
                holdUntil(cutAt, OUTAGE);
                int ackedDuringSilence = acked() - ackedAtCut;
                proxy.restore();
                Figures.record(scenario, "silent cut (s)", OUTAGE.toSeconds());
                Figures.record(scenario, "acks during the silent cut (committed before it, answered after)", ackedDuringSilence);
                recordRecovery(scenario + ", silent", System.nanoTime());

                // 2. The server host vanishes: every connection reset, new ones refused.
                proxy.reset();
                long resetAt = System.nanoTime();
                probesDuringOutage(appliance, scenario + ", reset");
                holdUntil(resetAt, OUTAGE);
                proxy.restore();
                Figures.record(scenario, "reset cut (s)", OUTAGE.toSeconds());
                recordRecovery(scenario + ", reset", System.nanoTime());

                load.awaitQueued(Duration.ofMinutes(5));
                finish(database, scenario, load.total());
            }
        }
    }

    @Test
    void aRealMariaDbRestartIsRiddenOut() throws Exception {
        try (TestDatabase database = TestDatabase.mysql();
             RunningAppliance appliance = RunningAppliance.start(dir, database)) {
            String scenario = "MariaDB restart";
            startParticipants(appliance, Scale.pick(6, 12));
            try (ChatLoad load = ChatLoad.start(participants, Scale.pick(120, 600), 0.6, 13)) {
                await().atMost(Duration.ofMinutes(1)).until(() -> acked() >= 30);
                long downAt;
                try {
                    MariaDb.shutdown();
                    downAt = System.nanoTime();
                    probesDuringOutage(appliance, scenario);
                    holdUntil(downAt, Scale.pick(Duration.ZERO, OUTAGE));
                } finally {
                    MariaDb.start(); // always bring it back
                }
                long upAt = System.nanoTime();
                Figures.record(scenario, "server down (s)", String.format(Locale.ROOT, "%.1f", (upAt - downAt) / 1e9));
                recordRecovery(scenario, upAt);
                load.awaitQueued(Duration.ofMinutes(5));
                finish(database, scenario, load.total());
            }
        }
    }

    private void startParticipants(RunningAppliance appliance, int count) {
        for (int i = 0; i < count; i++) {
            Participant p = new Participant("dbcut" + i, RunningAppliance.PASSWORD, () -> Endpoint.of(appliance), 8);
            p.register();
            participants.add(p);
        }
    }

    /** While the database is gone: logins, resumes and reads are refused with store_unavailable and nothing else. */
    private void probesDuringOutage(RunningAppliance appliance, String scenario) {
        Participant someone = participants.get(0);
        try (var probe = appliance.connect()) {
            ServerMessage login = probe.roundTrip(new SessionRequest.Login("p1", "dbcut1", RunningAppliance.PASSWORD, null));
            assertThat(codeOf(login)).as("login while the database is gone: %s", login).isIn(ErrorCode.STORE_UNAVAILABLE, ErrorCode.BUSY);
            ServerMessage resume = probe.roundTrip(new SessionRequest.Resume("p2", someone.token().orElseThrow()));
            assertThat(codeOf(resume)).as("resume while the database is gone: %s", resume).isIn(ErrorCode.STORE_UNAVAILABLE, ErrorCode.BUSY);
            assertThat(((SessionMessage.Error) resume).retryAfterMs()).isNotNull();
        }
        assertThat(someone.client().history(Conversation.GROUP, 0, 10)).as("history while the database is gone")
                .failsWithin(Duration.ofMinutes(1)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ChatException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        Figures.record(scenario, "login/resume/history during the outage", "store_unavailable (retryAfterMs 2000)");
    }

    /** Service resumes with no restart: a fresh send is acknowledged and every held or refused send drains. */
    private void recordRecovery(String scenario, long restoredAt) {
        Participant someone = participants.get(1);
        String probe = someone.send(Conversation.GROUP, "are we back? #" + ++probes);
        await().atMost(Duration.ofMinutes(2)).until(() -> someone.isAcknowledged(probe));
        long firstAck = System.nanoTime();
        Figures.record(scenario, "restored to first new ack (ms)", (firstAck - restoredAt) / 1_000_000);
    }

    private void finish(TestDatabase database, String scenario, int total) {
        await().atMost(Duration.ofMinutes(3)).until(() -> participants.stream().allMatch(p -> p.outboxSize() == 0));
        for (Participant p : participants) {
            p.catchUp();
        }
        List<InvariantChecker.Snapshot> snapshots = participants.stream().map(p -> p.snapshot(false)).toList();
        InvariantChecker.Report report = InvariantChecker.check(database, snapshots);
        Figures.record(scenario, "load messages", total);
        report.record(scenario);
        report.assertHolds();
        assertThat(report.acked()).isEqualTo(total + probes);
    }

    private int acked() {
        return participants.stream().mapToInt(Participant::ackCount).sum();
    }

    private static ErrorCode codeOf(ServerMessage m) {
        return m instanceof SessionMessage.Error e ? e.code() : null;
    }

    /** Keeps the fault in place until {@code length} after it began: the outage's duration, not a synchronization. */
    static void holdUntil(long beganNanos, Duration length) throws InterruptedException {
        long left = beganNanos + length.toNanos() - System.nanoTime();
        if (left > 0) {
            new CountDownLatch(1).await(left, TimeUnit.NANOSECONDS);
        }
    }
}
