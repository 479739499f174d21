package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Optional;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.client.core.TransferProgress;
import org.lanchat.protocol.message.Conversation;

/**
 * Sending files from the chat window, against a client core that only records what it was asked: what is refused
 * before any byte is read, the progress a transfer reports, and stopping one.
 */
class FilesViewModelTest {
    @TempDir
    Path dir;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final StringProperty error = new SimpleStringProperty("");
    private final FakeCalls calls = new FakeCalls();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private FilesViewModel files() {
        // The UI executor runs at once: the properties are read from the test thread only after awaiting.
        return new FilesViewModel(calls, Runnable::run, background, () -> Conversation.GROUP, error, dir.resolve("cache"));
    }

    @Test
    void aFileLargerThanTheApplianceTakesIsRefusedBeforeItIsRead() throws IOException {
        calls.max = OptionalLong.of(1000);
        Path big = Files.write(dir.resolve("big.bin"), new byte[1001]);

        int started = files().send(List.of(big));

        assertThat(started).isZero();
        assertThat(calls.sent).as("nothing handed to the core").isEmpty();
        assertThat(error.get()).isEqualTo("big.bin is not sent: it is 1,001 bytes, and this appliance takes files up to 1,000 bytes.");
    }

    @Test
    void aFolderAnEmptyFileAndAMissingOneAreRefusedAndTheRestSent() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("photos"));
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Path fine = Files.writeString(dir.resolve("fine.txt"), "hello");
        FilesViewModel files = files();

        assertThat(files.send(List.of(folder))).isZero();
        assertThat(error.get()).contains("photos", "folder");
        assertThat(files.send(List.of(empty))).isZero();
        assertThat(error.get()).isEqualTo("empty.txt is not sent: it is empty.");
        assertThat(files.send(List.of(dir.resolve("gone.txt")))).isZero();
        assertThat(error.get()).isEqualTo("gone.txt cannot be sent: it does not exist.");
        assertThat(files.send(List.of(fine))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.sent.contains(fine) && files.transfers().isEmpty());
        assertThat(error.get()).isEmpty();
    }

    @Test
    void anUploadShowsItsProgressUntilStoppedAndThenItsRowGoesWithoutAnError() throws Exception {
        calls.block = true;
        Path file = Files.write(dir.resolve("slow.bin"), new byte[5000]);
        FilesViewModel files = files();

        files.send(List.of(file));
        assertThat(calls.started.await(10, TimeUnit.SECONDS)).isTrue();
        Transfer upload = files.transfers().getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> upload.doneProperty().get() == 2000);
        assertThat(upload.name()).isEqualTo("slow.bin");
        assertThat(upload.totalProperty().get()).isEqualTo(5000);
        upload.cancel();

        await().atMost(Duration.ofSeconds(10)).until(() -> files.transfers().isEmpty());
        assertThat(calls.interrupted).as("the worker thread was interrupted").isTrue();
        assertThat(error.get()).isEmpty();
    }

    @Test
    void aRefusalByTheApplianceIsShownInTheChatsWordsAndTheRowGoes() throws IOException {
        calls.refusal = new ChatException(ErrorCode.QUOTA_EXCEEDED, "quota of 20 GiB reached: 20 GiB used", Optional.empty());
        Path file = Files.writeString(dir.resolve("film.mkv"), "frames");
        FilesViewModel files = files();

        files.send(List.of(file));

        await().atMost(Duration.ofSeconds(10)).until(() -> files.transfers().isEmpty() && !error.get().isEmpty());
        assertThat(error.get()).as("the sentence for the code, not the appliance's English")
                .isEqualTo("The appliance has no room left for files; ask its administrator.");
    }

    @Test
    void aFileThatCannotBeReadWhileSendingIsNamedWithTheReason() throws IOException {
        calls.refusal = new java.nio.file.AccessDeniedException("/home/ann/film.mkv");
        Path file = Files.writeString(dir.resolve("film.mkv"), "frames");
        FilesViewModel files = files();

        files.send(List.of(file));

        await().atMost(Duration.ofSeconds(10)).until(() -> !error.get().isEmpty());
        assertThat(error.get()).isEqualTo("film.mkv: the transfer failed: permission denied");
    }

    /** The client core's file calls, recorded; an upload reports 2000 bytes and, when told to, waits to be stopped. */
    private static final class FakeCalls implements FileCalls {
        final List<Path> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile OptionalLong max = OptionalLong.of(100_000);
        volatile boolean block;
        volatile boolean interrupted;
        /** Thrown by the next upload, when set. */
        volatile Exception refusal;

        @Override
        public ChatEntry send(Conversation conversation, Path file, TransferProgress progress)
                throws ChatException, IOException, InterruptedException {
            if (refusal instanceof ChatException chat) {
                throw chat;
            }
            if (refusal instanceof IOException io) {
                throw io;
            }
            progress.progress(2000, Files.exists(file) ? 5000 : 0);
            started.countDown();
            if (block) {
                try {
                    new CountDownLatch(1).await(); // an upload that goes on until it is interrupted
                } catch (InterruptedException e) {
                    interrupted = true;
                    throw e;
                }
            }
            sent.add(file);
            return null;
        }

        @Override
        public CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
            return CompletableFuture.completedFuture(sent);
        }

        @Override
        public void download(Conversation conversation, long seq, Path target, TransferProgress progress) {
            throw new UnsupportedOperationException("not in these tests");
        }

        @Override
        public CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("not in these tests"));
        }

        @Override
        public OptionalLong maxFileBytes() {
            return max;
        }
    }
}
