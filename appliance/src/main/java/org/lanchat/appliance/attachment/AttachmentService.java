package org.lanchat.appliance.attachment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.lanchat.appliance.config.AttachmentSettings;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.AttachmentStore;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.FileMessage.FileChunk;
import org.lanchat.protocol.message.FileMessage.Thumbnail;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.GetThumbnail;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.FileRequest.UploadChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads, downloads and thumbnails of files sent in conversations (PROTOCOL.md §7.24). Every method blocks (disk and
 * database) and is called off the I/O threads.
 */
public final class AttachmentService {
    private static final Logger log = LoggerFactory.getLogger(AttachmentService.class);
    static final String UNKNOWN_TYPE = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");
    private static final int SWEEP_BATCH = 1000;
    /** One message for every reason there is no file to download, so a forged name or number learns nothing. */
    private static final String NO_FILE_FOR_YOU =
            "no file in that message for you: no such message, not one you can read, or its file expired";
    /**
     * Why a chunk or a second transfer must wait while a raw upload of the same file streams: nothing is wrong with
     * it, and it may go on from where that upload ends (a cut one's last bytes are written within moments).
     */
    private static final String STREAMING = "this file is being uploaded on a transfer connection (by you, perhaps"
            + " from another computer or a connection that was cut); once that ends, send upload_begin and go on from"
            + " its offset";
    private static final java.time.Duration STREAMING_ENDS_WITHIN = java.time.Duration.ofSeconds(1);
    /** An upload not continued for this long is given up: its bytes are deleted, and it starts again at 0. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofDays(7);

    /**
     * The message {@code seq} of a conversation named by a user, if that user may read it now: a member, not cleared
     * for them, not deleted. Empty otherwise, whatever the reason, so a forged name learns nothing (§7.24).
     */
    @FunctionalInterface
    public interface ReadableMessages {
        Optional<StoredMessage> readable(Conversation conversation, long seq, long userId);
    }

    /**
     * Unfinished uploads one account may have at once: more than anyone sends in parallel. Each is checked against
     * all the others at every begin, so tens of thousands of one-byte reservations made every begin slow.
     */
    static final int MAX_UNFINISHED_PER_ACCOUNT = 64;

    /**
     * An upload begun: what {@code upload_begin} announced, so the chunks need not repeat it. One of a file already
     * stored ({@code proof}) only proves its user has the bytes, which are never kept once complete: it takes from the
     * appliance's total only what it holds (it passes no check of the total, §5.36, and would otherwise take space from
     * everyone else's uploads), but from its account's and address's shares its whole size, as any other: its bytes are
     * on the disk until it completes or is given up, so without the shares copies of one stored file would be unbounded.
     */
    private record Upload(long userId, String address, long size, String mediaType, boolean proof) {
        long takesFromShare(long held) {
            return Math.max(size, held);
        }

        long takesFromTotal(long held) {
            return proof ? held : Math.max(size, held);
        }
    }

    private final AttachmentSettings settings;
    private final AttachmentStore store;
    private final FileVault vault;
    private final PictureCheck pictures = new PictureCheck();
    private final Predicate<String> limitedAddress;
    private final ReadableMessages messages;
    private final LongSupplier clockMillis;
    private final int chunkBytes;
    private final Map<Path, Upload> uploads = new ConcurrentHashMap<>();
    /** Partial files a raw upload is writing to: no chunk and no second raw upload may add to them meanwhile. */
    private final java.util.Set<Path> streaming = ConcurrentHashMap.newKeySet();
    private final TransferTickets tickets;
    /** Two requests for one upload never interleave; requests for different uploads never wait for each other. */
    private final UploadLocks locks = new UploadLocks();
    /**
     * One lock for each stored file, by its path: the sweep's check and delete of a file never interleave with an
     * upload of the same bytes finding it stored, nor with a {@code send} noting it was sent; either would otherwise
     * be told the file is there while the sweep deletes it (§7.24). Taken after an upload's lock, never before one.
     */
    private final UploadLocks storedFiles = new UploadLocks();
    /** Held while the quota is checked and a new upload's reservation made (§7.24). */
    private final Object quota = new Object();

    /** @param chunkBytes the most one {@code upload_chunk} or {@code file_chunk} carries (fits a frame in base64) */
    public AttachmentService(AttachmentSettings settings, AttachmentStore store, ReadableMessages messages,
                             LongSupplier clockMillis, int chunkBytes) {
        this(settings, store, messages, clockMillis, chunkBytes, new TransferTickets(System::nanoTime), address -> true);
    }

