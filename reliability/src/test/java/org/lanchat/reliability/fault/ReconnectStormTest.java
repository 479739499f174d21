package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.account.PasswordHasher;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.testing.ApplianceProcess;
import org.lanchat.appliance.testing.Crowd;
import org.lanchat.appliance.testing.Crowd.Behaviour;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * A reconnect storm: every client of a busy appliance is online, the appliance restarts (SIGTERM, start
 * again on the same data and port), and all of them come back at once with their resume tokens — retrying
 * with backoff while it is down, so they pile in the moment it listens. All must be back, none refused,
 * and the login path must not be the bottleneck: a resume costs a token lookup, not an argon2 hash, which
 * the test shows by also measuring password logins and reporting how long the same crowd would take with
 * passwords.
 *
 * <p>The accounts and their tokens are written into the database before the first start (registering
 * 10,000 users through argon2 would take minutes and test nothing here). Clients and appliance run in
 * separate processes — 10,000 sockets on each side — and the clients are the Netty crowd of the test, over
 * real TLS. Full size: 10,000 clients ({@code -Dlanchat.reliability.full=true}); in CI 1,000, because on two
 * shared cores the Java TLS stacks of both processes together complete only about 75–150 handshakes a
 * second (13–30 ms of CPU each, client and server), and a storm is mostly handshakes. Clients whose
 * handshake the appliance gives up on (its 10 s handshake timeout) reconnect, as real ones would; the
 * attempts are reported.
 */
// Alone: it measures what the appliance does under its own load, not under every other test's.
@Isolated
@Tag("slow")
class ReconnectStormTest {
    private static final int CLIENTS = Scale.pick(1000, 10_000);
    private static final Duration PATIENCE = Scale.pick(Duration.ofMinutes(4), Duration.ofMinutes(15));

    @TempDir
    Path dir;

    @Test
    void everyClientResumesAtOnceAfterARestartWithoutTheLoginPathBeingTheBottleneck() throws Exception {
        List<String> tokens = seedAccountsAndTokens(CLIENTS);
        String scenario = "reconnect storm";
        try (ApplianceProcess appliance = new ApplianceProcess(dir, null, Scale.pick("768m", "3g"), List.of(), "reconnect-storm")) {
            appliance.start();
            try (Crowd crowd = new Crowd(appliance.port(), appliance.fingerprint(), Duration.ofSeconds(1), 2)) {
                List<Crowd.Member> all = new ArrayList<>();
                tokens.forEach(t -> all.add(crowd.add(Behaviour.RESUME, t)));

                // Everyone comes online (itself a storm: the morning after a power cut).
                long coldStart = System.nanoTime();
                crowd.connect(all, 100);
                awaitAllBack(all);
                long coldDone = System.nanoTime();
                assertEveryoneResumed(all);

                // The restart: SIGTERM says goodbye to everyone; they retry with backoff until it listens again.
                appliance.stop();
                await().atMost(Duration.ofMinutes(2)).until(() -> all.stream().noneMatch(Crowd.Member::isOpen));
                long toldShuttingDown = all.stream().filter(m -> m.bye == ErrorCode.SHUTTING_DOWN).count();
                crowd.connect(all, 1000);
                long restartAt = System.nanoTime();
                appliance.start();
                long readyAt = System.nanoTime();
                awaitAllBack(all);
                long backAt = all.stream().mapToLong(m -> m.sessionAt).max().orElseThrow();
                assertEveryoneResumed(all);
                assertThat(appliance.logMentions("OutOfMemoryError")).isFalse();
                ApplianceProcess.Memory memory = appliance.memory();
                System.gc(); // for the figure only: what the connected crowd holds, not what it left behind
                long testHeapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;

                // The same path with passwords, for comparison: argon2 for each login, a few at a time.
                int sample = 40;
                double passwordLoginsPerSecond = passwordLogins(appliance, sample);
                double stormSeconds = (backAt - readyAt) / 1e9;

                Figures.record(scenario, "clients (TLS, resume tokens)", CLIENTS);
                Figures.record(scenario, "cold start: all online after (ms)", (coldDone - coldStart) / 1_000_000);
                Figures.record(scenario, "told shutting_down at the restart", toldShuttingDown);
                Figures.record(scenario, "restart: SIGTERM to listening again (ms)", (readyAt - restartAt) / 1_000_000);
                Figures.record(scenario, "ready to all back (ms)", (backAt - readyAt) / 1_000_000);
                Figures.record(scenario, "per client after ready: TCP connect p50 / p99 (ms)", spread(all, m -> m.connectedAt - Math.max(m.startedAt, readyAt)));
                Figures.record(scenario, "per client: TLS handshake p50 / p99 (ms)", spread(all, m -> m.handshakeAt - m.connectedAt));
                Figures.record(scenario, "per client: hello + resume to session p50 / p99 (ms)", spread(all, m -> m.sessionAt - m.handshakeAt));
                Figures.record(scenario, "connection attempts during the restart: in all / most by one client",
                        all.stream().mapToInt(Crowd.Member::attempts).sum() + " / " + all.stream().mapToInt(Crowd.Member::attempts).max().orElseThrow());
                Figures.record(scenario, "password logins per second (" + sample + " at once, argon2)", String.format("%.0f", passwordLoginsPerSecond));
                Figures.record(scenario, "the same storm with passwords would take at least (s)",
                        String.format("%.0f (vs %.1f with tokens)", CLIENTS / passwordLoginsPerSecond, stormSeconds));
                Figures.record(scenario, "appliance resident memory, peak (MB)", memory.peakRssKib() >> 10);
                Figures.record(scenario, "test process heap in use with all connected, after GC (MB)", testHeapMb);
                // Resuming must be much cheaper than the argon2 path, or tokens would not be what saves the storm.
                assertThat(CLIENTS / passwordLoginsPerSecond).as("password logins for the whole crowd would take longer than the storm")
                        .isGreaterThan(stormSeconds);
            }
        }
    }

