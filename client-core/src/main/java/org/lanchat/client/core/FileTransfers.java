package org.lanchat.client.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.FileIds;
import org.lanchat.protocol.message.FileMessage.Attachment;
import org.lanchat.protocol.message.FileMessage.FileChunk;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.FileRequest;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads and downloads of files (PROTOCOL.md §7.24): on a transfer connection of their own that carries the raw bytes
 * (§7.25) when the appliance offers one, else chunk by chunk over the chat connection, each chunk one request, so chat
 * passes between them. A ticket the transfer connection refuses (another cluster member answered it, say) sends the
 * rest of that transfer in chunks. Both paths survive a dropped connection: they wait for the client to have its
 * session back, however many tries that takes it (an appliance restarting takes seconds), then an upload asks where
 * the appliance's copy ends and goes on from there, a download goes on from the end of its {@code .part} file. Only
 * tries that fail one after the other while the client is connected, without moving the file on, count towards
 * giving up; so does an appliance away for longer than {@link #RECONNECT_PATIENCE}. A download is checked against its
 * SHA-256 before it gets its name; a corrupt one is fetched again. Blocking: called on the caller's thread, never the
 * client's loop.
 */
final class FileTransfers {
    private static final Logger log = LoggerFactory.getLogger(FileTransfers.class);
    /** Tries in a row that move nothing on, or downloads that never match their SHA-256, before giving up. */
    static final int MAX_ATTEMPTS = 6;
    /** How long a transfer waits for the client to have its session back after a lost connection. */
    static final Duration RECONNECT_PATIENCE = Duration.ofMinutes(2);
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final Requests requests;
    private final BooleanSupplier rawOffered;
    private final TransferLine line;
    private final Supplier<CompletableFuture<Void>> sessionBack;
    private final Duration patience;

    /**
     * @param requests    sends a request on the current connection (on the client's loop)
     * @param rawOffered  whether the appliance offers raw transfers (and the client may use them); asked per transfer
     * @param line        opens transfer connections
     * @param sessionBack completes once the client has a session: at once while it has one, failed once it is over
     */
    FileTransfers(Requests requests, BooleanSupplier rawOffered, TransferLine line,
            Supplier<CompletableFuture<Void>> sessionBack) {
        this(requests, rawOffered, line, sessionBack, RECONNECT_PATIENCE);
    }

    /** @param patience how long to wait for {@code sessionBack} after a lost connection before giving up */
    FileTransfers(Requests requests, BooleanSupplier rawOffered, TransferLine line,
            Supplier<CompletableFuture<Void>> sessionBack, Duration patience) {
        this.requests = requests;
        this.rawOffered = rawOffered;
        this.line = line;
        this.sessionBack = sessionBack;
        this.patience = patience;
    }

    /** A file uploaded completely: what a message carrying it names. */
    record Uploaded(Attachment attachment, String name) {
    }

    Uploaded upload(Path file, TransferProgress reported) throws ChatException, IOException, InterruptedException {
        long size = Files.size(file);
        String fileId = FileIds.of(file);
        String mediaType = Files.probeContentType(file);
        boolean raw = rawOffered.getAsBoolean();
        Tries tries = new Tries("upload of " + file.getFileName(), reported);
        TransferProgress progress = tries;
        while (true) {
            try {
                if (raw) {
                    TransferTicket ticket = ask(id -> TransferTicketRequest.upload(id, fileId, size, mediaType),
                            TransferTicket.class);
                    progress.progress(ticket.offset(), size);
                    if (!ticket.complete()) {
                        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                            line.upload(ticket, in, progress);
                        }
                    }
                    return uploaded(file, fileId, size, mediaType);
                }
                UploadStatus status = ask(id -> new FileRequest.UploadBegin(id, fileId, size, mediaType),
                        UploadStatus.class);
                progress.progress(status.offset(), size);
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    while (!status.complete()) {
                        long offset = status.offset();
                        byte[] chunk = read(in, offset, (int) Math.min(status.chunkBytes(), size - offset));
                        status = ask(id -> new FileRequest.UploadChunk(id, fileId, offset, chunk), UploadStatus.class);
                        progress.progress(status.offset(), size);
                    }
                }
                return uploaded(file, fileId, size, mediaType);
            } catch (ChatException e) {
                if (raw && e.code() == ErrorCode.TICKET_INVALID) {
                    raw = false; // the transfer connection reached an appliance that did not issue the ticket
                } else if (raw && e.code().retryable()) {
                    // Said on the transfer connection: too many open, or another upload of this file still streams.
                    tries.failed(new TransientFailure(e));
                } else if (e.code() != ErrorCode.WRONG_OFFSET || tries.lastOne()) {
                    throw e;
                } else if (raw) {
                    // The appliance may still be writing what arrived before a cut: give it a moment.
                    tries.failed(new TransientFailure(e));
                } else {
                    tries.count(); // another request of ours moved the copy on: ask again where it ends
                }
            } catch (TransientFailure e) {
                tries.failed(e);
            } catch (IOException e) {
                if (!raw) {
                    throw e;
                }
                tries.failed(new TransientFailure(e)); // the transfer connection was lost
            }
        }
    }

    private static Uploaded uploaded(Path file, String fileId, long size, String mediaType) {
        return new Uploaded(new Attachment(fileId, size, mediaType, null, null), FileNames.safe(file.getFileName().toString()));
    }

    /** The message {@code seq} of a conversation, to learn the name and size of its file. */
    ChatMessage message(Conversation conversation, long seq) throws ChatException, InterruptedException {
        try {
            return fileMessage(conversation, seq);
        } catch (TransientFailure e) {
            throw new ChatException(ErrorCode.INTERNAL_ERROR, e.getMessage(), java.util.Optional.empty());
        }
    }

    private ChatMessage fileMessage(Conversation conversation, long seq) throws ChatException, TransientFailure {
        ConversationMessage.HistoryPage page = ask(
                id -> new ConversationRequest.HistoryRequest(id, conversation, seq + 1, null, 1),
                ConversationMessage.HistoryPage.class);
        return page.messages().stream().filter(m -> m.seq() == seq && m.attachment() != null).findFirst()
                .orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_ATTACHMENT,
                        "message " + seq + " carries no file you can read", java.util.Optional.empty()));
    }

    /**
     * What a download brought that is not the file its message names: another SHA-256 or size, or bytes past the
     * size. Only an appliance that is not what it claims sends it, so the {@code .part} is dropped and nothing is tried
     * again; without this check, a hostile appliance could fill the disk through one download.
     */
    static final class ForeignFile extends IOException {
        ForeignFile(long seq, Attachment expected, String detail) {
            super("the appliance sent something other than the file of message " + seq + " (" + expected.size()
                    + " bytes, SHA-256 " + expected.fileId() + "): " + detail);
        }
    }

    /**
     * Downloads the file of the message {@code seq} to {@code target}, through {@code target.part}. Returns once the
     * file is complete and its SHA-256 matched; it never exists under {@code target} otherwise.
     */
    void download(Conversation conversation, long seq, Path target, TransferProgress reported)
            throws ChatException, IOException, InterruptedException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        boolean raw = rawOffered.getAsBoolean();
        Tries tries = new Tries("download of message " + seq + " to " + target.getFileName(), reported);
        TransferProgress progress = tries;
        Attachment expected = null;
        for (int downloads = 1; ; ) {
            try {
                if (expected == null) {
                    expected = fileMessage(conversation, seq).attachment();
                }
                String fileId = raw ? fetchRaw(conversation, seq, expected, partial, progress)
                        : fetch(conversation, seq, expected, partial, progress);
                if (FileIds.of(partial).equals(fileId)) {
                    moveIntoPlace(partial, target);
                    return;
                }
                Files.deleteIfExists(partial); // corrupt or from another file: fetch it all again
                if (downloads >= MAX_ATTEMPTS) {
                    throw new IOException("the file downloaded " + downloads + " times never had its SHA-256 " + fileId);
                }
                downloads++;
            } catch (TransientFailure e) {
                tries.failed(e);
            } catch (ChatException e) {
                if (raw && e.code().retryable()) {
                    tries.failed(new TransientFailure(e)); // said on the transfer connection: too many open
                    continue;
                }
                if (!raw || e.code() != ErrorCode.TICKET_INVALID) {
                    throw e;
                }
                raw = false; // the transfer connection reached an appliance that did not issue the ticket
            } catch (ForeignFile e) {
                Files.deleteIfExists(partial);
                throw e;
            } catch (UnsafePart e) {
                throw e;
            } catch (IOException e) {
                if (!raw) {
                    throw e;
                }
                tries.failed(new TransientFailure(e)); // the transfer connection was lost: resume
            }
        }
    }

    /** Fetches into {@code partial} from where it ends, on a transfer connection; returns the file's id. */
    private String fetchRaw(Conversation conversation, long seq, Attachment expected, Path partial,
            TransferProgress progress) throws ChatException, IOException, TransientFailure {
        try (FileChannel out = openPart(partial)) {
            long offset = out.size();
            TransferTicket ticket;
            try {
                ticket = ask(id -> TransferTicketRequest.download(id, conversation, seq, offset), TransferTicket.class);
            } catch (ChatException e) {
                if (offset == 0 || e.code() != ErrorCode.INVALID_FIELD) {
                    throw e;
                }
                out.truncate(0); // a .part longer than the file: not this file's
                ticket = ask(id -> TransferTicketRequest.download(id, conversation, seq, 0), TransferTicket.class);
            }
            if (!ticket.fileId().equals(expected.fileId()) || ticket.size() != expected.size()) {
                throw new ForeignFile(seq, expected, "a ticket for " + ticket.size() + " bytes, SHA-256 "
                        + ticket.fileId());
            }
            progress.progress(ticket.offset(), ticket.size());
            line.download(ticket, out, progress);
            return ticket.fileId();
        }
    }

    /** Fetches into {@code partial} from where it ends; returns the file's id. */
    private String fetch(Conversation conversation, long seq, Attachment expected, Path partial,
            TransferProgress progress) throws ChatException, IOException, TransientFailure {
        try (FileChannel out = openPart(partial)) {
            long offset = out.size();
            if (offset > expected.size()) { // a .part longer than the file: not this file's
                out.truncate(0);
                offset = 0;
            }
            while (true) {
                long at = offset;
                FileChunk chunk = ask(id -> new FileRequest.Download(id, conversation, seq, at, null), FileChunk.class);
                if (!chunk.fileId().equals(expected.fileId()) || chunk.size() != expected.size()) {
                    throw new ForeignFile(seq, expected, "a chunk of " + chunk.size() + " bytes, SHA-256 "
                            + chunk.fileId());
                }
                if (chunk.offset() != at || at + chunk.data().length > expected.size()) {
                    throw new ForeignFile(seq, expected, chunk.data().length + " bytes at " + chunk.offset()
                            + " when asked for those at " + at);
                }
                ByteBuffer data = ByteBuffer.wrap(chunk.data());
                while (data.hasRemaining()) {
                    out.write(data, at + data.position());
                }
                offset += chunk.data().length;
                progress.progress(offset, chunk.size());
                if (offset >= chunk.size() || chunk.data().length == 0) {
                    return chunk.fileId();
                }
            }
        }
    }

    private <T extends ServerMessage> T ask(java.util.function.Function<String, ClientMessage> build, Class<T> type)
            throws ChatException, TransientFailure {
        try {
            return requests.request(build, type).join();
        } catch (CompletionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof ChatException chat) {
                if (chat.code().retryable()) {
                    throw new TransientFailure(chat);
                }
                throw chat;
            }
            if (cause instanceof ConnectionClosedException || cause instanceof TimeoutException
                    || cause instanceof IOException) {
                throw new TransientFailure(cause);
            }
            throw e;
        }
    }

    /**
     * The tries of one transfer, and the progress it reports: a try that moved the file on starts the count again, so
     * a transfer cut many times but going on each time is never given up; only tries that fail one after the other,
     * the client connected, count towards {@link #MAX_ATTEMPTS}.
     */
    private final class Tries implements TransferProgress {
        private final String what;
        private final TransferProgress reported;
        private volatile long furthest = -1;
        private long furthestAtLastFailure = -1;
        private int inARow;

        Tries(String what, TransferProgress reported) {
            this.what = what;
            this.reported = reported;
        }

        @Override
        public void progress(long done, long total) {
            furthest = Math.max(furthest, done);
            reported.progress(done, total);
        }

        /** Counts a try that failed; returns how many failed in a row. */
        int count() {
            long reached = furthest;
            inARow = reached > furthestAtLastFailure ? 1 : inARow + 1;
            furthestAtLastFailure = reached;
            return inARow;
        }

        /** Whether the next failure would be one too many. */
        boolean lastOne() {
            return furthest <= furthestAtLastFailure && inARow + 1 >= MAX_ATTEMPTS;
        }

        /**
         * A try failed for want of a connection, or the appliance said to try again: waits a moment, longer each time,
         * and then until the client has its session back. Throws once too many tries in a row have failed, or when the
         * session does not come back.
         */
        void failed(TransientFailure e) throws IOException, InterruptedException {
            int failures = count();
            Throwable cause = e.getCause();
            if (failures >= MAX_ATTEMPTS) {
                log.warn("The {} gave up at {} bytes after {} tries in a row failed", what, Math.max(0, furthest),
                        failures, cause);
                throw new IOException("the transfer failed " + failures + " times: " + cause.getMessage(), cause);
            }
            log.info("The {} stopped at {} bytes ({}); it goes on once the client is connected again", what,
                    Math.max(0, furthest), Failures.describe(cause));
            // The link may not have noticed yet that the connection is gone (the transfer connection ended first).
            long asked = cause instanceof ChatException chat ? chat.retryAfter().map(Duration::toMillis).orElse(0L) : 0;
            Thread.sleep(Math.max(asked, Math.min(LONGEST_WAIT.toMillis(), FIRST_WAIT.toMillis() << (failures - 1))));
            try {
                sessionBack.get().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException away) {
                log.warn("The {} gave up at {} bytes: the appliance was not back within {} s", what,
                        Math.max(0, furthest), patience.toSeconds(), cause);
                throw new ConnectionClosedException("the appliance was not back within " + patience.toSeconds()
                        + " s after the transfer stopped: " + cause.getMessage(), cause);
            } catch (ExecutionException over) {
                Throwable why = Failures.unwrap(over);
                log.warn("The {} gave up at {} bytes: {}", what, Math.max(0, furthest), why.getMessage(), cause);
                throw new ConnectionClosedException(why.getMessage(), cause);
            }
        }
    }

    /**
     * A {@code .part} that is not this user's own plain file: never written to, and not tried again. In a folder others
     * may write to, a link planted under the name made the download write the sender's bytes wherever it pointed (a
     * desktop autostart file, say), and a file another user created first would have kept the download readable by
     * them.
     */
    static final class UnsafePart extends IOException {
        UnsafePart(Path partial, String what) {
            super(partial + " " + what + "; LAN Chat does not write a download into it. Remove it, or save the file"
                    + " in a folder only you can write to");
        }
    }

    /** Opens (or creates) {@code partial} for writing, never through a link and never one another user owns. */
    private static FileChannel openPart(Path partial) throws IOException {
        if (Files.isSymbolicLink(partial)) {
            throw new UnsafePart(partial, "is a symbolic link");
        }
        FileChannel out;
        try {
            out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.FileSystemException e) {
            if (Files.isSymbolicLink(partial)) { // planted between the look and the open
                throw new UnsafePart(partial, "is a symbolic link");
            }
            throw e;
        }
        try {
            if (!Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafePart(partial, "is not a plain file");
            }
            if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                java.nio.file.attribute.UserPrincipal owner = Files.getOwner(partial, LinkOption.NOFOLLOW_LINKS);
                if (!owner.getName().equals(System.getProperty("user.name"))) {
                    throw new UnsafePart(partial, "belongs to " + owner.getName());
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] read(FileChannel in, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the file got shorter while it was being sent");
            }
        }
        return buffer.array();
    }

    /** A lost connection, a timeout or a busy appliance: worth trying again once the client has reconnected. */
    private static final class TransientFailure extends Exception {
        TransientFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
