package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.FileRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/** What the appliance does with malformed frames and with connections that stall, over real sockets. */
class ConnectionRulesEndToEndTest {
    /**
     * A timeout that must not expire before the user has registered and logged in: the timers count from the
     * TCP accept, and on a busy two-core machine (other suites hashing passwords) the TLS handshake and the
     * argon2 hashes of register and login have taken over four seconds between them.
     */
    private static final Duration ROOM_TO_LOG_IN = Duration.ofSeconds(8);

    @TempDir
    Path dir;
    RunningAppliance appliance;

    @AfterEach
    void stop() {
        if (appliance != null) {
            appliance.close();
        }
    }

    private RunningAppliance start(Duration login, Duration idle) {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.loginTimeout(login).idleTimeout(idle)
                .handshakeTimeout(Duration.ofSeconds(1)));
        return appliance;
    }

    private RunningAppliance start() {
        return start(Duration.ofSeconds(30), Duration.ofSeconds(90));
    }

    @Test
    void anAnnouncedLengthOverTheMaximumGetsAnErrorAndTheConnectionCloses() {
        TestClient client = start().connect();
        client.sendRaw(new byte[] {0x00, 0x20, 0x00, 0x00}); // 2 MiB announced, nothing follows
        SessionMessage.Error error = client.await(SessionMessage.Error.class, e -> true);
        assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(error.message()).contains("2097152").contains("1048576");
        client.awaitClosed();
    }

    @Test
    void aZeroLengthFrameGetsAnErrorAndTheConnectionCloses() {
        TestClient client = start().connect();
        client.sendRaw(new byte[] {0, 0, 0, 0});
        assertThat(client.await(SessionMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FRAME_EMPTY);
        client.awaitClosed();
    }

    @Test
    void aBadBodyGetsAnErrorButTheConnectionCarriesOn() {
        TestClient client = start().connect();
        byte[] garbage = "{\"type\":\"ping\",\"id\":".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + garbage.length];
        frame[3] = (byte) garbage.length;
        System.arraycopy(garbage, 0, frame, 4, garbage.length);
        client.sendRaw(frame);
        assertThat(client.await(SessionMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(client.request(new SessionRequest.Ping("still-there"), SessionMessage.Pong.class).id()).isEqualTo("still-there");
    }

    @Test
    void aPeerSendingOnlyGarbageIsDisconnectedAfterTwentyErrorsInARow() {
        TestClient client = start().connect();
        byte[] notJson = {0, 0, 0, 3, 'a', 'b', 'c'};
        for (int i = 0; i < 25 && client.trySendRaw(notJson); i++) {
            // keep sending until the appliance hangs up; it stops listening after 20
        }
        SessionMessage.Bye bye = client.await(SessionMessage.Bye.class, b -> true);
        assertThat(bye.reason()).isEqualTo(ErrorCode.TOO_MANY_ERRORS);
        client.awaitClosed();
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedAfterTheLoginTimeout() {
        TestClient client = start(Duration.ofSeconds(1), Duration.ofSeconds(90)).connect();
        assertThat(client.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.LOGIN_TIMEOUT);
        client.awaitClosed();
    }

    @Test
    void loggingOutRestartsTheLoginTimeout() {
        TestClient client = start(ROOM_TO_LOG_IN, Duration.ofSeconds(90)).newUser("leaver");
        client.request(new SessionRequest.Logout("bye"), SessionMessage.Ok.class);
        assertThat(client.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.LOGIN_TIMEOUT);
    }

    @Test
    void aLoggedInConnectionThatStaysSilentIsClosedAfterTheIdleTimeout() {
        TestClient client = start(Duration.ofSeconds(30), ROOM_TO_LOG_IN).newUser("quiet");
        assertThat(client.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
        client.awaitClosed();
    }

    @Test
    void aClientThatPingsWithinTheIdleTimeoutStaysThroughTwoOfThem() {
        Duration idle = Duration.ofSeconds(3); // pings 500 ms apart leave 2.5 s for a pause of a busy machine
        TestClient client = start(Duration.ofSeconds(30), idle).newUser("chatty");
        ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor();
        try {
            pings.scheduleAtFixedRate(() -> client.sendMessage(new SessionRequest.Ping("keep-alive")), 0, 500,
                    TimeUnit.MILLISECONDS);
            await("no goodbye while the client pings every 500 ms").during(idle.multipliedBy(2))
                    .atMost(idle.multipliedBy(2).plusSeconds(10))
                    .until(() -> client.received().stream().noneMatch(m -> m instanceof SessionMessage.Bye));
        } finally {
            pings.shutdownNow();
        }
        assertThat(client.request(new SessionRequest.Ping(client.nextId()), SessionMessage.Pong.class)).isNotNull();
        // ...and once it falls silent, the same connection is told it was idle.
        assertThat(client.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
    }

    @Test
    void aConnectionThatNeverStartsTheTlsHandshakeIsClosed() throws IOException {
        start();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", appliance.port()));
            raw.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            InputStream in = raw.getInputStream();
            assertThat(in.read()).as("the appliance hangs up once the handshake timeout passes").isEqualTo(-1);
        }
    }

    @Test
    @Tag("slow") // fills the socket buffers of a client that never reads
    void aClientThatStopsReadingIsDisconnectedWhileOthersKeepReceiving() throws IOException {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxOutboundBytes(256 * 1024));
        TestClient sender = appliance.newUser("sender");
        TestClient watcher = appliance.newUser("watcher");
        StalledClient stalled = StalledClient.logIn(appliance, "stalled");
        watcher.await(ProfileMessage.Presence.class, p -> p.joined().contains("stalled"));

        String text = "x".repeat(3900);
        int sent = 0;
        // Bounded: the kernel's socket buffers absorb a few MB before the appliance's own queue fills.
        while (sent < 6000 && !stalledHasLeft(watcher)) {
            sender.send(Conversation.GROUP, text + sent);
            sent++;
            if (sent % 16 == 0) {
                // The watcher reads, but on a busy machine its reader thread may lag: keep it within a few dozen
                // KB of the sender, far below the bound, so that only the client that never reads is cut off.
                int soFar = sent;
                await().atMost(TestClient.TIMEOUT).until(() -> watcher.chat(m -> m.from().equals("sender")).size() >= soFar);
            }
        }
        // Presence goes out in batches, so the "left" notice may trail the disconnect a little.
        watcher.await(ProfileMessage.Presence.class, p -> p.left().contains("stalled"));
        int total = sent;
        assertThat(watcher.awaitChat(total, m -> m.from().equals("sender"))).as("the watcher missed nothing").hasSize(total);
        stalled.close();
    }

    @Test
    @Tag("slow") // fills the socket buffers of a client that never reads
    void aClientThatAsksForHistoryButNeverReadsItIsCutOffAndOthersStillGetTheirs() throws IOException {
        start(Duration.ofSeconds(30), Duration.ofSeconds(3)); // a history page waits at most the idle timeout to leave
        TestClient sender = appliance.newUser("sender");
        String text = "h".repeat(3900);
        for (int i = 0; i < 200; i++) {
            sender.send(Conversation.GROUP, text + i); // a full page of these is about 800 KB
        }
        // More hoarders than the appliance builds pages at once; each asks for 32 full pages (25 MB), reads
        // none of them, and pings every second so that it is never idle.
        List<StalledClient> hoarders = new ArrayList<>();
        ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 6; i++) {
                StalledClient hoarder = StalledClient.logIn(appliance, "hoarder" + i);
                hoarders.add(hoarder);
                for (int j = 0; j < 32; j++) {
                    hoarder.send(new ConversationRequest.HistoryRequest("page-" + j, Conversation.GROUP, null, 0L, 200));
                }
                pings.scheduleAtFixedRate(() -> hoarder.send(new SessionRequest.Ping("ping")), 0, 1, TimeUnit.SECONDS);
            }
            TestClient reader = appliance.newUser("reader");
            ConversationMessage.HistoryPage page = reader.request(
                    new ConversationRequest.HistoryRequest(reader.nextId(), Conversation.GROUP, null, 0L, 200), ConversationMessage.HistoryPage.class);
            assertThat(page.messages()).as("the reader's own page, though the hoarders asked first").hasSize(200);
            // Each hoarder is cut off as a slow consumer; its pings then meet a closed connection.
            await().atMost(Duration.ofSeconds(30)).until(() -> hoarders.stream().allMatch(StalledClient::isCutOff));
        } finally {
            pings.shutdownNow();
            for (StalledClient hoarder : hoarders) {
                hoarder.close();
            }
        }
    }

    @Test
    @Tag("slow") // fills the socket buffers of a client that never reads
    void aClientThatAsksForFileChunksButNeverReadsThemIsCutOffAndOthersStillDownload() throws IOException {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxOutboundBytes(256 * 1024));
        TestClient alice = appliance.newUser("alice");
        byte[] file = new byte[512 * 1024];
        new java.util.Random(5).nextBytes(file); // one full chunk: each download reply is about 700 KB of base64
        String fileId = alice.uploadFile(file, "application/octet-stream");
        long seq = alice.request(Posting.Send.file(alice.nextId(), "f1", Conversation.GROUP, "big.bin", fileId),
                ConversationMessage.Ack.class).seq();
        // Before, replies did not count towards the bound: 60 such connections asking for 16 chunks each held a
        // gigabyte of direct memory until it ran out.
        StalledClient hoarder = StalledClient.logIn(appliance, "hoarder");
        // Its own arrival is announced to it too; after that nothing is relayed to it, so only replies queue up.
        alice.await(ProfileMessage.Presence.class, p -> p.joined().contains("hoarder"));
        try {
            for (int i = 0; i < 32; i++) { // as many as may be in progress at once: about 22 MB of replies
                hoarder.send(new FileRequest.Download("d" + i, Conversation.GROUP, seq, 0L, null));
            }
            // Cut off, its pings meet a closed connection; kept open, they would go on being written.
            await().atMost(Duration.ofSeconds(30)).until(() -> !hoarder.send(new SessionRequest.Ping("ping")));
            assertThat(alice.downloadFile(Conversation.GROUP, seq)).as("others still download").isEqualTo(file);
        } finally {
            hoarder.close();
        }
    }

    private static boolean stalledHasLeft(TestClient watcher) {
        return watcher.received().stream().anyMatch(m -> m instanceof ProfileMessage.Presence p && p.left().contains("stalled"));
    }
}
