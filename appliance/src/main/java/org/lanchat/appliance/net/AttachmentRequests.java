package org.lanchat.appliance.net;

import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.GetThumbnail;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.FileRequest.UploadChunk;

/**
 * {@code upload_begin}, {@code upload_chunk}, {@code download}, {@code get_thumbnail} and {@code transfer_ticket}
 * (docs/PROTOCOL.md §5.36–5.40),
 * all answered off the I/O thread: they read and write the disk. Each answers one bounded chunk, so a transfer is a
 * series of short requests and the connection's chat frames pass between them. Shared by every connection.
 */
public final class AttachmentRequests {
    private final AttachmentService files;

    public AttachmentRequests(AttachmentService files) {
        this.files = files;
    }

    void begin(UploadBegin request, Identity me, Connection connection, RequestRunner runner) {
        runner.reply(request.id(), () -> files.begin(request, me.userId(), connection.address()));
    }

    void chunk(UploadChunk request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> files.chunk(request, me.userId()));
    }

    void download(Download request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> files.download(request, me.userId()));
    }

    void ticket(TransferTicketRequest request, Identity me, Connection connection, RequestRunner runner) {
        runner.reply(request.id(), () -> files.ticket(request, me.userId(), connection.address(), me.checkedAt(),
                me.token()));
    }

    void thumbnail(GetThumbnail request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> files.thumbnail(request, me.userId()));
    }
}
