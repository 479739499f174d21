package org.lanchat.appliance.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.AttachmentSettings;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.AttachmentStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.FileIds;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.FileRequest.UploadChunk;

/**
 * The hourly sweep (PROTOCOL.md §7.24) running while a user sends a file, or uploads bytes already stored. Each of
 * those finds the file stored and then records something about it; the test stops it between the two (at its read of
 * the clock, which comes between them) and runs the sweep meanwhile. The sweep must not delete a file it was just
 * told is there: it waits, and then finds the file sent, or uploaded again.
 */
class SweepRacesTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long ALICE = 1;
    private static final long BOB = 2;

    @TempDir
    Path dir;
    private Database database;
    private final PausingClock clock = new PausingClock(1_000 * DAY);
    private final AtomicReference<AttachedFile> lastSent = new AtomicReference<>();
    private AttachmentService files;

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aSendThatFoundItsUploadStoredKeepsTheFileThoughTheSevenDaysEndMeanwhile() throws Exception {
        start(Duration.ZERO);
        String fileId = upload(3000, ALICE);
        clock.advance(8 * DAY);

        CompletableFuture<AttachedFile> send = clock.pausedOnce(() -> files.attachable(fileId, ALICE));
        Sweep sweep = Sweep.whilePaused(files, clock);

        assertThat(send.get(10, TimeUnit.SECONDS).fileId()).isEqualTo(fileId);
        assertThat(sweep.deleted()).as("alice sent it just before the sweep could take it").isZero();
        assertThat(stored(fileId)).exists();
    }

    @Test
    void anUploadOfStoredBytesKeepsTheFileThoughTheSweepGivesUpTheOtherUpload() throws Exception {
        start(Duration.ZERO);
        String fileId = upload(3000, ALICE); // never sent: given up after 7 days
        clock.advance(8 * DAY);
        byte[] data = bytes(3000);
        files.begin(new UploadBegin("b", fileId, 3000L, null), BOB, "10.0.0.2");

        CompletableFuture<UploadStatus> bobsLastChunk =
                clock.pausedOnce(() -> files.chunk(new UploadChunk("c", fileId, 0L, data), BOB));
        Sweep sweep = Sweep.whilePaused(files, clock);

        assertThat(bobsLastChunk.get(10, TimeUnit.SECONDS).complete()).isTrue();
        assertThat(sweep.deleted()).as("alice's upload goes, bob's keeps the file").isZero();
        assertThat(stored(fileId)).exists();
        assertThat(files.attachable(fileId, BOB).fileId()).as("bob was told it is complete: he may send it")
                .isEqualTo(fileId);
    }

    @Test
    void aSendAgainOfAFileAtTheEndOfItsRetentionKeepsIt() throws Exception {
        start(Duration.ofDays(30));
        String fileId = upload(3000, ALICE);
        lastSent.set(files.attachable(fileId, ALICE));
        clock.advance(31 * DAY);

        CompletableFuture<AttachedFile> sendAgain = clock.pausedOnce(() -> files.attachable(fileId, ALICE));
        Sweep sweep = Sweep.whilePaused(files, clock);

        assertThat(sendAgain.get(10, TimeUnit.SECONDS).fileId()).isEqualTo(fileId);
        assertThat(sweep.deleted()).as("sent again before the sweep could take it").isZero();
        assertThat(files.download(new Download("d", Conversation.GROUP, 1L, 0L, null), BOB).data()).hasSize(3000);
    }

    private void start(Duration retention) {
        TestDatabase h2 = TestDatabase.h2(dir);
        database = Database.open(h2.jdbcUrl(), h2.user(), h2.password());
        files = new AttachmentService(new AttachmentSettings(dir.resolve("attachments"), 5000, 10_000, retention),
                new AttachmentStore(database),
                (conversation, seq, user) -> Optional.ofNullable(lastSent.get()).map(file -> new StoredMessage(1,
                        ConversationKey.GROUP, 1, ALICE, null, "c", "plan.bin", null, 0, null, file)),
                clock, 4096);
    }

    /**
     * The sweep, started while another request is paused, and let go once it has either finished or stopped to wait
     * for that request (without the lock it would finish, deleting the file).
     */
    private record Sweep(CompletableFuture<Integer> result) {
        static Sweep whilePaused(AttachmentService files, PausingClock clock) {
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().name("sweep").start(() -> {
                try {
                    result.complete(files.sweep());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> result.isDone()
                    || LockSupport.getBlocker(thread) instanceof AbstractQueuedSynchronizer);
            clock.release();
            return new Sweep(result);
        }

        int deleted() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    /** A clock the test moves, which can stop the one thread that reads it next until the test lets it go. */
    private static final class PausingClock implements LongSupplier {
        private final AtomicLong now;
        private volatile Thread pauseOn;
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        PausingClock(long start) {
            now = new AtomicLong(start);
        }

        void advance(long millis) {
            now.addAndGet(millis);
        }

        /** Runs {@code request} on a thread of its own and returns once it has stopped at its read of the clock. */
        <T> CompletableFuture<T> pausedOnce(Supplier<T> request) throws InterruptedException {
            CompletableFuture<T> result = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().unstarted(() -> {
                try {
                    result.complete(request.get());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            pauseOn = thread;
            thread.start();
            assertThat(paused.await(10, TimeUnit.SECONDS)).as("the request read the clock").isTrue();
            return result;
        }

        void release() {
            released.countDown();
        }

        @Override
        public long getAsLong() {
            if (Thread.currentThread() == pauseOn) {
                pauseOn = null;
                paused.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return now.get();
        }
    }

    private Path stored(String fileId) {
        return dir.resolve("attachments").resolve(fileId.substring(0, 2)).resolve(fileId);
    }

    /** Uploads {@code size} bytes (the same bytes for the same size) as {@code userId}; returns the file id. */
    private String upload(int size, long userId) {
        byte[] data = bytes(size);
        String fileId = idOf(data);
        files.begin(new UploadBegin("b", fileId, (long) size, null), userId, "10.0.0." + userId);
        files.chunk(new UploadChunk("c", fileId, 0L, data), userId);
        return fileId;
    }

    private String idOf(byte[] data) {
        try {
            return FileIds.of(Files.write(Files.createTempFile(dir, "file", ".bin"), data));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 1);
        return data;
    }
}
