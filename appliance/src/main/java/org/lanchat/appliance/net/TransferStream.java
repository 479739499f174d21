package org.lanchat.appliance.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.appliance.attachment.TransferGrant;
import org.lanchat.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a raw transfer's connection (PROTOCOL.md §7.25), upload or download. Such a connection carries
 * one ticket's transfer and nothing else, so an idle connection or a failure on it ends that transfer the same way in
 * both directions: the connection is closed, with no frame, since the peer may be in the middle of raw bytes. What the
 * appliance kept of an upload stays for the next ticket to go on from.
 */
abstract sealed class TransferStream<G extends TransferGrant> extends ChannelInboundHandlerAdapter
        permits DownloadStream, UploadStream {
    /** The subclass's logger, so that a transfer's lines stay under its own name. */
    private final Logger log = LoggerFactory.getLogger(getClass());
    final Connection connection;
    final AttachmentService files;
    final G grant;
    final String requestId;

    TransferStream(Connection connection, AttachmentService files, G grant, String requestId) {
        this.connection = connection;
        this.files = files;
        this.grant = grant;
        this.requestId = requestId;
    }

    /** On a worker, once this handler is in the pipeline: the transfer itself, off the I/O thread. */
    abstract void run();

    /** How the transfer stood when the connection went idle, for the log. */
    abstract String idleState();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.info("Connection {}: raw {} {} for too long; closing ({})", connection.id(), direction(), idleState(),
                    ErrorCode.IDLE_TIMEOUT.wireName());
            connection.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection {}: raw {} failed: {}", connection.id(), direction(), cause.getMessage());
        connection.close();
    }

    private String direction() {
        return grant instanceof TransferGrant.Upload ? "upload" : "download";
    }
}