    /**
     * @param tickets        the transfer tickets this service issues and the transfer connections redeem (§7.25)
     * @param limitedAddress whether the limits per address apply to a client at this address (§7.11)
     */
    public AttachmentService(AttachmentSettings settings, AttachmentStore store, ReadableMessages messages,
                             LongSupplier clockMillis, int chunkBytes, TransferTickets tickets, Predicate<String> limitedAddress) {
        this.tickets = tickets;
        this.limitedAddress = limitedAddress;
        this.settings = settings;
        this.store = store;
        this.vault = new FileVault(settings.directory());
        this.messages = messages;
        this.clockMillis = clockMillis;
        this.chunkBytes = chunkBytes;
    }

    /**
     * The largest chunk whose {@code upload_chunk} or {@code file_chunk} frame fits {@code maxFrameBytes}: base64 makes
     * 3 bytes 4 characters, and 1 KiB is left for the envelope. Capped at 512 KiB, which already keeps a chunk's time on
     * the connection short enough for chat to pass between chunks.
     */
    public static int chunkBytesFor(int maxFrameBytes) {
        return Math.max(1, Math.min(512 * 1024, (maxFrameBytes - 1024) / 4 * 3));
    }

    /** @param address where the request came from: one address's unfinished uploads reserve at most a share, too */
    public UploadStatus begin(UploadBegin request, long userId, String address) {
        if (request.size() > settings.maxFileBytes()) {
            throw new Refused(ErrorCode.FILE_TOO_LARGE, "the file is " + request.size() + " bytes; the limit is "
                    + settings.maxFileBytes() + " bytes");
        }
        Optional<AttachedFile> stored = vault.isComplete(request.fileId()) ? store.find(request.fileId()) : Optional.empty();
        if (stored.isPresent() && stored.get().size() != request.size()) {
            throw new Refused(ErrorCode.INVALID_FIELD, "the file with this SHA-256 is " + stored.get().size()
                    + " bytes, not " + request.size());
        }
        if (stored.isPresent() && store.uploadedBy(request.fileId(), userId)) {
            return status(request.id(), request.fileId(), request.size(), request.size(), true);
        }
        Path partial = vault.partial(request.fileId(), userId);
        return locks.holding(partial, () -> {
            long held = vault.held(partial);
            Upload earlier = uploads.get(partial);
            // Begun again with another size (§5.36): what is held belongs to a file of another length, so it cannot be
            // the start of this one. After a restart only the length held is known: more than the new size is other.
            boolean otherSize = held > request.size() || earlier != null && earlier.size() != request.size();
            if (otherSize && streaming.contains(partial)) {
                throw new Refused(ErrorCode.INVALID_FIELD, "an upload of this file with another size is under way"
                        + " on a transfer connection; begin again once it has ended");
            }
            synchronized (quota) { // one check and reservation at a time, so two uploads cannot both take the last space
                long begun = uploads.entrySet().stream()
                        .filter(u -> u.getValue().userId() == userId && !u.getKey().equals(partial)).count();
                if (begun >= MAX_UNFINISHED_PER_ACCOUNT) {
                    throw new Refused(ErrorCode.QUOTA_EXCEEDED, "you have " + begun + " unfinished uploads, the most"
                            + " one account may have at once; finish one of them first");
                }
                long own = reserved(upload -> upload.userId() == userId, partial);
                if (own + request.size() > accountReservation()) {
                    throw new Refused(ErrorCode.QUOTA_EXCEEDED, "your unfinished uploads already reserve " + own
                            + " bytes and one account may reserve at most " + accountReservation()
                            + " at once; finish one of them first; this file needs " + request.size());
                }
                // Files this account completed and sent in no message yet count in its share, each at its whole
                // size even when others uploaded it too (any one uploader's record keeps it stored, so each answers for
                // all of it, and a share must not change when others upload or forget the same bytes). A file it sent
                // does not: a message carries it for everyone to see, and a share that only grew would stop a regular
                // user for good where files are kept for ever; uploads never sent go after ABANDONED_AFTER.
                long unsent = store.bytesNotSentBy(userId);
                if (unsent + own + request.size() > accountReservation()) {
                    throw new Refused(ErrorCode.QUOTA_EXCEEDED, "your files not sent in any message yet take "
                            + (unsent + own) + " bytes (" + unsent + " uploaded, " + own + " reserved by your unfinished"
                            + " uploads) and one account's share for such files is " + accountReservation() + " bytes of "
                            + settings.quotaBytes() + "; this file needs " + request.size() + "; send or give up one"
                            + " (a file you uploaded is deleted " + ABANDONED_AFTER.toDays() + " days after its upload"
                            + " if no message of yours carries it)");
                }
                long fromHere = limitedAddress.test(address)
                        ? reserved(upload -> upload.address().equals(address), partial) : 0;
                if (fromHere + request.size() > accountReservation()) {
                    throw new Refused(ErrorCode.QUOTA_EXCEEDED, "unfinished uploads from your computer's address"
                            + " already reserve " + fromHere + " bytes and one address may reserve at most "
                            + accountReservation() + " at once; finish one of them first; this file needs " + request.size());
                }
                if (stored.isEmpty()) { // a stored file's upload adds nothing to the total once complete
                    long used = store.totalBytes() + reservedBytes(partial);
                    if (used + request.size() > settings.quotaBytes()) {
                        throw new Refused(ErrorCode.QUOTA_EXCEEDED, "the appliance's space for files is full ("
                                + used + " of " + settings.quotaBytes() + " bytes used or reserved by uploads in progress);"
                                + " this file needs " + request.size());
                    }
                }
                // The quota is a number an administrator chose (20 GiB by default), not the disk: it may be larger
                // than what is free, and the disk is shared with the database, which stops storing messages when full.
                long needs = request.size() - (otherSize ? 0 : held);
                long others = stillToWrite(partial);
                long space = vault.spaceForUploads();
                if (needs + others > space) {
                    throw new Refused(ErrorCode.QUOTA_EXCEEDED, "the appliance's disk is nearly full: " + Math.max(0, space)
                            + " bytes are left for files (it keeps the rest free for messages), uploads in progress may"
                            + " still write " + others + ", and this file needs " + needs);
                }
                // Resumed without a media type (§5.36): the one it was begun with stays.
                String mediaType = request.mediaType() == null && earlier != null && !otherSize ? earlier.mediaType()
                        : mediaType(request.mediaType());
                uploads.put(partial, new Upload(userId, address, request.size(), mediaType, stored.isPresent()));
            }
            if (otherSize) { // only once this size is accepted: a refused begin leaves the earlier upload as it was
                vault.delete(partial);
                held = 0;
            }
            return status(request.id(), request.fileId(), request.size(), held, false);
        });
    }