    private static void awaitAllBack(List<Crowd.Member> all) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> all.stream().allMatch(m -> m.sessionAt != 0 || m.refusal != null || (m.closedAt != 0 && m.failure != null)));
    }

    private static void assertEveryoneResumed(List<Crowd.Member> all) {
        assertThat(all).as("refused or failed: %s", all.stream().filter(m -> m.sessionAt == 0).limit(5)
                        .map(m -> m.refusal + " " + m.failure).toList())
                .allMatch(m -> m.sessionAt != 0 && m.refusal == null);
    }

    /** Rate of password logins with {@code count} at once: the path a storm without tokens would take. */
    private static double passwordLogins(ApplianceProcess appliance, int count) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = userName(i);
                logins.add(CompletableFuture.runAsync(() -> {
                    try (TestClient c = TestClient.connect(appliance.port(), appliance.fingerprint())) {
                        c.hello();
                        c.login(name, RunningAppliance.PASSWORD);
                    }
                }, pool));
            }
            CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Users storm00000… with the test password (one argon2 hash shared by all) and one resume token each. */
    private List<String> seedAccountsAndTokens(int count) throws Exception {
        String hash = new PasswordHasher().hash(RunningAppliance.PASSWORD);
        long now = System.currentTimeMillis();
        SecureRandom random = new SecureRandom();
        List<String> tokens = new ArrayList<>(count);
        try (Database db = Database.open(TestDatabase.h2(dir).jdbcUrl(), null, null); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement users = c.prepareStatement(
                    "INSERT INTO users (username, username_key, password_hash, disabled, created_at) VALUES (?, ?, ?, FALSE, ?)")) {
                for (int i = 0; i < count; i++) {
                    users.setString(1, userName(i));
                    users.setString(2, userName(i));
                    users.setString(3, hash);
                    users.setLong(4, now);
                    users.addBatch();
                }
                users.executeBatch();
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (PreparedStatement ids = c.prepareStatement("SELECT id, username FROM users ORDER BY username");
                 ResultSet rows = ids.executeQuery();
                 PreparedStatement sessions = c.prepareStatement(
                         "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                while (rows.next()) {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    tokens.add(token);
                    // The appliance keeps only SHA-256 of a token (docs/PROTOCOL.md §7.12): the same form here.
                    sessions.setString(1, HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8))));
                    sessions.setLong(2, rows.getLong(1));
                    sessions.setLong(3, now);
                    sessions.setLong(4, now + Duration.ofDays(30).toMillis());
                    sessions.addBatch();
                }
                sessions.executeBatch();
            }
            c.commit();
        }
        assertThat(tokens).hasSize(count);
        return tokens;
    }

    private static String userName(int i) {
        return String.format("storm%05d", i);
    }

    private static String spread(List<Crowd.Member> all, ToLongFunction<Crowd.Member> nanos) {
        List<Long> ms = all.stream().map(m -> Math.max(0, nanos.applyAsLong(m)) / 1_000_000).sorted().toList();
        return ms.get(ms.size() / 2) + " / " + ms.get(ms.size() * 99 / 100);
    }
}
