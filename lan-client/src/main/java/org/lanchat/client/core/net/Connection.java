package org.lanchat.client.core.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open connection: a reader thread (frames, then messages), a writer thread (so callers never block on
 * the socket), and request/reply matching by id.
 *
 * <p>Everything received — replies completing their futures, and events — is handed to {@code dispatch} in
 * the order it arrived, so a reply and the events that follow it are seen in wire order (the pushed
 * {@code roster} after {@code session}, say). A body that does not decode is logged and skipped (newer
 * appliances may send types this client does not know); a framing error ends the connection.
 */
public final class Connection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** What the owner of a connection hears. Both are called on {@code dispatch}. */
    public interface Handler {
        /** An event, or a reply nobody waits for any more. */
        void onMessage(Connection connection, ServerMessage message);

        /** The connection is gone; {@code cause} is empty for a clean close by either side. Called once. */
        void onClosed(Connection connection, Optional<Throwable> cause);
    }

    private final Socket socket;
    private final OutputStream out;
    private final MessageCodec codec;
    private final Executor dispatch;
    private final Handler handler;
    private final Duration requestTimeout;
    private final Map<String, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService writer;
    private volatile long lastSentNanos = System.nanoTime();

    private Connection(Socket socket, MessageCodec codec, Executor dispatch, Handler handler, Duration requestTimeout)
            throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.codec = codec;
        this.dispatch = dispatch;
        this.handler = handler;
        this.requestTimeout = requestTimeout;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("lanchat-writer").factory());
    }

    /** Starts reading from {@code socket} (on which nothing has been sent yet). */
    public static Connection start(Socket socket, MessageCodec codec, Executor dispatch, Handler handler,
            Duration requestTimeout) throws IOException {
        Connection connection = new Connection(socket, codec, dispatch, handler, requestTimeout);
        Thread.ofVirtual().name("lanchat-reader").start(connection::readLoop);
        return connection;
    }

    /**
     * Sends a request built with a fresh id and returns its reply, which may be an {@code error}. Fails with
     * {@link ConnectionClosedException} if the connection ends first, or a timeout after the request timeout.
     */
    public CompletableFuture<ServerMessage> request(Function<String, ClientMessage> build) {
        String id = Long.toString(ids.incrementAndGet());
        ClientMessage message = build.apply(id);
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        if (closed.get()) {
            reply.completeExceptionally(new ConnectionClosedException("not connected"));
            return reply;
        }
        pending.put(id, reply);
        reply.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id));
        write(message).exceptionally(e -> {
            reply.completeExceptionally(e);
            return null;
        });
        return reply;
    }

    /** Nanoseconds (System.nanoTime) of the last frame handed to the socket. */
    public long lastSentNanos() {
        return lastSentNanos;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    private CompletableFuture<Void> write(ClientMessage message) {
        byte[] frame;
        try {
            frame = codec.encodeFrame(message);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    out.write(frame);
                    out.flush();
                    lastSentNanos = System.nanoTime();
                    written.complete(null);
                } catch (IOException e) {
                    written.completeExceptionally(new ConnectionClosedException("write failed: " + e.getMessage(), e));
                    closeWith(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            written.completeExceptionally(new ConnectionClosedException("not connected"));
        }
        return written;
    }

    private void readLoop() {
        Throwable cause = null;
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), codec.limits());
            while (true) {
                Optional<byte[]> body = reader.next();
                if (body.isEmpty()) {
                    break;
                }
                ServerMessage message;
                try {
                    message = codec.decodeServer(body.get());
                } catch (ProtocolException e) {
                    log.warn("Ignoring a frame from the appliance that does not decode: {} ({})", e.getMessage(), e.code());
                    continue;
                }
                dispatch.execute(() -> route(message));
            }
        } catch (IOException | ProtocolException e) {
            if (!closed.get()) {
                cause = e;
            }
        } catch (RuntimeException e) {
            log.error("Reader failed", e);
            cause = e;
        }
        closeWith(cause);
    }

    private void route(ServerMessage message) {
        String id = Replies.replyId(message);
        CompletableFuture<ServerMessage> waiting = id == null ? null : pending.remove(id);
        if (waiting != null) {
            waiting.complete(message);
        } else {
            handler.onMessage(this, message);
        }
    }

    private void closeWith(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        writer.shutdownNow();
        dispatch.execute(() -> {
            ConnectionClosedException gone = new ConnectionClosedException(
                    cause == null ? "connection closed" : "connection lost: " + cause.getMessage(), cause);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            pending.clear();
            handler.onClosed(this, Optional.ofNullable(cause));
        });
    }

    /** Closes the connection as lost (a ping went unanswered, say): the handler hears {@code cause}. */
    public void abort(Throwable cause) {
        closeWith(cause);
    }

    /** Closes the socket; pending requests fail and the handler hears {@code onClosed} with no cause. */
    @Override
    public void close() {
        closeWith(null);
    }
}
