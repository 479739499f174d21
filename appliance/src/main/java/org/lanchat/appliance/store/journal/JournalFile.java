package org.lanchat.appliance.store.journal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on disk: a directory of append-only segment files, each a run of records
 * {@code [int length][int CRC32C of the payload][payload]} ({@link JournalBatch#encode}). {@link #append} writes one
 * record and waits for {@code fdatasync} before it returns, so an appended batch survives a crash of the process and
 * of the machine. A segment is closed once full and deleted once everything in it has been written to the database
 * ({@link #release}).
 *
 * <p>Segments are written full of zeroes, synced, before the first record goes in (the next one in the background,
 * once the current one is half full). An append then only overwrites blocks the file already has: its
 * {@code fdatasync} writes those blocks and nothing else. Appending to the end of a file instead changes its size, and
 * on ext4 (ordered mode) that {@code fdatasync} must commit the filesystem's journal, which first writes out every
 * other file's new blocks, the database's behind us included: the W3 benchmark saw single syncs take 50 to 300 ms
 * (docs/PERFORMANCE.md). Databases do the same for their logs (PostgreSQL's {@code wal_init_zero}). Segments start at
 * {@link #FIRST_SEGMENT_BYTES} and double up to the largest size, so an appliance that writes little zeroes little.
 * A zero length where a record would start is the end of what was written.
 *
 * <p>A crash can leave the last record half written. {@link #recover} reads every segment in order and stops a segment
 * at its first record that is cut short or fails its checksum: such a record was never acknowledged (its
 * {@code fdatasync} had not returned). After a failed write the segment is given up rather than repaired, and the next
 * batch starts a new one, so a damaged record is only ever the last one of its segment.
 */
final class JournalFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalFile.class);
    static final long SEGMENT_BYTES = 16L << 20;
    static final long FIRST_SEGMENT_BYTES = 1L << 20;
    private static final int ZEROES_PER_WRITE = 1 << 20;
    private static final int HEADER_BYTES = 8;
    /** Far above any batch (1,000 messages of at most a frame each); a larger length is damage, not a record. */
    private static final int MAX_RECORD_BYTES = 256 << 20;
    private static final String SUFFIX = ".journal";

    private record Segment(Path path, long lastId) {
    }

    /** A segment file written full of zeroes and synced, name included. */
    private record Prepared(Path path, long bytes) {
    }

    private final Path directory;
    private final long segmentBytes;
    /** Closed segments, oldest first, with the highest message id each holds. */
    private final Deque<Segment> closed = new ArrayDeque<>();
    private long nextSegmentNumber;
    private FileChannel current;
    private Path currentPath;
    /** Where the next record goes, and how much of the segment was prepared. */
    private long position;
    private long currentBytes;
    private long currentLastId = -1;
    private long nextSegmentBytes;
    /** The next segment, being prepared in the background; null until the current one is half full. */
    private CompletableFuture<Prepared> next;

    private JournalFile(Path directory, long segmentBytes, long nextSegmentNumber) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.nextSegmentNumber = nextSegmentNumber;
        this.nextSegmentBytes = Math.min(FIRST_SEGMENT_BYTES, segmentBytes);
    }

    /** Opens (creating if need be) the journal in {@code directory}; call {@link #recover} before appending. */
    static JournalFile open(Path directory) throws IOException {
        return open(directory, SEGMENT_BYTES);
    }

    /** {@link #open(Path)} with segments of at most {@code segmentBytes} (small ones for tests). */
    static JournalFile open(Path directory, long segmentBytes) throws IOException {
        Files.createDirectories(directory);
        List<Path> segments = segments(directory);
        long next = segments.isEmpty() ? 1 : number(segments.getLast()) + 1;
        return new JournalFile(directory, segmentBytes, next);
    }

    /**
     * Every complete record of every segment, in the order written. A record cut short or failing its checksum ends its
     * segment (and is logged); the segments are left as they are until {@link #discardRecovered}.
     */
    List<JournalBatch> recover() throws IOException {
        List<JournalBatch> batches = new ArrayList<>();
        for (Path segment : segments(directory)) {
            readSegment(segment, batches);
        }
        return batches;
    }

    /** Deletes the segments {@link #recover} read, once their batches are in the database. */
    void discardRecovered() throws IOException {
        for (Path segment : segments(directory)) {
            Files.delete(segment);
        }
        syncDirectory();
    }

    /** A failed append whose partial record could not be removed again: the journal cannot take more. */
    static final class UndoFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        UndoFailedException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /**
     * Writes one batch and returns once it is on disk. When it fails, whatever it wrote is cut off again (a disk that
     * is full takes the next batch once there is room), so a batch its sender was told failed is never replayed;
     * should that cut fail too, {@link UndoFailedException}, and the journal must not be written again.
     */
    void append(JournalBatch batch) throws IOException {
        byte[] payload = batch.encode();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        if (current != null && position > 0 && position + record.remaining() > currentBytes) {
            closeCurrent(); // a record never straddles two segments, nor grows a prepared one
        }
        if (current == null) {
            startSegment();
        }
        long start = position;
        try {
            while (record.hasRemaining()) {
                position += current.write(record, position);
            }
            current.force(false);
        } catch (IOException e) {
            undo(start, e);
            throw e;
        }
        currentLastId = batch.lastId();
        if (position >= currentBytes) {
            closeCurrent();
        } else if (next == null && position >= currentBytes / 2) {
            prepareNext();
        }
    }

    private void undo(long start, IOException failure) throws UndoFailedException {
        try {
            current.truncate(start); // the zeroes after it go too; the segment grows again as it is written
            current.force(false);
            position = start;
        } catch (IOException e) {
            e.addSuppressed(failure);
            throw new UndoFailedException("a failed write to " + currentPath.getFileName() + " could not be cut off: "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the closed segments whose every message id is at most {@code appliedId}. */
    void release(long appliedId) {
        while (!closed.isEmpty() && closed.peekFirst().lastId() <= appliedId) {
            Segment done = closed.pollFirst();
            try {
                Files.deleteIfExists(done.path());
            } catch (IOException e) {
                log.warn("Cannot delete the written journal segment {}: {}", done.path(), e.getMessage());
            }
        }
    }

    /** Number of segment files, open or closed (for tests and diagnostics). */
    int segmentCount() throws IOException {
        return segments(directory).size();
    }

    /** Closes the current segment; waits for a segment being prepared, so that the directory is left as it is. */
    @Override
    public void close() {
        if (next != null) {
            next.handle((prepared, failure) -> prepared).join();
        }
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.debug("Closing the journal segment {}: {}", currentPath, e.getMessage());
            }
            current = null;
        }
    }

    private void readSegment(Path segment, List<JournalBatch> into) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (position < size) {
                header.clear();
                if (channel.read(header, position) < HEADER_BYTES || header.hasRemaining()) {
                    logTorn(segment, position, "its header is cut short");
                    return;
                }
                header.flip();
                int length = header.getInt();
                int expectedCrc = header.getInt();
                if (length == 0 && expectedCrc == 0) {
                    return; // the zeroes of a prepared segment: nothing was written from here on
                }
                if (length <= 0 || length > MAX_RECORD_BYTES || position + HEADER_BYTES + length > size) {
                    logTorn(segment, position, "its length (" + length + ") runs past the end of the file");
                    return;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                while (payload.hasRemaining() && channel.read(payload, position + HEADER_BYTES + payload.position()) > 0) {
                    // read until full
                }
                CRC32C crc = new CRC32C();
                crc.update(payload.array());
                if ((int) crc.getValue() != expectedCrc) {
                    logTorn(segment, position, "it fails its checksum");
                    return;
                }
                into.add(JournalBatch.decode(new DataInputStream(new ByteArrayInputStream(payload.array()))));
                position += HEADER_BYTES + length;
            }
        }
    }

    private static void logTorn(Path segment, long position, String why) {
        log.warn("Journal segment {} ends at byte {}: the record there was not completely written ({}); it was never"
                + " acknowledged", segment.getFileName(), position, why);
    }

    /** Takes the segment prepared in the background, or prepares one now (the first, or after a failed preparation). */
    private void startSegment() throws IOException {
        Prepared prepared = null;
        if (next != null) {
            try {
                prepared = next.join();
            } catch (CompletionException e) {
                log.debug("Preparing the next journal segment failed; trying again now: {}", e.getCause().getMessage());
            }
            next = null;
        }
        if (prepared == null) {
            prepared = prepare(claimSegment());
        }
        currentPath = prepared.path();
        current = FileChannel.open(currentPath, StandardOpenOption.WRITE);
        currentBytes = prepared.bytes();
        position = 0;
        currentLastId = -1;
    }

    private void prepareNext() {
        Prepared planned = claimSegment();
        next = CompletableFuture.supplyAsync(() -> {
            try {
                return prepare(planned);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofPlatform().name("lanchat-journal-prepare").daemon(true).start(task));
    }

    /** The next segment's name and size; the sizes double up to the largest. */
    private Prepared claimSegment() {
        Prepared planned = new Prepared(directory.resolve(String.format("%010d%s", nextSegmentNumber++, SUFFIX)),
                nextSegmentBytes);
        nextSegmentBytes = Math.min(segmentBytes, nextSegmentBytes * 2);
        return planned;
    }

    /** Writes the segment full of zeroes and syncs it and its name; a failed one is deleted again. */
    private Prepared prepare(Prepared segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer zeroes = ByteBuffer.allocate((int) Math.min(ZEROES_PER_WRITE, segment.bytes()));
            for (long at = 0; at < segment.bytes(); ) {
                zeroes.clear().limit((int) Math.min(zeroes.capacity(), segment.bytes() - at));
                at += channel.write(zeroes, at);
            }
            channel.force(true);
            syncDirectory(); // the new file's name must survive a crash as much as its records
            return segment;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(segment.path());
            } catch (IOException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
    }

    private void closeCurrent() {
        Path path = currentPath;
        long lastId = currentLastId;
        close();
        if (lastId >= 0) {
            closed.addLast(new Segment(path, lastId));
        } else {
            try {
                Files.deleteIfExists(path); // nothing was ever acknowledged from it
            } catch (IOException e) {
                log.debug("Deleting the empty journal segment {}: {}", path, e.getMessage());
            }
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
