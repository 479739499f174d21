package org.lanchat.appliance.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.AttachmentSettings;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.AttachmentStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.testing.SmallFileSystem;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.FileRequest.UploadBegin;

/**
 * Uploads against the disk the files are on (PROTOCOL.md §7.24), a real tmpfs of 300 MiB: the quota (10 GiB here, 20
 * by default) is a number, not the disk, and an attacker with one account once filled a small disk with one
 * unfinished upload, so that the database, on the same disk, stored no message for anyone. An upload is now refused
 * when it, and what the uploads in progress may still write, would eat into the space kept free (256 MiB here).
 */
class DiskSpaceForUploadsTest {
    private static final long MIB = 1L << 20;
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @TempDir
    Path dir;
    private SmallFileSystem disk;
    private Database database;
    private AttachmentService files;

    @BeforeEach
    void start() throws Exception {
        disk = SmallFileSystem.mount(dir.resolve("disk"), 300);
        TestDatabase h2 = TestDatabase.h2(dir);
        database = Database.open(h2.jdbcUrl(), h2.user(), h2.password());
        files = new AttachmentService(new AttachmentSettings(disk.root().resolve("attachments"), 100 * MIB,
                10_240 * MIB, Duration.ZERO), new AttachmentStore(database),
                (conversation, seq, user) -> Optional.empty(), System::currentTimeMillis, 4096);
    }

    @AfterEach
    void stop() throws Exception {
        database.close();
        disk.close();
    }

    @Test
    void anUploadThatWouldEatIntoTheSpaceKeptFreeIsRefusedBeforeAnyByteIsSent() {
        assertThat(files.begin(new UploadBegin("1", A, 30 * MIB, null), 1, "10.0.0.1").offset())
                .as("30 MiB of the 44 left").isZero();

        assertThatThrownBy(() -> files.begin(new UploadBegin("2", B, 20 * MIB, null), 2, "10.0.0.2"))
                .as("another 20 MiB, while the first may still write its 30")
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    assertThat(e.getMessage()).startsWith("the appliance's disk is nearly full: ")
                            .contains("uploads in progress may still write " + 30 * MIB, "this file needs " + 20 * MIB);
                });
        assertThat(files.begin(new UploadBegin("3", C, 5 * MIB, null), 2, "10.0.0.2").offset()).isZero();
    }
}