    /**
     * What one account's unfinished uploads may reserve together, and those from one address; and what one account's
     * stored files and unfinished uploads may take together: a tenth of the quota, and at least one file of the
     * largest size. Without it one account could begin uploads of made-up files up to the whole quota, sending
     * nothing, or upload them to the end, and every other user would be refused for as long as it kept them; without
     * the address's share, ten accounts registered from one computer could.
     */
    private long accountReservation() {
        return Math.max(settings.maxFileBytes(), settings.quotaBytes() / 10);
    }

    /**
     * What the uploads in progress since the start that {@code whose} picks, other than {@code except}, take from a
     * share: each its whole size, a stored file's too.
     */
    private long reserved(Predicate<Upload> whose, Path except) {
        long reserved = 0;
        for (Map.Entry<Path, Upload> upload : uploads.entrySet()) {
            if (whose.test(upload.getValue()) && !upload.getKey().equals(except)) {
                reserved += upload.getValue().takesFromShare(vault.held(upload.getKey()));
            }
        }
        return reserved;
    }

    /** Bytes the uploads in progress other than {@code except} may still write to the disk. */
    private long stillToWrite(Path except) {
        long total = 0;
        for (Map.Entry<Path, Upload> upload : uploads.entrySet()) {
            if (!upload.getKey().equals(except)) {
                total += Math.max(0, upload.getValue().size() - vault.held(upload.getKey()));
            }
        }
        return total;
    }

