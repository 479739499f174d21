package org.lanchat.appliance.net;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.appliance.attachment.TransferGrant;
import org.lanchat.appliance.attachment.TransferTickets;
import org.lanchat.appliance.limits.Descriptors;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.FileRequest.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a new connection whose first frame is {@code transfer} into a transfer connection (PROTOCOL.md §7.25): the
 * ticket is redeemed, and the chat session and the frame decoder leave the pipeline for a handler that moves the
 * file's raw bytes. The TLS handshake timeout and the per-address connection count already applied at accept; the idle
 * timeout now counts bytes either way, so a long download the client only reads is not idle. The file the transfer
 * keeps open counts against {@code --max-connections} as a second connection would ({@link Descriptors}). Shared by
 * every connection.
 */
public final class TransferConnections {
    private static final Logger log = LoggerFactory.getLogger(TransferConnections.class);

    private final TransferTickets tickets;
    private final AttachmentService files;
    private final Executor workers;
    private final Duration idleTimeout;
    private final Descriptors descriptors;

    public TransferConnections(TransferTickets tickets, AttachmentService files, Executor workers, Duration idleTimeout,
            Descriptors descriptors) {
        this.tickets = tickets;
        this.files = files;
        this.workers = workers;
        this.idleTimeout = idleTimeout;
        this.descriptors = descriptors;
    }

    /** On the connection's I/O thread, inside the read of the {@code transfer} frame. */
    void open(Transfer request, Connection connection, FrameInbound frames) {
        if (!descriptors.tryTakeForFile()) { // before the ticket is redeemed: it stays valid for the retry
            log.info("Connection {} from {}: transfer refused, {} connections and open files are held already",
                    connection.id(), connection.peer(), descriptors.cap());
            connection.error(request.id(), ErrorCode.BUSY, "the appliance holds as many connections and open files as it"
                    + " can (" + descriptors.cap() + "); try again later", ApplianceServer.CONNECTION_RETRY_AFTER.toMillis());
            connection.closeAfterFlush();
            return;
        }
        connection.channel().closeFuture().addListener(closed -> descriptors.released());
        Optional<TransferGrant> grant = tickets.redeem(request.ticket());
        if (grant.isEmpty()) {
            log.info("Connection {} from {}: transfer refused, the ticket is unknown, used or expired",
                    connection.id(), connection.peer());
            connection.error(request.id(), ErrorCode.TICKET_INVALID,
                    "this ticket is unknown, already used or expired; ask for a new one with transfer_ticket");
            connection.closeAfterFlush();
            return;
        }
        log.info("Connection {} from {}: {} of {} bytes of {} from {}", connection.id(), connection.peer(),
                grant.get() instanceof TransferGrant.Upload ? "raw upload" : "raw download", grant.get().length(),
                grant.get().fileId(), grant.get().offset());
        ChannelPipeline pipeline = connection.channel().pipeline();
        pipeline.remove(ClientSession.class);
        pipeline.addBefore("frames", "idle", new IdleStateHandler(true, 0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        Runnable stream = switch (grant.get()) {
            case TransferGrant.Upload upload -> {
                UploadStream handler = new UploadStream(connection, files, upload, request.id());
                pipeline.addLast("transfer", handler);
                yield handler::run;
            }
            case TransferGrant.Download download -> {
                DownloadStream handler = new DownloadStream(connection, files, download, request.id());
                pipeline.addLast("chunks", new ChunkedWriteHandler());
                pipeline.addLast("transfer", handler);
                yield handler::run;
            }
        };
        frames.handOver(); // whatever follows the frame in this read is the file's bytes, not frames
        try {
            workers.execute(stream); // the disk is opened and written off the I/O thread
        } catch (RejectedExecutionException e) {
            connection.error(request.id(), ErrorCode.SHUTTING_DOWN, "the appliance is shutting down");
            connection.closeAfterFlush();
        }
    }
}
