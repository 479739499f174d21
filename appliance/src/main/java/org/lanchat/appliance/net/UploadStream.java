package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.appliance.attachment.RawUpload;
import org.lanchat.appliance.attachment.TransferGrant;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.FileMessage.TransferReady;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a raw upload's connection (PROTOCOL.md §7.25). The I/O thread only queues the bytes as TLS hands
 * them over; one worker appends them to the partial file and hashes them, so the disk never blocks the I/O thread. The
 * queue is bounded by turning reads off above {@link #PAUSE_ABOVE} queued bytes and on again below
 * {@link #RESUME_BELOW}: a client faster than the disk is slowed by TCP, not by the appliance's memory.
 */
final class UploadStream extends TransferStream<TransferGrant.Upload> {
    private static final Logger log = LoggerFactory.getLogger(UploadStream.class);
    static final long PAUSE_ABOVE = 4L << 20;
    static final long RESUME_BELOW = 1L << 20;

    /** What the worker takes from the queue besides bytes. */
    private enum Signal { CLOSED, OVERRUN }

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Bytes the client may still send; I/O thread only. */
    private long accepted;
    /** Set on the I/O thread once the worker is done: whatever arrives later is dropped. */
    private boolean done;

    UploadStream(Connection connection, AttachmentService files, TransferGrant.Upload grant,
                 String requestId) {
        super(connection, files, grant, requestId);
        this.accepted = grant.length();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done || !(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int n = bytes.readableBytes();
        if (n > accepted) {
            bytes.release();
            accepted = 0;
            queue.add(Signal.OVERRUN);
            return;
        }
        accepted -= n;
        queue.add(bytes);
        if (queuedBytes.addAndGet(n) > PAUSE_ABOVE) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queue.add(Signal.CLOSED);
        ctx.fireChannelInactive();
    }

    @Override
    String idleState() {
        return "idle";
    }

    /** On a worker: starts the upload, says ready, then writes what arrives until the last byte or the end. */
    @Override
    void run() {
        RawUpload raw;
        try {
            raw = files.startUpload(grant);
        } catch (RuntimeException e) {
            end(ErrorReplies.of(requestId, e, connection.id()));
            return;
        }
        connection.send(new TransferReady(requestId, "upload", grant.fileId(), grant.size(), grant.offset(),
                grant.length()));
        long started = System.nanoTime();
        try {
            while (true) {
                Object next = queue.take();
                if (next == Signal.CLOSED) {
                    files.release(raw); // cut: what arrived is kept for the next ticket to go on from
                    end(null);
                    return;
                }
                if (next == Signal.OVERRUN) {
                    files.discard(raw);
                    end(SessionMessage.Error.of(requestId, ErrorCode.INVALID_FIELD, "more bytes arrived than the "
                            + grant.length() + " the ticket announced; the upload was discarded, start it again"));
                    return;
                }
                write(raw, (ByteBuf) next);
                if (raw.remaining() == 0) {
                    if (queue.peek() == Signal.OVERRUN) {
                        continue; // more than announced came before the check began: refused above
                    }
                    long received = System.nanoTime();
                    ServerMessage last = finish(raw);
                    // Where an upload's time goes, for whoever tunes the appliance (docs/PERFORMANCE.md "Files").
                    log.info("Connection {}: raw upload of {} bytes received, written and hashed in {} ms, checked and"
                            + " stored in {} ms", connection.id(), grant.length(), (received - started) / 1_000_000,
                            (System.nanoTime() - received) / 1_000_000);
                    end(last);
                    return;
                }
            }
        } catch (InterruptedException e) {
            files.release(raw);
            Thread.currentThread().interrupt();
            end(null);
        } catch (RuntimeException e) {
            files.release(raw);
            end(ErrorReplies.of(requestId, e, connection.id()));
        }
    }

    private void write(RawUpload raw, ByteBuf bytes) {
        int n = bytes.readableBytes();
        try {
            for (ByteBuffer piece : bytes.nioBuffers()) {
                raw.write(piece);
            }
        } finally {
            bytes.release();
        }
        if (queuedBytes.addAndGet(-n) < RESUME_BELOW && !connection.channel().config().isAutoRead()) {
            connection.channel().config().setAutoRead(true);
        }
    }

    /** Every byte is in: a final frame, or the refusal (after which the upload was discarded). */
    private ServerMessage finish(RawUpload raw) {
        try {
            return files.finishUpload(requestId, raw);
        } catch (RuntimeException e) {
            return ErrorReplies.of(requestId, e, connection.id());
        }
    }

    /** Sends the last frame, if any, and closes once it is written; drops whatever is still queued. */
    private void end(ServerMessage last) {
        if (last != null) {
            connection.send(last);
        }
        try {
            connection.lane().execute(() -> {
                done = true;
                releaseQueued();
                connection.closeAfterFlush();
            });
        } catch (RejectedExecutionException e) {
            // The appliance is shutting down: the connection's event loop has stopped, and its channel closed with it.
            releaseQueued();
        }
    }

    private void releaseQueued() {
        Queue<Object> left = new ArrayDeque<>();
        queue.drainTo(left);
        left.forEach(ReferenceCountUtil::release);
    }
}
