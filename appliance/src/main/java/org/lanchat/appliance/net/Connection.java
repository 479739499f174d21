package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.limits.TokenBucket;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as the parts of its session see it: a number and a peer address for the logs,
 * the I/O thread that owns it, and the ways a reply leaves and the connection ends. Replies may be sent
 * from any thread; ending the connection happens on its I/O thread.
 */
final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final MessageCodec codec;
    private final String address;
    private final String peer;
    /** Unsent bytes this connection may have queued before it is cut off as not reading (§7.10). */
    private final long maxOutboundBytes;
    /** Set on the I/O thread once the connection is being ended: nothing more is queued for it. */
    private boolean closing;
    /**
     * Bytes queued by {@link #writePaced} and not yet written: sent at the client's own pace, so not held against it
     * (§7.4, §7.10). I/O thread only.
     */
    private long pacedBytes;
    /** This connection's sends per second; made on the I/O thread at the first send. */
    private TokenBucket sendBucket;
    private volatile int peerPort;

    Connection(Channel channel, MessageCodec codec, long maxOutboundBytes) {
        this.channel = channel;
        this.codec = codec;
        this.maxOutboundBytes = maxOutboundBytes;
        if (channel.remoteAddress() instanceof InetSocketAddress inet) {
            address = inet.getAddress().getHostAddress();
            peer = address + ":" + inet.getPort();
        } else {
            address = "?";
            peer = "?";
        }
    }

    long id() {
        return id;
    }

    /** The port the client said it takes peer links on (§7.15), or 0; set by a worker, read by the relay. */
    int peerPort() {
        return peerPort;
    }

    void peerPort(int port) {
        peerPort = port;
    }

    /** The client's IP address, as the login throttle counts it. */
    String address() {
        return address;
    }

    /** The bucket metering this connection's sends, made by {@code factory} the first time; I/O thread only. */
    TokenBucket sendBucket(Supplier<TokenBucket> factory) {
        if (sendBucket == null) {
            sendBucket = factory.get();
        }
        return sendBucket;
    }

    /** Address and port, for the logs. */
    String peer() {
        return peer;
    }

    Channel channel() {
        return channel;
    }

    /** The single thread that owns this connection. */
    Executor lane() {
        return channel.eventLoop();
    }

    MessageCodec codec() {
        return codec;
    }

    /** False once the connection is closed or being ended. */
    boolean isOpen() {
        return !closing && channel.isActive();
    }

    /** Queues an encoded frame without flushing, taking ownership of it. On the I/O thread. */
    void write(ByteBuf frame) {
        channel.write(frame, channel.voidPromise());
    }

    /**
     * Queues an encoded frame without flushing, taking ownership of it, for a sender that writes the next only once
     * this one has been written (the offline hand-over, §7.4). Until then its bytes are not counted towards the outbound
     * bound: the appliance chose to send them, and sends no more until the client has taken them. On the I/O thread.
     *
     * @return completes once the frame has gone to the socket, or failed when the connection closed first
     */
    ChannelFuture writePaced(ByteBuf frame) {
        int size = frame.readableBytes();
        pacedBytes += size;
        return channel.write(frame).addListener(done -> pacedBytes -= size);
    }

    /** The unsent bytes at which this connection is cut off as not reading (§7.10). */
    long maxOutboundBytes() {
        return maxOutboundBytes;
    }

    /** Writes out what {@link #write} queued. On the I/O thread. */
    void flush() {
        channel.flush();
    }

    /** Bytes queued for this client and not yet taken by the socket, paced ones included. On the I/O thread. */
    long queuedBytes() {
        ChannelOutboundBuffer backlog = channel.unsafe().outboundBuffer();
        return backlog == null ? 0 : backlog.totalPendingWriteBytes();
    }

    /**
     * Writes an encoded frame and flushes; safe from any thread. Replies count towards the outbound bound like
     * relayed messages: a client asking for file chunks and never reading them is cut off like one that does not
     * read what is relayed to it. (Netty counts a write handed over from another thread when it is handed over.)
     */
    void send(byte[] frame) {
        if (channel.isActive()) {
            sendAndTrack(frame, channel.voidPromise());
        }
    }

    /**
     * As {@link #send(ServerMessage)}, and says when the reply has gone to the socket: done at once (failed) on a
     * closed connection, or when the connection closes before.
     */
    ChannelFuture sendTracked(ServerMessage message) {
        if (!channel.isActive()) {
            return channel.newFailedFuture(new ClosedChannelException());
        }
        return sendAndTrack(frameOf(message), channel.newPromise());
    }

    private ChannelFuture sendAndTrack(byte[] frame, ChannelPromise promise) {
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(frame), promise);
        // This reply itself is not held against the client: a history page or a file chunk alone is most of an
        // eighth of the bound, and a client that reads must not be cut off for being sent one while memory is short.
        if (queuedBytes() - frame.length > maxOutboundBytes / 8) {
            if (channel.eventLoop().inEventLoop()) {
                cutOffIfNotReading("", frame.length);
            } else {
                channel.eventLoop().execute(() -> cutOffIfNotReading("", frame.length));
            }
        }
        return written;
    }

    /**
     * Cuts the connection off if its unsent bytes are past the outbound bound, or past an eighth of it while direct
     * memory is short (§7.10). On the I/O thread; {@code who} names the user for the log, if known.
     */
    void cutOffIfNotReading(String who) {
        cutOffIfNotReading(who, 0);
    }

    /**
     * As {@link #cutOffIfNotReading(String)}, not counting {@code allowance} bytes just queued; a negative allowance
     * counts as many bytes more, kept for the client outside the queue. Paced bytes ({@link #writePaced}) never count.
     */
    void cutOffIfNotReading(String who, long allowance) {
        long queued = queuedBytes() - pacedBytes - allowance;
        // Under memory pressure a connection an eighth of the way to its bound is already far behind the
        // ones that read (they hold a few frames); cutting it early keeps the memory for them.
        boolean over = queued > maxOutboundBytes;
        if (over || (queued > maxOutboundBytes / 8 && DirectMemory.underPressure())) {
            cutOff(who + "is not reading: " + queued + " bytes queued, more than "
                    + (over ? maxOutboundBytes + "" : maxOutboundBytes / 8 + " while direct memory is short"));
        }
    }

    /** Encodes and queues one reply without flushing: it leaves with the next flush. On the I/O thread. */
    void queue(ServerMessage message) {
        if (channel.isActive()) {
            write(Unpooled.wrappedBuffer(codec.encodeFrame(message)));
        }
    }

    /**
     * Encodes and writes one reply; safe from any thread. A reply larger than a frame is replaced by an {@code error}
     * with its request's id, and the connection stays open (PROTOCOL §6 "Reply size"), on whichever thread it was made.
     */
    void send(ServerMessage message) {
        if (channel.isActive()) {
            send(frameOf(message));
        }
    }

    private byte[] frameOf(ServerMessage message) {
        try {
            return codec.encodeFrame(message);
        } catch (ProtocolException tooLarge) {
            if (!(message instanceof ServerMessage.Reply reply) || tooLarge.code() != ErrorCode.FRAME_TOO_LARGE) {
                throw tooLarge;
            }
            return codec.encodeFrame(new SessionMessage.Error(reply.id(), tooLarge.code(), tooLarge.getMessage(), null));
        }
    }

    /**
     * Runs a check that may refuse the request on the spot (a rate limit, on the I/O thread); false, with the refusal
     * sent as the request's error, when it did.
     */
    boolean passes(String requestId, Runnable check) {
        try {
            check.run();
            return true;
        } catch (Refused refused) {
            send(ErrorReplies.of(requestId, refused, id));
            return false;
        }
    }

    void error(String requestId, ErrorCode code, String message) {
        error(requestId, code, message, null);
    }

    void error(String requestId, ErrorCode code, String message, Long retryAfterMs) {
        send(new SessionMessage.Error(requestId, code, message, retryAfterMs));
    }

    /** Says why in a {@code bye} and closes once it is written. On the I/O thread. */
    void bye(ErrorCode reason, String message) {
        log.info("Connection {} from {}: closing, {} ({})", id, peer, message, reason.wireName());
        send(new Bye(reason, message));
        closeAfterFlush();
    }

    /** Closes once what is queued has been written. On the I/O thread. */
    void closeAfterFlush() {
        closing = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes at once, dropping what is queued: the client is not reading (§7.10), so nothing more could
     * reach it. On the I/O thread; the reason is for the log.
     */
    void cutOff(String why) {
        if (!closing) {
            log.info("Connection {} {}; disconnecting ({})", id, why, ErrorCode.SLOW_CONSUMER.wireName());
            closing = true;
            channel.close();
        }
    }

    /** Closes at once, for a connection that cannot go on (a TLS or socket failure). */
    void close() {
        channel.close();
    }
}
