package org.lanchat.appliance.e2e;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocket;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.UncheckedTls;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * A client on a slow link that still reads everything: it logs in, then reads only when its test lets it, one
 * step of at most {@link #STEP} bytes at a time. Its socket's receive buffer is small, so what it has not read
 * waits on the appliance's side. It records every message it reads, in order.
 */
final class SlowReader implements AutoCloseable {
    /** The most bytes one step reads: a TLS record's worth. */
    static final int STEP = 16 * 1024;
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);

    private final SSLSocket socket;
    /** Steps the test has allowed and the reader not yet taken. */
    private final Semaphore allowed = new Semaphore(0);
    /** Steps the reader has taken (or given up on, once the connection ended). */
    private final Semaphore taken = new Semaphore(0);
    private final List<ServerMessage> received = new ArrayList<>();
    private volatile boolean ended;
    private volatile Throwable failure;
    private int pings;

    private SlowReader(SSLSocket socket) {
        this.socket = socket;
    }

    /** Connects, says hello and logs in as {@code name}, reading step by step until the session starts. */
    static SlowReader logIn(RunningAppliance appliance, String name) throws IOException {
        SSLSocket socket;
        try {
            socket = (SSLSocket) UncheckedTls.context().getSocketFactory().createSocket();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        socket.setReceiveBufferSize(8 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", appliance.port()));
        socket.startHandshake();
        SlowReader reader = new SlowReader(socket);
        Thread.ofVirtual().name("slow-reader").start(reader::readLoop);
        reader.send(new SessionRequest.Hello("hello", Protocol.VERSION, "slow"));
        reader.send(new SessionRequest.Login("login", name, RunningAppliance.PASSWORD, null));
        reader.readUntil(r -> r.stream().anyMatch(SessionMessage.SessionStarted.class::isInstance), false);
        return reader;
    }

    /**
     * Reads step by step until {@code done} holds for what was received, failing if the connection ends first or a
     * step finds nothing to read within {@link TestClient#TIMEOUT}.
     *
     * @param ping whether to send a {@code ping} before each step: its {@code pong} makes the appliance look at how
     *             much it has queued for this client (§7.10), and guarantees the step something to read
     */
    void readUntil(Predicate<List<ServerMessage>> done, boolean ping) {
        while (!done.test(received())) {
            if (ended) {
                throw new AssertionError("the appliance closed the connection (" + failure + ") after " + chat().size()
                        + " chat messages");
            }
            if (ping && !trySend(new SessionRequest.Ping("ping-" + ++pings))) {
                throw new AssertionError("the appliance closed the connection after " + chat().size() + " chat messages");
            }
            allowed.release();
            try {
                if (!taken.tryAcquire(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("nothing to read within " + TestClient.TIMEOUT + " after " + chat().size()
                            + " chat messages");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    List<ServerMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The chat messages read so far, in the order they arrived. */
    List<ChatMessage> chat() {
        return received().stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast).toList();
    }

    boolean isClosedByPeer() {
        return ended;
    }

    private void send(ClientMessage message) {
        if (!trySend(message)) {
            throw new AssertionError("could not send " + message + ": the connection is closed");
        }
    }

    /** False when the connection is closed: the appliance reset it, or TLS closed the socket after its close. */
    private synchronized boolean trySend(ClientMessage message) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(CODEC.encodeFrame(message));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void readLoop() {
        try {
            FrameReader frames = new FrameReader(new Stepped(socket.getInputStream()), FrameLimits.DEFAULT);
            for (Optional<byte[]> body = frames.next(); body.isPresent(); body = frames.next()) {
                ServerMessage message = CODEC.decodeServer(body.get());
                synchronized (received) {
                    received.add(message);
                }
            }
        } catch (IOException | ProtocolException e) {
            failure = e;
        } finally {
            ended = true;
            taken.release(); // a test waiting for the step learns that there is no more
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The socket's stream, read only as the test allows: each read waits for a step and takes at most one. */
    private final class Stepped extends FilterInputStream {
        Stepped(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            allowed.acquireUninterruptibly();
            try {
                return in.read(b, off, Math.min(len, STEP));
            } finally {
                taken.release();
            }
        }
    }
}
