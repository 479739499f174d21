package org.lanchat.appliance.store.journal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on disk: a directory of append-only segment files, each a run of records
 * {@code [int length][int CRC32C of the payload][payload]} ({@link JournalBatch#encode}). {@link #append} writes one
 * record and waits for {@code fdatasync} before it returns, so an appended batch survives a crash of the process and
 * of the machine. A segment is closed once it passes {@link #SEGMENT_BYTES} and deleted once everything in it has been
 * written to the database ({@link #release}).
 *
 * <p>A crash can leave the last record half written. {@link #recover} reads every segment in order and stops a segment
 * at its first record that is cut short or fails its checksum: such a record was never acknowledged (its
 * {@code fdatasync} had not returned). After a failed write the segment is given up rather than repaired, and the next
 * batch starts a new one, so a damaged record is only ever the last one of its segment.
 */
final class JournalFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalFile.class);
    static final long SEGMENT_BYTES = 64L << 20;
    private static final int HEADER_BYTES = 8;
    /** Far above any batch (1,000 messages of at most a frame each); a larger length is damage, not a record. */
    private static final int MAX_RECORD_BYTES = 256 << 20;
    private static final String SUFFIX = ".journal";

    private record Segment(Path path, long lastId) {
    }

    private final Path directory;
    private final long segmentBytes;
    /** Closed segments, oldest first, with the highest message id each holds. */
    private final Deque<Segment> closed = new ArrayDeque<>();
    private long nextSegmentNumber;
    private FileChannel current;
    private Path currentPath;
    private long currentLastId = -1;

    private JournalFile(Path directory, long segmentBytes, long nextSegmentNumber) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.nextSegmentNumber = nextSegmentNumber;
    }

    /** Opens (creating if need be) the journal in {@code directory}; call {@link #recover} before appending. */
    static JournalFile open(Path directory) throws IOException {
        return open(directory, SEGMENT_BYTES);
    }

    /** {@link #open(Path)} with segments closed after {@code segmentBytes} (small ones for tests). */
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
        if (current == null) {
            startSegment();
        }
        long start = current.position();
        try {
            while (record.hasRemaining()) {
                current.write(record);
            }
            current.force(false);
        } catch (IOException e) {
            undo(start, e);
            throw e;
        }
        currentLastId = batch.lastId();
        if (current.position() >= segmentBytes) {
            closeCurrent();
        }
    }

    private void undo(long start, IOException failure) throws UndoFailedException {
        try {
            current.truncate(start);
            current.force(false);
            current.position(start);
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

    @Override
    public void close() {
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

    private void startSegment() throws IOException {
        currentPath = directory.resolve(String.format("%010d%s", nextSegmentNumber++, SUFFIX));
        current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentLastId = -1;
        syncDirectory(); // the new file's name must survive a crash as much as its records
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
