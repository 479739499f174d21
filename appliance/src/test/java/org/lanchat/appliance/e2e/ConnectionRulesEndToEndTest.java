package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage;

/** What the appliance does with malformed frames and with connections that stall, over real sockets. */
class ConnectionRulesEndToEndTest {
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
        ServerMessage.Error error = client.await(ServerMessage.Error.class, e -> true);
        assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(error.message()).contains("2097152").contains("1048576");
        client.awaitClosed();
    }

    @Test
    void aZeroLengthFrameGetsAnErrorAndTheConnectionCloses() {
        TestClient client = start().connect();
        client.sendRaw(new byte[] {0, 0, 0, 0});
        assertThat(client.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FRAME_EMPTY);
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
        assertThat(client.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(client.request(new ClientMessage.Ping("still-there"), ServerMessage.Pong.class).id()).isEqualTo("still-there");
    }

    @Test
    void aPeerSendingOnlyGarbageIsDisconnectedAfterTwentyErrorsInARow() {
        TestClient client = start().connect();
        byte[] notJson = {0, 0, 0, 3, 'a', 'b', 'c'};
        for (int i = 0; i < 25 && client.trySendRaw(notJson); i++) {
            // keep sending until the appliance hangs up; it stops listening after 20
        }
        ServerMessage.Bye bye = client.await(ServerMessage.Bye.class, b -> true);
        assertThat(bye.reason()).isEqualTo(ErrorCode.TOO_MANY_ERRORS);
        client.awaitClosed();
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedAfterTheLoginTimeout() {
        TestClient client = start(Duration.ofSeconds(1), Duration.ofSeconds(90)).connect();
        assertThat(client.await(ServerMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.LOGIN_TIMEOUT);
        client.awaitClosed();
    }

    @Test
    void loggingOutRestartsTheLoginTimeout() {
        TestClient client = start(Duration.ofSeconds(1), Duration.ofSeconds(90)).newUser("leaver");
        client.request(new ClientMessage.Logout("bye"), ServerMessage.Ok.class);
        assertThat(client.await(ServerMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.LOGIN_TIMEOUT);
    }

    @Test
    void aLoggedInConnectionThatStaysSilentIsClosedAfterTheIdleTimeout() {
        TestClient client = start(Duration.ofSeconds(30), Duration.ofSeconds(1)).newUser("quiet");
        assertThat(client.await(ServerMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
        client.awaitClosed();
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
    void aClientThatStopsReadingIsDisconnectedWhileOthersKeepReceiving() throws IOException {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxOutboundBytes(64 * 1024));
        TestClient sender = appliance.newUser("sender");
        TestClient watcher = appliance.newUser("watcher");
        StalledClient stalled = StalledClient.logIn(appliance, "stalled");
        watcher.await(ServerMessage.Presence.class, p -> p.joined().contains("stalled"));

        String text = "x".repeat(3900);
        int sent = 0;
        // Bounded: the kernel's socket buffers absorb a few MB before the appliance's own queue fills.
        while (sent < 6000 && !stalledHasLeft(watcher)) {
            sender.send(Conversation.GROUP, text + sent);
            sent++;
        }
        // Presence goes out in batches, so the "left" notice may trail the disconnect a little.
        watcher.await(ServerMessage.Presence.class, p -> p.left().contains("stalled"));
        int total = sent;
        assertThat(watcher.awaitChat(total, m -> m.from().equals("sender"))).as("the watcher missed nothing").hasSize(total);
        stalled.close();
    }

    private static boolean stalledHasLeft(TestClient watcher) {
        return watcher.received().stream().anyMatch(m -> m instanceof ServerMessage.Presence p && p.left().contains("stalled"));
    }
}
