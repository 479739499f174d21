package org.lanchat.client.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.FileMessage.TransferReady;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.FileRequest.Transfer;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;

/**
 * One transfer connection (PROTOCOL.md §7.25), from the client's side: a new TLS connection to the appliance that
 * redeems a ticket and then carries a file's raw bytes, a quarter of a megabyte at a time from or to the file. Blocking,
 * on the transferring thread. A lost connection is an {@link IOException}; a refusal a {@link ChatException}.
 */
final class TransferLine {
    /** Bytes moved between the disk and the socket at a time, and between two progress reports. */
    static final int STEP_BYTES = 256 * 1024;
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);

    /** Opens a new connection to the appliance the client is talking to, nothing sent on it yet. */
    @FunctionalInterface
    interface Opener {
        Socket open() throws IOException;
    }

    private final Opener opener;
    private final Duration patience;

    /** @param patience how long to wait for a frame from the appliance before taking the connection for lost */
    TransferLine(Opener opener, Duration patience) {
        this.opener = opener;
        this.patience = patience;
    }

    /** Sends the ticket's range of {@code file}; returns once the appliance has checked and stored the whole file. */
    void upload(TransferTicket ticket, FileChannel file, TransferProgress progress) throws IOException, ChatException {
        try (Socket socket = redeem(ticket)) {
            OutputStream out = socket.getOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(STEP_BYTES);
            long end = ticket.offset() + ticket.length();
            for (long at = ticket.offset(); at < end; ) {
                buffer.clear().limit((int) Math.min(STEP_BYTES, end - at));
                while (buffer.hasRemaining()) {
                    if (file.read(buffer, at + buffer.position()) < 0) {
                        throw new IOException("the file got shorter while it was being sent");
                    }
                }
                out.write(buffer.array(), 0, buffer.limit());
                at += buffer.limit();
                progress.progress(at, ticket.size());
            }
            out.flush();
            if (!(expect(socket, UploadStatus.class).complete())) {
                throw new IOException("the appliance did not say the upload is complete");
            }
        }
    }

    /**
     * Writes the ticket's range of the file into {@code partial} from the ticket's offset, reporting progress every
     * {@link #STEP_BYTES}. A connection that ends early throws, leaving what arrived in {@code partial}.
     */
    void download(TransferTicket ticket, FileChannel partial, TransferProgress progress) throws IOException, ChatException {
        try (Socket socket = redeem(ticket)) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[STEP_BYTES];
            long end = ticket.offset() + ticket.length();
            long at = ticket.offset();
            long reported = at;
            while (at < end) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, end - at));
                if (n < 0) {
                    throw new IOException("the transfer connection ended after " + at + " of " + end + " bytes");
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    partial.write(bytes, at + bytes.position());
                }
                at += n;
                if (at - reported >= STEP_BYTES || at == end) {
                    progress.progress(at, ticket.size());
                    reported = at;
                }
            }
        }
    }

    /** Opens the connection and redeems the ticket; the bytes may move once this returns. */
    private Socket redeem(TransferTicket ticket) throws IOException, ChatException {
        Socket socket = opener.open();
        try {
            socket.setSoTimeout((int) patience.toMillis()); // for every read: nothing for this long is a lost connection
            socket.getOutputStream().write(CODEC.encodeFrame(new Transfer("1", ticket.ticket())));
            socket.getOutputStream().flush();
            expect(socket, TransferReady.class);
            return socket;
        } catch (IOException | ChatException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static <T extends ServerMessage> T expect(Socket socket, Class<T> type) throws IOException, ChatException {
        Optional<byte[]> body = FrameReader.readOne(socket.getInputStream(), FrameLimits.DEFAULT);
        ServerMessage frame = CODEC.decodeServer(body.orElseThrow(
                () -> new IOException("the appliance closed the transfer connection without a word")));
        if (frame instanceof SessionMessage.Bye bye) { // shutting down: the transfer goes on after reconnecting
            throw new IOException("the appliance closed the transfer connection: " + bye.message());
        }
        if (frame instanceof SessionMessage.Error error) {
            throw new ChatException(error.code(), error.message(),
                    Optional.ofNullable(error.retryAfterMs()).map(Duration::ofMillis));
        }
        if (!type.isInstance(frame)) {
            throw new ChatException(ErrorCode.INTERNAL_ERROR, "the appliance answered " + frame.getClass().getSimpleName()
                    + " on a transfer connection", Optional.empty());
        }
        return type.cast(frame);
    }
}
