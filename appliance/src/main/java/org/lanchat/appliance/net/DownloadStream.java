package org.lanchat.appliance.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.appliance.attachment.TransferGrant;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.FileMessage.TransferReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a raw download's connection (PROTOCOL.md §7.25): after {@code transfer_ready}, the file from the
 * ticket's offset to its end, read from disk by Netty's {@link ChunkedNioFile} only as fast as TLS and the socket take
 * it (the chunked writer waits while the connection is not writable), then the connection is closed. The client sends
 * nothing more: any byte from it ends the transfer with an error.
 */
final class DownloadStream extends TransferStream<TransferGrant.Download> {
    private static final Logger log = LoggerFactory.getLogger(DownloadStream.class);
    /** Bytes read from disk at a time; TLS cuts them into records of 16 KiB. */
    static final int READ_BYTES = 256 * 1024;

    private boolean streaming;

    DownloadStream(Connection connection, AttachmentService files, TransferGrant.Download grant,
                   String requestId) {
        super(connection, files, grant, requestId);
    }

    /** On a worker: the file is opened off the I/O thread, then streamed from it. */
    @Override
    void run() {
        FileChannel file;
        try {
            Path stored = files.startDownload(grant);
            file = FileChannel.open(stored, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            connection.send(ErrorReplies.of(requestId, e instanceof IOException io ? new java.io.UncheckedIOException(io) : e,
                    connection.id()));
            connection.lane().execute(connection::closeAfterFlush);
            return;
        }
        connection.lane().execute(() -> stream(file));
    }

    private void stream(FileChannel file) {
        if (!connection.isOpen()) {
            close(file);
            return;
        }
        streaming = true;
        connection.queue(new TransferReady(requestId, "download", grant.fileId(), grant.size(), grant.offset(),
                grant.length()));
        try {
            connection.channel().writeAndFlush(new ChunkedNioFile(file, grant.offset(), grant.length(), READ_BYTES))
                    .addListener(ChannelFutureListener.CLOSE);
        } catch (IOException e) {
            close(file);
            connection.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        log.info("Connection {}: the client sent bytes on a download; closing", connection.id());
        if (streaming) {
            connection.close(); // an error frame now would land among the file's bytes: the short stream says it
        } else {
            connection.error(requestId, ErrorCode.INVALID_FIELD,
                    "a download's transfer connection carries nothing from the client after transfer");
            connection.closeAfterFlush();
        }
    }

    @Override
    String idleState() {
        return streaming ? "not read" : "not started";
    }

    private static void close(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // only read from; nothing to lose
        }
    }
}