    /**
     * The space uploads in progress other than {@code except} take from the quota: each begun since the appliance started
     * reserves the size it declared (or what it holds, if more), each older one, and each of a file already stored,
     * what it holds.
     */
    private long reservedBytes(Path except) {
        long reserved = 0;
        for (Map.Entry<Path, Upload> upload : uploads.entrySet()) {
            if (!upload.getKey().equals(except)) {
                reserved += upload.getValue().takesFromTotal(vault.held(upload.getKey()));
            }
        }
        for (Path partial : vault.partials()) {
            if (!partial.equals(except) && !uploads.containsKey(partial)) {
                reserved += vault.held(partial);
            }
        }
        return reserved;
    }

    public UploadStatus chunk(UploadChunk request, long userId) {
        Path partial = vault.partial(request.fileId(), userId);
        return locks.holding(partial, () -> {
            if (streaming.contains(partial)) {
                throw new Refused(ErrorCode.BUSY, STREAMING, STREAMING_ENDS_WITHIN);
            }
            Upload upload = uploads.get(partial);
            long held = vault.held(partial);
            if (upload == null || request.offset() != held) {
                throw new Refused(ErrorCode.WRONG_OFFSET, upload == null
                        ? "no upload of this file is under way on this appliance; send upload_begin (it says where to go on)"
                        : "the appliance holds " + held + " bytes of this file; send upload_begin, or continue from there");
            }
            if (request.data().length > chunkBytes) {
                throw new Refused(ErrorCode.INVALID_FIELD, "a chunk carries at most " + chunkBytes + " bytes");
            }
            if (held + request.data().length > upload.size()) {
                throw new Refused(ErrorCode.INVALID_FIELD, "the chunk goes past the " + upload.size()
                        + " bytes upload_begin announced");
            }
            vault.append(partial, request.data());
            held += request.data().length;
            if (held < upload.size()) {
                return status(request.id(), request.fileId(), upload.size(), held, false);
            }
            uploads.remove(partial);
            finish(partial, request.fileId(), upload, userId, FileVault.sha256(partial));
            return status(request.id(), request.fileId(), upload.size(), held, true);
        });
    }

    /**
     * A ticket for a raw transfer (§5.40, §7.25), after exactly the checks of {@code upload_begin} (an upload, which it
     * also begins) or {@code download} (a download). An upload this user already completed needs no ticket.
     *
     * @param checkedAt when the asking session's account was checked ({@code Revocations.now()}): the ticket is worth
     *                  nothing once the administrator has ended the account's sessions since
     * @param signIn    the asking session's resume token: the ticket is worth nothing once that session logged out
     */
    public TransferTicket ticket(TransferTicketRequest request, long userId, String address, long checkedAt,
            String signIn) {
        TransferGrant grant;
        if (request.isUpload()) {
            UploadStatus status = begin(new UploadBegin(request.id(), request.fileId(), request.size(),
                    request.mediaType()), userId, address);
            if (status.complete()) {
                return new TransferTicket(request.id(), request.direction(), request.fileId(), status.size(),
                        status.offset(), 0, true, null, null);
            }
            grant = new TransferGrant.Upload(userId, request.fileId(), status.size(), status.offset());
        } else {
            AttachedFile file = readableFile(request.conversation(), request.seq(), userId);
            checkOffset(file, request.offset());
            grant = new TransferGrant.Download(userId, file.fileId(), file.size(), request.offset(), request.conversation(),
                    request.seq());
        }
        return new TransferTicket(request.id(), request.direction(), grant.fileId(), grant.size(), grant.offset(),
                grant.length(), false, tickets.issue(grant, checkedAt, signIn), TransferTickets.LIFETIME.toMillis());
    }

    /**
     * Starts writing a raw upload: the user's upload must still be under way and end exactly where the ticket said, with
     * no chunk or other raw upload adding to it meanwhile ({@code wrong_offset} otherwise). {@link #release} it.
     */
    public RawUpload startUpload(TransferGrant.Upload grant) {
        Path partial = vault.partial(grant.fileId(), grant.userId());
        return locks.holding(partial, () -> {
            if (streaming.contains(partial)) {
                throw new Refused(ErrorCode.BUSY, STREAMING, STREAMING_ENDS_WITHIN);
            }
            Upload upload = uploads.get(partial);
            long held = vault.held(partial);
            if (upload == null || upload.size() != grant.size() || held != grant.offset() || !streaming.add(partial)) {
                throw new Refused(ErrorCode.WRONG_OFFSET, "this upload changed since the ticket was issued (the appliance"
                        + " holds " + held + " bytes of it); ask for a new ticket");
            }
            try {
                return new RawUpload(grant, partial);
            } catch (RuntimeException e) {
                streaming.remove(partial);
                throw e;
            }
        });
    }

