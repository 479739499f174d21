package org.lanchat.appliance.net;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lanchat.appliance.attachment.AttachmentService;
import org.lanchat.appliance.core.ClientAddresses;
import org.lanchat.appliance.core.FairQueue;
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
 *
 * <p>A {@code download} chunk is read, encoded and written in turns ({@link FairQueue}, {@link #CHUNKS_AT_ONCE} at
 * once), which go round the computers waiting, then their accounts; a turn ends when the socket has taken the chunk
 * (TLS encrypts it on the way), or after {@link #LONGEST_TURN}. Each request had a thread of its own: one computer's
 * 500 connections asking five chunks each had 2,500 chunks built at once, and a colleague's login waited 9 s behind
 * them.
 */
public final class AttachmentRequests {
    /** Download chunks on their way at once, appliance-wide: the two cores of a small box, and no more. */
    static final int CHUNKS_AT_ONCE = 2;
    /**
     * The longest a chunk holds its turn while the socket does not take it: a client that asks and does not read
     * would otherwise hold every turn (it is cut off once 4 MiB wait for it, §4.2).
     */
    static final Duration LONGEST_TURN = Duration.ofSeconds(1);

    private final AttachmentService files;
    private final FairQueue chunkTurns = FairQueue.turnsOnly(CHUNKS_AT_ONCE);

    public AttachmentRequests(AttachmentService files) {
        this.files = files;
    }

    void begin(UploadBegin request, Identity me, Connection connection, RequestRunner runner) {
        runner.reply(request.id(), () -> files.begin(request, me.userId(), connection.address()));
    }

    void chunk(UploadChunk request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> files.chunk(request, me.userId()));
    }

    void download(Download request, Identity me, Connection connection, RequestRunner runner) {
        runner.run(request.id(), () -> {
            FairQueue.Place turn = chunkTurns.enter(ClientAddresses.counted(connection.address()), me.userId(), false);
            FairQueue.awaitTurn(turn);
            AtomicBoolean left = new AtomicBoolean();
            Runnable leave = () -> {
                if (left.compareAndSet(false, true)) {
                    chunkTurns.leave(turn);
                }
            };
            try {
                if (!connection.channel().isActive()) { // gone while it waited: nobody to read the chunk for
                    leave.run();
                    return;
                }
                connection.sendTracked(files.download(request, me.userId())).addListener(written -> leave.run());
                connection.channel().eventLoop().schedule(leave, LONGEST_TURN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                leave.run();
                throw e;
            }
        });
    }

    void ticket(TransferTicketRequest request, Identity me, Connection connection, RequestRunner runner) {
        runner.reply(request.id(), () -> files.ticket(request, me.userId(), connection.address(), me.checkedAt(),
                me.token()));
    }

    void thumbnail(GetThumbnail request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> files.thumbnail(request, me.userId()));
    }
}
