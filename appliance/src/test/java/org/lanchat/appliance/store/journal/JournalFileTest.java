package org.lanchat.appliance.store.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;

/**
 * The journal's file: what was appended comes back in order after a restart, and what a crash left half written
 * (a record cut short anywhere, a record whose bytes are damaged) is dropped without losing the records before it.
 */
class JournalFileTest {
    @TempDir
    Path dir;

    @Test
    void everyAppendedBatchIsRecoveredInOrderWithEveryField() throws IOException {
        List<JournalBatch> written = List.of(batch(1, 3), batch(4, 4), batch(5, 9));
        try (JournalFile file = JournalFile.open(dir)) {
            for (JournalBatch b : written) {
                file.append(b);
            }
        }
        try (JournalFile file = JournalFile.open(dir)) {
            assertThat(file.recover()).isEqualTo(written);
        }
    }

    @Test
    void aRecordCutShortAtAnyByteEndsTheJournalThereAndKeepsEveryRecordBeforeIt() throws IOException {
        List<JournalBatch> complete = List.of(batch(1, 2), batch(3, 5));
        try (JournalFile file = JournalFile.open(dir)) {
            for (JournalBatch b : complete) {
                file.append(b);
            }
            file.append(batch(6, 8));
        }
        Path segment = onlySegment();
        byte[] whole = Files.readAllBytes(segment);
        int recordsEnd = recordBytes(batch(1, 2), batch(3, 5), batch(6, 8));
        int lastRecordStarts = recordsEnd - recordBytes(batch(6, 8));
        for (int cut = lastRecordStarts; cut < recordsEnd; cut++) {
            // A crash after `cut` bytes of the last record reached the disk: the prepared zeroes after them...
            byte[] zeroed = whole.clone();
            java.util.Arrays.fill(zeroed, cut, recordsEnd, (byte) 0);
            Files.write(segment, zeroed);
            try (JournalFile file = JournalFile.open(dir)) {
                assertThat(file.recover()).as("zeroes from byte %d of %d", cut, recordsEnd).isEqualTo(complete);
            }
            // ...or the file's end (a segment that was never prepared, or cut back after a failed write).
            Files.write(segment, java.util.Arrays.copyOf(whole, cut));
            try (JournalFile file = JournalFile.open(dir)) {
                assertThat(file.recover()).as("cut at byte %d of %d", cut, recordsEnd).isEqualTo(complete);
            }
        }
    }