    /**
     * All of a raw upload's bytes are in: checked and stored as the last {@code upload_chunk} would be. Throws the same
     * refusals ({@code hash_mismatch}, a hostile picture), after which the upload is discarded.
     */
    public UploadStatus finishUpload(String requestId, RawUpload raw) {
        TransferGrant.Upload grant = raw.grant();
        return locks.holding(raw.partial(), () -> {
            try {
                raw.close();
                Upload upload = uploads.remove(raw.partial());
                if (upload == null) { // swept meanwhile: the bytes are gone
                    throw new Refused(ErrorCode.WRONG_OFFSET, "the upload was given up meanwhile; start it again");
                }
                finish(raw.partial(), grant.fileId(), upload, grant.userId(), raw.sha256());
                return status(requestId, grant.fileId(), grant.size(), grant.size(), true);
            } finally {
                streaming.remove(raw.partial());
            }
        });
    }

    /** A raw upload ended before its last byte: what arrived is kept, and the upload may go on (§7.25). */
    public void release(RawUpload raw) {
        locks.holding(raw.partial(), () -> {
            raw.close();
            streaming.remove(raw.partial());
        });
    }

    /**
     * Like {@link #finishUpload} refusing it, for a raw upload whose client broke the rules (more bytes than the
     * ticket's length): nothing it sent can be trusted, so the upload is discarded.
     */
    public void discard(RawUpload raw) {
        locks.holding(raw.partial(), () -> {
            raw.close();
            uploads.remove(raw.partial());
            vault.delete(raw.partial());
            streaming.remove(raw.partial());
        });
    }

    /**
     * What the transfer connection of a download ticket streams, if the file is still stored and its user may still
     * read the message (§7.25): a member removed from a private room meanwhile, or whose account was disabled, gets
     * nothing more, as their {@code download} would not.
     */
    public Path startDownload(TransferGrant.Download grant) {
        AttachedFile file = readableFile(grant.conversation(), grant.seq(), grant.userId());
        if (!file.fileId().equals(grant.fileId())) {
            throw new Refused(ErrorCode.NO_SUCH_ATTACHMENT, NO_FILE_FOR_YOU);
        }
        return vault.complete(grant.fileId());
    }

    /** All bytes are in: the hash must match, a picture must pass its check; only then is the file stored. */
    private void finish(Path partial, String fileId, Upload upload, long userId, String actual) {
        try {
            if (!actual.equals(fileId)) {
                throw new Refused(ErrorCode.HASH_MISMATCH, "the bytes received have SHA-256 " + actual
                        + ", not the " + fileId + " announced; the upload was discarded, send it again from the start");
            }
            storedFiles.holding(vault.complete(fileId), () -> {
                Optional<AttachedFile> known = vault.isComplete(fileId) ? store.find(fileId) : Optional.empty();
                AttachedFile file;
                if (known.isPresent()) {
                    vault.delete(partial); // the same bytes are stored already; this upload only proved the user has them
                    file = known.get();
                } else {
                    // Turns for pictures go round uploaders and their addresses (§7.24): the address the upload was begun from.
                    Optional<PictureCheck.Picture> picture =
                            pictures.check(partial, new HeavyWork.Owner(userId, upload.address()));
                    if (picture.isPresent()) {
                        vault.writeThumbnail(fileId, picture.get().thumbnailPng());
                        file = new AttachedFile(fileId, upload.size(), picture.get().mediaType(), picture.get().width(),
                                picture.get().height());
                    } else {
                        file = new AttachedFile(fileId, upload.size(), upload.mediaType(), null, null);
                    }
                    vault.promote(partial, fileId);
                }
                store.stored(file, userId, clockMillis.getAsLong());
            });
        } catch (RuntimeException e) {
            vault.delete(partial);
            throw e;
        }
    }

    /** The file a user may attach to a message: stored, and uploaded by them (§7.24). Notes that it was sent. */
    public AttachedFile attachable(String fileId, long userId) {
        return storedFiles.holding(vault.complete(fileId), () -> {
            Optional<AttachedFile> file = vault.isComplete(fileId) && store.uploadedBy(fileId, userId)
                    ? store.find(fileId) : Optional.empty();
            AttachedFile found = file.orElseThrow(() -> new Refused(ErrorCode.NO_SUCH_ATTACHMENT,
                    "upload the file completely before sending it"));
            store.sent(fileId, userId, clockMillis.getAsLong());
            return found;
        });
    }

