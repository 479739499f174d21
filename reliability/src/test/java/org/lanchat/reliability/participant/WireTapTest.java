package org.lanchat.reliability.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/** The tap hears every frame both ways without changing a byte, and stops reading only when told to. */
class WireTapTest {
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private ServerSocket server;
    private WireTap tap;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        tap = new WireTap(() -> new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()), new WireTap.Listener() {
            @Override
            public void sent(int connection, ClientMessage message) {
                heard.add(connection + " sent " + message);
            }

            @Override
            public void received(int connection, ServerMessage message) {
                heard.add(connection + " received " + message);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        tap.resumeReading();
        server.close();
    }

    @Test
    void framesGoThroughUnchangedAndAreHeardBothWays() throws Exception {
        try (Socket client = tap.open(); Socket appliance = server.accept()) {
            byte[] ping = CODEC.encodeFrame(new SessionRequest.Ping("p1"));
            // Written in two pieces: the tap must put a frame together as the appliance would.
            client.getOutputStream().write(ping, 0, 3);
            client.getOutputStream().write(ping, 3, ping.length - 3);
            assertThat(new FrameReader(appliance.getInputStream(), FrameLimits.DEFAULT).next())
                    .hasValueSatisfying(body -> assertThat(CODEC.decodeClient(body)).isEqualTo(new SessionRequest.Ping("p1")));
            assertThat(next()).isEqualTo("1 sent " + new SessionRequest.Ping("p1"));

            appliance.getOutputStream().write(CODEC.encodeFrame(new SessionMessage.Pong("p1")));
            assertThat(readFrame(new FrameReader(client.getInputStream(), FrameLimits.DEFAULT)).get(PATIENCE.toSeconds(),
                    TimeUnit.SECONDS)).contains(new SessionMessage.Pong("p1"));
            assertThat(next()).isEqualTo("1 received " + new SessionMessage.Pong("p1"));
        }
    }

    @Test
    void aHeldReaderGetsNothingUntilReadingResumesThenEverythingInOrder() throws Exception {
        try (Socket client = tap.open(); Socket appliance = server.accept()) {
            tap.holdReading();
            OutputStream out = appliance.getOutputStream();
            out.write(CODEC.encodeFrame(new SessionMessage.Pong("a")));
            out.write(CODEC.encodeFrame(new SessionMessage.Pong("b")));
            out.flush();
            FrameReader reader = new FrameReader(client.getInputStream(), FrameLimits.DEFAULT);
            CompletableFuture<Optional<ServerMessage>> first = readFrame(reader);
            assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).as("heard while held").isNull();
            assertThat(first).isNotDone();

            tap.resumeReading();
            assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).contains(new SessionMessage.Pong("a"));
            assertThat(readFrame(reader).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).contains(new SessionMessage.Pong("b"));
        }
    }

    @Test
    void aDroppedConnectionEndsForTheClientAndTheAppliance() throws Exception {
        try (Socket client = tap.open(); Socket appliance = server.accept()) {
            assertThat(tap.isOpen()).isTrue();
            tap.dropConnection();
            assertThat(tap.isOpen()).isFalse();
            assertThat(client.isClosed()).isTrue();
            assertThat(appliance.getInputStream().read()).as("end of stream at the appliance").isEqualTo(-1);
        }
    }

    private String next() throws InterruptedException {
        return heard.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Reads one frame on a thread of its own, as the client's reader does. */
    private static CompletableFuture<Optional<ServerMessage>> readFrame(FrameReader reader) {
        CompletableFuture<Optional<ServerMessage>> frame = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                frame.complete(reader.next().map(CODEC::decodeServer));
            } catch (Exception e) {
                frame.completeExceptionally(e);
            }
        });
        return frame;
    }
}
