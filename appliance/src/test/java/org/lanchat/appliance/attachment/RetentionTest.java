package org.lanchat.appliance.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.AttachmentSettings;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.AttachmentStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.FileIds;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.FileRequest.UploadChunk;

/**
 * Retention (PROTOCOL.md §7.24) on the embedded database with a clock the test moves: a file not sent again for the
 * retention period is deleted, bytes and record, and its messages' downloads then fail; sending it again restarts the
 * count. The message lookup is a stand-in (one message, seq 1 of the group, carrying the file).
 */
class RetentionTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long ALICE = 1;

    @TempDir
    Path dir;
    private Database database;
    private final AtomicLong clock = new AtomicLong(1_000 * DAY);
    private AttachmentService files;
    private AttachedFile stored;

    @BeforeEach
    void start() throws Exception {
        TestDatabase h2 = TestDatabase.h2(dir);
        database = Database.open(h2.jdbcUrl(), h2.user(), h2.password());
        files = new AttachmentService(new AttachmentSettings(dir.resolve("attachments"), 5000, 10_000, Duration.ofDays(1)),
                new AttachmentStore(database),
                (conversation, seq, user) -> Optional.of(new StoredMessage(1, ConversationKey.GROUP, 1, ALICE, null, "c",
                        "notes.txt", null, 0, null, stored)),
                clock::get, 4096);
        byte[] bytes = "minutes of the meeting".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = java.nio.file.Files.write(dir.resolve("notes.txt"), bytes);
        String fileId = FileIds.of(file);
        files.begin(new UploadBegin("b", fileId, (long) bytes.length, "text/plain"), ALICE, "10.0.0.1");
        files.chunk(new UploadChunk("c", fileId, 0L, bytes), ALICE);
        stored = files.attachable(fileId, ALICE); // sent at day 1000
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aFileNotSentForTheRetentionPeriodIsDeletedAndSendingAgainRestartsTheCount() {
        clock.addAndGet(DAY * 9 / 10);
        assertThat(files.sweep()).as("0.9 days after sending").isZero();
        files.attachable(stored.fileId(), ALICE); // sent again at day 1000.9
        clock.addAndGet(DAY / 2);
        assertThat(files.sweep()).as("1.4 days after the first send, 0.5 after the second").isZero();
        assertThat(files.download(new Download("d", Conversation.GROUP, 1L, 0L, null), ALICE).data()).hasSize(22);

        clock.addAndGet(DAY);
        assertThat(files.sweep()).as("1.5 days after the second send").isEqualTo(1);

        assertThatThrownBy(() -> files.download(new Download("d", Conversation.GROUP, 1L, 0L, null), ALICE))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
        assertThatThrownBy(() -> files.attachable(stored.fileId(), ALICE))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
        assertThat(files.begin(new UploadBegin("b2", stored.fileId(), 22L, null), ALICE, "10.0.0.1").complete())
                .as("gone: it must be uploaded again").isFalse();
    }

    @Test
    void anUploadAbandonedForAWeekIsDeletedAndStartsAgainAtZero() throws Exception {
        byte[] bytes = new byte[3000];
        String fileId = FileIds.of(java.nio.file.Files.write(dir.resolve("half.bin"), bytes));
        files.begin(new UploadBegin("b", fileId, 3000L, null), ALICE, "10.0.0.1");
        files.chunk(new UploadChunk("c", fileId, 0L, java.util.Arrays.copyOf(bytes, 1000)), ALICE);
        Path partial = dir.resolve("attachments").resolve("partial").resolve(fileId + "-" + ALICE);
        java.nio.file.Files.setLastModifiedTime(partial, java.nio.file.attribute.FileTime.fromMillis(clock.get() - 6 * DAY));

        files.sweep();
        assertThat(files.begin(new UploadBegin("b", fileId, 3000L, null), ALICE, "10.0.0.1").offset()).as("6 days: kept").isEqualTo(1000);

        java.nio.file.Files.setLastModifiedTime(partial, java.nio.file.attribute.FileTime.fromMillis(clock.get() - 8 * DAY));
        files.sweep();
        assertThat(partial).doesNotExist();
        assertThat(files.begin(new UploadBegin("b", fileId, 3000L, null), ALICE, "10.0.0.1").offset()).as("8 days: given up").isZero();
    }
}
