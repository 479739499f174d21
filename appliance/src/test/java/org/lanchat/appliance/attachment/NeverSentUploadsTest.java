package org.lanchat.appliance.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * Uploads no message carries (PROTOCOL.md §7.24), with files kept for ever, on the embedded database with a clock the
 * test moves: a user's completed upload that none of their messages carried within 7 days of it is given up, as an
 * unfinished one is, and the file with the last such upload; it then no longer counts against the quota or the
 * user's share. A file sent within the 7 days stays. The message lookup is a stand-in (seq 1 of the group carries
 * the file last sent).
 */
class NeverSentUploadsTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long ALICE = 1;
    private static final long BOB = 2;

    @TempDir
    Path dir;
    private Database database;
    private final AtomicLong clock = new AtomicLong(1_000 * DAY);
    private final AtomicReference<AttachedFile> lastSent = new AtomicReference<>();
    private AttachmentService files;

    @BeforeEach
    void start() {
        TestDatabase h2 = TestDatabase.h2(dir);
        database = Database.open(h2.jdbcUrl(), h2.user(), h2.password());
        // One account's share: 5000 bytes, half the quota (a tenth of it is less than the largest file).
        files = new AttachmentService(new AttachmentSettings(dir.resolve("attachments"), 5000, 10_000, Duration.ZERO),
                new AttachmentStore(database),
                (conversation, seq, user) -> Optional.ofNullable(lastSent.get()).map(file -> new StoredMessage(1,
                        ConversationKey.GROUP, 1, ALICE, null, "c", "plan.bin", null, 0, null, file)),
                clock::get, 4096);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aCompletedUploadNoMessageCarriedForSevenDaysIsDeletedAndFreesItsSpaceThoughFilesAreKeptForEver() {
        String fileId = upload(5000, ALICE);
        assertThatThrownBy(() -> files.begin(new UploadBegin("b", idOf(bytes(5000, 9)), 5000L, null), ALICE, "10.0.0.1"))
                .as("alice's share is full").isInstanceOfSatisfying(Refused.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));

        clock.addAndGet(7 * DAY);
        assertThat(files.sweep()).as("exactly 7 days after the upload").isZero();
        assertThat(files.begin(new UploadBegin("b", fileId, 5000L, null), ALICE, "10.0.0.1").complete()).isTrue();

        clock.addAndGet(1);
        assertThat(files.sweep()).as("past 7 days").isEqualTo(1);

        assertThat(dir.resolve("attachments").resolve(fileId.substring(0, 2)).resolve(fileId)).doesNotExist();
        assertThatThrownBy(() -> files.attachable(fileId, ALICE))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
        assertThat(files.begin(new UploadBegin("b", idOf(bytes(5000, 9)), 5000L, null), ALICE, "10.0.0.1").offset())
                .as("her share is free again").isZero();
    }

    @Test
    void aFileSentWithinTheSevenDaysIsKeptForEver() {
        String fileId = upload(3000, ALICE);
        String neverSent = upload(1000, ALICE);
        clock.addAndGet(6 * DAY);
        lastSent.set(files.attachable(fileId, ALICE)); // sent on the sixth day

        clock.addAndGet(365 * DAY);
        assertThat(files.sweep()).as("only the file never sent").isEqualTo(1);
        assertThat(dir.resolve("attachments").resolve(neverSent.substring(0, 2)).resolve(neverSent)).doesNotExist();

        assertThat(files.download(new Download("d", Conversation.GROUP, 1L, 0L, null), BOB).data()).hasSize(3000);
        assertThat(files.attachable(fileId, ALICE).fileId()).as("she may send it again").isEqualTo(fileId);
    }

    /** Each user's upload is their own: it counts from when they uploaded, and only their own messages keep it. */
    @Test
    void aFileUploadedBySeveralUsersGoesWithTheLastUploadNoMessageCarried() {
        String fileId = upload(3000, ALICE);
        clock.addAndGet(5 * DAY);
        upload(3000, BOB); // bob proves he has the same file

        clock.addAndGet(2 * DAY + 1);
        assertThat(files.sweep()).as("alice's upload is given up, bob's is 2 days old: the file stays").isZero();
        assertThat(files.begin(new UploadBegin("b", fileId, 3000L, null), ALICE, "10.0.0.1").complete())
                .as("alice must upload it again to send it").isFalse();
        assertThat(files.begin(new UploadBegin("b", fileId, 3000L, null), BOB, "10.0.0.2").complete()).isTrue();

        clock.addAndGet(5 * DAY);
        assertThat(files.sweep()).as("bob's upload is given up too: the file goes").isEqualTo(1);
        assertThat(dir.resolve("attachments").resolve(fileId.substring(0, 2)).resolve(fileId)).doesNotExist();
    }

    @Test
    void anotherUsersUploadNeverSentIsGivenUpWithoutTakingTheSentFile() {
        String fileId = upload(3000, ALICE);
        lastSent.set(files.attachable(fileId, ALICE));
        upload(3000, BOB);

        clock.addAndGet(8 * DAY);
        assertThat(files.sweep()).isZero();

        assertThatThrownBy(() -> files.attachable(fileId, BOB)).as("bob's upload was given up")
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
        assertThat(files.download(new Download("d", Conversation.GROUP, 1L, 0L, null), BOB).data()).hasSize(3000);
        assertThat(files.attachable(fileId, ALICE).fileId()).isEqualTo(fileId);
    }

    /** Uploads {@code size} bytes (the same bytes for the same size) as {@code userId}; returns the file id. */
    private String upload(int size, long userId) {
        byte[] data = bytes(size, 1);
        String fileId = idOf(data);
        files.begin(new UploadBegin("b", fileId, (long) size, null), userId, "10.0.0." + userId);
        for (int offset = 0; offset < size; offset += 4096) {
            files.chunk(new UploadChunk("c", fileId, (long) offset,
                    java.util.Arrays.copyOfRange(data, offset, Math.min(size, offset + 4096))), userId);
        }
        return fileId;
    }

    private String idOf(byte[] data) {
        try {
            return FileIds.of(Files.write(Files.createTempFile(dir, "file", ".bin"), data));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(int size, int fill) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) fill);
        return data;
    }
}