    @Test
    void aDamagedLastRecordFailsItsChecksumAndIsDropped() throws IOException {
        try (JournalFile file = JournalFile.open(dir)) {
            file.append(batch(1, 2));
            file.append(batch(3, 4));
        }
        Path segment = onlySegment();
        long recordsEnd = recordBytes(batch(1, 2), batch(3, 4));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), recordsEnd - 3); // one byte of the text of message 4
        }
        try (JournalFile file = JournalFile.open(dir)) {
            assertThat(file.recover()).containsExactly(batch(1, 2));
        }
    }

    @Test
    void zeroesWhereTheLastRecordShouldBeAreNotARecord() throws IOException {
        try (JournalFile file = JournalFile.open(dir)) {
            file.append(batch(1, 2));
        }
        Files.write(onlySegment(), new byte[4096], StandardOpenOption.APPEND); // the file grew, its data never came
        try (JournalFile file = JournalFile.open(dir)) {
            assertThat(file.recover()).containsExactly(batch(1, 2));
        }
    }

    @Test
    void segmentsAreWrittenFullOfZeroesBeforeRecordsGoInAndDoubleInSize() throws IOException {
        List<JournalBatch> written = new ArrayList<>();
        try (JournalFile file = JournalFile.open(dir, 4L << 20)) {
            file.append(batch(1, 1));
            Path first = onlySegment();
            assertThat(Files.size(first)).as("prepared before the first record").isEqualTo(JournalFile.FIRST_SEGMENT_BYTES);
            for (long id = 2; file.segmentCount() < 4; id += 500) {
                JournalBatch b = batch(id, id + 499);
                file.append(b);
                written.add(b);
                assertThat(Files.size(first)).as("appends overwrite the zeroes, never grow the file")
                        .isEqualTo(JournalFile.FIRST_SEGMENT_BYTES);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.sorted().map(JournalFileTest::size).toList()).as("segment sizes in order")
                    .containsExactly(1L << 20, 2L << 20, 4L << 20, 4L << 20);
        }
        try (JournalFile file = JournalFile.open(dir)) {
            assertThat(file.recover()).hasSize(1 + written.size()).endsWith(written.getLast());
        }
    }

    @Test
    void fullSegmentsAreClosedAndDeletedOnceTheDatabaseHoldsTheirMessages() throws IOException {
        List<JournalBatch> written = new ArrayList<>();
        try (JournalFile file = JournalFile.open(dir, 1024)) {
            for (int i = 0; i < 20; i++) {
                JournalBatch b = batch(i * 3L + 1, i * 3L + 3);
                file.append(b);
                written.add(b);
            }
            int segments = file.segmentCount();
            assertThat(segments).as("a segment closes after 1 KiB").isGreaterThan(3);
            file.release(30); // batches up to id 30 are in the database
            assertThat(file.segmentCount()).isLessThan(segments);
            try (JournalFile reopened = JournalFile.open(dir)) {
                List<JournalBatch> left = reopened.recover();
                assertThat(left).isNotEmpty();
                assertThat(left.getFirst().firstId()).as("nothing after id 30 was deleted").isLessThanOrEqualTo(31);
                assertThat(left).isEqualTo(written.subList(written.indexOf(left.getFirst()), written.size()));
            }
        }
    }

    @Test
    void discardingAfterRecoveryLeavesAnEmptyJournalThatTakesNewBatches() throws IOException {
        try (JournalFile file = JournalFile.open(dir)) {
            file.append(batch(1, 2));
        }
        try (JournalFile file = JournalFile.open(dir)) {
            assertThat(file.recover()).hasSize(1);
            file.discardRecovered();
            assertThat(file.segmentCount()).isZero();
            file.append(batch(3, 3));
        }
        try (JournalFile file = JournalFile.open(dir)) {
            assertThat(file.recover()).containsExactly(batch(3, 3));
        }
    }

    private static int recordBytes(JournalBatch... batches) {
        return java.util.Arrays.stream(batches).mapToInt(b -> 8 + b.encode().length).sum();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.getFirst();
        }
    }

    /** Messages {@code first..last}, of every shape a message can have; the odd ones owed to an offline recipient. */
    static JournalBatch batch(long first, long last) {
        List<StoredMessage> messages = new ArrayList<>();
        Map<Long, Long> pending = new java.util.HashMap<>();
        for (long id = first; id <= last; id++) {
            StoredMessage m = switch ((int) (id % 4)) {
                case 0 -> new StoredMessage(id, ConversationKey.GROUP, id, 1, null, "c" + id, "hello 你好 " + id, null, 1000 + id);
                case 1 -> new StoredMessage(id, ConversationKey.direct(1, 2), id, 1, 2L, "c" + id, null, "cat", 1000 + id,
                        new Relation(Relation.Kind.REPLY, id - 1));
                case 2 -> new StoredMessage(id, ConversationKey.room(7), id, 2, null, "c" + id, "report.pdf", null, 1000 + id,
                        null, new AttachedFile("ab".repeat(32), 12_345, "image/png", 640, 480));
                default -> new StoredMessage(id, ConversationKey.direct(2, 3), id, 3, 2L, "c" + id, null, null, 1000 + id,
                        new Relation(Relation.Kind.DELETE, id - 2));
            };
            messages.add(m);
            if (id % 2 == 1 && m.recipientId() != null) {
                pending.put(id, m.recipientId());
            }
        }
        return new JournalBatch(messages, pending);
    }
}
