package org.lanchat.reliability.participant;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanchat.client.core.net.Connector;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.protocol.frame.FrameDecoder;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;

/**
 * Sits between the client core and its socket, the way a packet capture sits on a wire: it decodes every frame
 * going either way and tells a {@link Listener}, without changing a byte, so a test can count what the real
 * client transmitted (resends with the same clientMsgId) and received (duplicate acks, live events per
 * connection). It can also misbehave on purpose, as a machine would: stop reading ({@link #holdReading}), as a
 * busy or swapped-out client process does, and drop the connection ({@link #dropConnection}), as a network
 * failure does.
 */
public final class WireTap implements Connector {
    /** Frames of up to 64 MiB are decoded; the tap only watches, so it never refuses what the client accepts. */
    private static final FrameLimits WATCH = new FrameLimits(64 << 20);
    private static final MessageCodec CODEC = new MessageCodec(WATCH);

    /** Hears every frame; {@code connection} numbers the connections from 1, in the order they were opened. */
    public interface Listener {
        void sent(int connection, ClientMessage message);

        void received(int connection, ServerMessage message);
    }

    private final Connector inner;
    private final Listener listener;
    private final AtomicInteger serials = new AtomicInteger();
    private volatile Socket current;
    /** Complete while the client may read; a pending future stops every connection's reads until {@link #resumeReading}. */
    private volatile CompletableFuture<Void> readable = CompletableFuture.completedFuture(null);

    public WireTap(Connector inner, Listener listener) {
        this.inner = inner;
        this.listener = listener;
    }

    @Override
    public Socket open() throws IOException, CertificateMismatchException {
        Socket socket = new Tapped(inner.open(), serials.incrementAndGet());
        current = socket;
        return socket;
    }

    /**
     * From now on the client reads nothing: replies and events pile up in the kernel's buffers, then in the
     * appliance's outbound queue. Applies to every connection, later ones included, until {@link #resumeReading}.
     */
    public void holdReading() {
        if (readable.isDone()) {
            readable = new CompletableFuture<>();
        }
    }

    public void resumeReading() {
        readable.complete(null);
    }

    /** Closes the open connection under the client's feet (no logout), as a failed network would. */
    public void dropConnection() {
        Socket socket = current;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Whether a connection is open at the socket level (the client may not have logged in on it yet). */
    public boolean isOpen() {
        Socket socket = current;
        return socket != null && !socket.isClosed();
    }

    /** The client's socket, with both directions decoded on the way through. */
    private final class Tapped extends Socket {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Tapped(Socket socket, int serial) throws IOException {
            this.socket = socket;
            FrameDecoder inbound = new FrameDecoder(WATCH);
            FrameDecoder outbound = new FrameDecoder(WATCH);
            this.in = new FilterInputStream(socket.getInputStream()) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    readable.join();
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        inbound.feed(ByteBuffer.wrap(b, off, n),
                                body -> listener.received(serial, CODEC.decodeServer(body)));
                    }
                    return n;
                }
            };
            this.out = new FilterOutputStream(socket.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    // Told before the bytes leave: an ack can never be heard before its send.
                    outbound.feed(ByteBuffer.wrap(b, off, len),
                            body -> listener.sent(serial, CODEC.decodeClient(body)));
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            socket.close();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public boolean isConnected() {
            return socket.isConnected();
        }
    }
}
