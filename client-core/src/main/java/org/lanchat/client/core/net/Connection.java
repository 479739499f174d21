package org.lanchat.client.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameDecoder;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
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
 *
 * <p>Frames are limited to 1 MiB until {@code welcome} arrives, then to the {@code maxFrameBytes} it
 * announces, in both directions (PROTOCOL.md §2): the reader switches at the frame after the welcome, and a
 * request larger than the appliance accepts fails with {@code frame_too_large} before it is sent.
 */
public final class Connection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int READ_CHUNK = 16 * 1024;

    /** What the owner of a connection hears. Both are called on {@code dispatch}. */
    public interface Handler {
        /** An event, or a reply nobody waits for any more. */
        void onMessage(Connection connection, ServerMessage message);

        /** The connection is gone; {@code cause} is empty for a clean close by either side. Called once. */
        void onClosed(Connection connection, Optional<Throwable> cause);
    }

    private final Socket socket;
    private final OutputStream out;
    private final Executor dispatch;
    private final Handler handler;
    private final Duration requestTimeout;
    private final Map<String, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
    /** The parts of {@code conversations} replies received so far, by request id. */
    private final Map<String, List<ConversationInfo>> conversationParts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService writer;
    /** Written by the reader thread when the welcome arrives; read by whoever sends. */
    private volatile MessageCodec codec = Codecs.forLimit(FrameLimits.DEFAULT_MAX_FRAME_BYTES);

    private Connection(Socket socket, Executor dispatch, Handler handler, Duration requestTimeout) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.dispatch = dispatch;
        this.handler = handler;
        this.requestTimeout = requestTimeout;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("lanchat-writer").factory());
    }

    /** Starts reading from {@code socket} (on which nothing has been sent yet). */
    public static Connection start(Socket socket, Executor dispatch, Handler handler, Duration requestTimeout)
            throws IOException {
        Connection connection = new Connection(socket, dispatch, handler, requestTimeout);
        Thread.ofVirtual().name("lanchat-reader").start(connection::readLoop);
        return connection;
    }

    /**
     * Sends a request built with a fresh id and returns its reply, which may be an {@code error}. Fails with
     * {@link ConnectionClosedException} if the connection ends first, with a timeout after the request timeout,
     * and with a {@link ProtocolException} ({@code frame_too_large}) if it is larger than the appliance accepts.
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
                    written.complete(null);
                } catch (IOException e) {
                    written.completeExceptionally(new ConnectionClosedException("write failed: " + e.getMessage(), e));
                    closeWith(e);
                }
            });
        } catch (RejectedExecutionException e) {
            written.completeExceptionally(new ConnectionClosedException("not connected"));
        }
        return written;
    }

    private void readLoop() {
        Throwable cause = null;
        try {
            InputStream in = socket.getInputStream();
            FrameDecoder decoder = new FrameDecoder(codec.limits());
            byte[] chunk = new byte[READ_CHUNK];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                decoder.feed(ByteBuffer.wrap(chunk, 0, n), body -> received(body, decoder));
            }
            decoder.endOfStream();
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

    /** One frame body, on the reader thread, before the next frame's length is checked. */
    private void received(byte[] body, FrameDecoder decoder) {
        ServerMessage message;
        try {
            message = codec.decodeServer(body);
        } catch (ProtocolException e) {
            log.warn("Ignoring a frame from the appliance that does not decode: {} ({})", e.getMessage(), e.code());
            return;
        }
        if (message instanceof SessionMessage.Welcome welcome && welcome.limits() != null) {
            MessageCodec announced = Codecs.announced(welcome.limits().maxFrameBytes());
            decoder.limits(announced.limits());
            codec = announced;
        }
        try {
            dispatch.execute(() -> route(message));
        } catch (RejectedExecutionException e) {
            log.debug("Dropping {} for a closed client", message.getClass().getSimpleName());
        }
    }

    private void route(ServerMessage received) {
        ServerMessage message = received instanceof ConversationList part ? joined(part) : received;
        if (message == null) {
            return; // more parts of it follow
        }
        CompletableFuture<ServerMessage> waiting = message.replyId().map(pending::remove).orElse(null);
        if (waiting != null) {
            waiting.complete(message);
        } else {
            handler.onMessage(this, message);
        }
    }

    /**
     * The parts of a {@code conversations} reply joined (PROTOCOL.md §6.9): the request is answered once, with the
     * whole list, when its last part arrives; null until then.
     */
    private ConversationList joined(ConversationList part) {
        if (!part.more() && !conversationParts.containsKey(part.id())) {
            return part;
        }
        List<ConversationInfo> sofar = conversationParts.computeIfAbsent(part.id(), id -> new ArrayList<>());
        sofar.addAll(part.conversations());
        if (part.more()) {
            return null;
        }
        conversationParts.remove(part.id());
        return new ConversationList(part.id(), sofar);
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
        Runnable tellOwner = () -> {
            ConnectionClosedException gone = new ConnectionClosedException(
                    cause == null ? "connection closed" : "connection lost: " + cause.getMessage(), cause);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            pending.clear();
            conversationParts.clear();
            handler.onClosed(this, Optional.ofNullable(cause));
        };
        try {
            dispatch.execute(tellOwner);
        } catch (RejectedExecutionException e) {
            // The owner is gone (its client closed); nobody is left to tell.
            log.debug("Connection closed after its client: {}", String.valueOf(cause));
        }
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