    public FileChunk download(Download request, long userId) {
        AttachedFile file = readableFile(request.conversation(), request.seq(), userId);
        checkOffset(file, request.offset());
        int length = request.length() == null ? chunkBytes : Math.min(request.length(), chunkBytes);
        return new FileChunk(request.id(), file.fileId(), file.size(), request.offset(),
                vault.read(file.fileId(), request.offset(), length));
    }

    private static void checkOffset(AttachedFile file, long offset) {
        if (offset > file.size()) {
            throw new Refused(ErrorCode.INVALID_FIELD, "the file is " + file.size() + " bytes; offset "
                    + offset + " is past its end");
        }
    }

    public Thumbnail thumbnail(GetThumbnail request, long userId) {
        AttachedFile file = readableFile(request.conversation(), request.seq(), userId);
        if (!file.isPicture()) {
            throw new Refused(ErrorCode.NO_SUCH_ATTACHMENT, "that message's file is not a picture; it has no thumbnail");
        }
        return new Thumbnail(request.id(), file.fileId(), "image/png", vault.readThumbnail(file.fileId()));
    }

    private AttachedFile readableFile(Conversation conversation, long seq, long userId) {
        return messages.readable(conversation, seq, userId)
                .map(StoredMessage::attachment)
                .filter(file -> vault.isComplete(file.fileId()))
                .orElseThrow(() -> new Refused(ErrorCode.NO_SUCH_ATTACHMENT,
                        NO_FILE_FOR_YOU));
    }

    /**
     * Deletes uploads abandoned for {@link #ABANDONED_AFTER} (they count against the quota), completed uploads their
     * user sent in no message within {@link #ABANDONED_AFTER} (the file with the last of them: it counts against the
     * quota, and its uploader's share, and no message needs it), and files not sent for the retention period; returns
     * how many files were deleted. Files are kept for ever only once sent.
     */
    public int sweep() {
        long abandoned = clockMillis.getAsLong() - ABANDONED_AFTER.toMillis();
        for (Path partial : vault.partialsWrittenBefore(abandoned)) {
            locks.holding(partial, () -> {
                uploads.remove(partial);
                vault.delete(partial);
            });
        }
        int neverSent = 0;
        for (AttachmentStore.Uploader upload : store.neverSentBefore(abandoned, SWEEP_BATCH)) {
            boolean deleted = storedFiles.holding(vault.complete(upload.fileId()), () -> {
                if (!store.forgetNeverSent(upload, abandoned)) {
                    return false;
                }
                vault.deleteStored(upload.fileId());
                return true;
            });
            neverSent += deleted ? 1 : 0;
        }
        if (neverSent > 0) {
            log.info("Deleted {} file(s) uploaded but not sent within {} days", neverSent, ABANDONED_AFTER.toDays());
        }
        if (settings.keepsForever()) {
            return neverSent;
        }
        long expiredBefore = clockMillis.getAsLong() - settings.retention().toMillis();
        int expired = 0;
        for (String fileId : store.sentBefore(expiredBefore, SWEEP_BATCH)) {
            boolean deleted = storedFiles.holding(vault.complete(fileId), () -> {
                if (!store.forgetUnsentSince(fileId, expiredBefore)) {
                    return false; // sent again since it was found
                }
                vault.deleteStored(fileId);
                return true;
            });
            expired += deleted ? 1 : 0;
        }
        if (expired > 0) {
            log.info("Deleted {} file(s) not sent for {} days", expired, settings.retention().toDays());
        }
        return neverSent + expired;
    }

    private UploadStatus status(String id, String fileId, long size, long held, boolean complete) {
        return new UploadStatus(id, fileId, size, held, complete, chunkBytes);
    }

    /**
     * A file that is not a checked picture never gets an image type, so no client draws unchecked bytes as one; other
     * types are kept as the sender named them, when well-formed.
     */
    private static String mediaType(String declared) {
        if (declared == null) {
            return UNKNOWN_TYPE;
        }
        String lower = declared.strip().toLowerCase(java.util.Locale.ROOT);
        return MEDIA_TYPE.matcher(lower).matches() && !lower.startsWith("image/") ? lower : UNKNOWN_TYPE;
    }
}
