package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.FileMessage.Attachment;
import org.lanchat.protocol.message.FileMessage.FileChunk;
import org.lanchat.protocol.message.FileRequest;
import org.lanchat.protocol.message.ServerMessage;

/**
 * Transfers without a socket: when one cut by a lost connection stops waiting for the session to come back (the
 * appliance stays away, and the transfer ends as a lost connection, which running it again resumes, never as something
 * unexpected), and what a download takes from an appliance that sends more than the file its message names.
 */
class FileTransfersTest {
    /** Every request fails as it does while the client is reconnecting. */
    private static final Requests AWAY = new Requests() {
        @Override
        public <T extends ServerMessage> CompletableFuture<T> request(Function<String, ClientMessage> build,
                Class<T> expected) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("not connected to the appliance"));
        }
    };

    @TempDir
    Path dir;

    @Test
    void anUploadWhoseSessionIsNotBackInTimeEndsAsALostConnection() throws Exception {
        FileTransfers files = new FileTransfers(AWAY, () -> false, null, CompletableFuture::new, Duration.ofMillis(50));
        Path file = Files.write(dir.resolve("a.bin"), new byte[1000]);

        assertThatThrownBy(() -> files.upload(file, TransferProgress.NONE))
                .isInstanceOf(ConnectionClosedException.class).hasMessageContaining("not back within")
                .satisfies(e -> assertThat(ClientProblem.of(e).kind()).isEqualTo(ClientProblem.Kind.CONNECTION_LOST));
    }

    @Test
    void aTransferStopsWaitingOnceTheSessionIsOverForGood() throws Exception {
        ConnectionClosedException over = new ConnectionClosedException("the session ended: Logged out.");
        FileTransfers files = new FileTransfers(AWAY, () -> false, null, () -> CompletableFuture.failedFuture(over),
                Duration.ofDays(1));
        Path file = Files.write(dir.resolve("b.bin"), new byte[1000]);

        assertThatThrownBy(() -> files.upload(file, TransferProgress.NONE))
                .isInstanceOf(ConnectionClosedException.class).hasMessage("the session ended: Logged out.");
        assertThatThrownBy(() -> files.download(Conversation.GROUP, 3, dir.resolve("c.bin"),
                TransferProgress.NONE)).isInstanceOf(ConnectionClosedException.class)
                .hasMessage("the session ended: Logged out.");
    }

    private static final String FILE_ID = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
    private static final long SEQ = 5;

    /**
     * An appliance whose history says message 5 carries a file of 1,000 bytes, and which answers every download with
     * {@code chunk(offset)}, as an attacker playing the appliance did: its chunks said the file had 10 GB, and
     * {@code lanchat download 5} wrote 210 MB into {@code report.pdf.part} before the attacker stopped.
     */
    private static Requests hostile(AtomicInteger chunksAsked, Function<Long, FileChunk> chunk) {
        Attachment declared = new Attachment(FILE_ID, 1000, "application/pdf", null, null);
        return new Requests() {
            @Override
            public <T extends ServerMessage> CompletableFuture<T> request(Function<String, ClientMessage> build,
                    Class<T> expected) {
                ClientMessage request = build.apply("1");
                ServerMessage answer = switch (request) {
                    case HistoryRequest history -> new HistoryPage(history.id(), Conversation.GROUP, List.of(
                            new ChatMessage(50, Conversation.GROUP, SEQ, "mallory", "c5", "report.pdf", null, 1L, null,
                                    null, null, null, null, null, declared)), true, 0);
                    case FileRequest.Download download -> {
                        chunksAsked.incrementAndGet();
                        yield chunk.apply(download.offset());
                    }
                    default -> throw new AssertionError("not asked for in this test: " + request);
                };
                return CompletableFuture.completedFuture(expected.cast(answer));
            }
        };
    }

    @Test
    void aDownloadWhoseChunksClaimAnotherSizeIsRefusedAtTheFirstAndLeavesNoPart() {
        AtomicInteger asked = new AtomicInteger();
        FileTransfers files = new FileTransfers(hostile(asked,
                offset -> new FileChunk("1", FILE_ID, 10L << 30, offset, new byte[65_536])), () -> false, null,
                () -> CompletableFuture.completedFuture(null));
        Path target = dir.resolve("report.pdf");

        assertThatThrownBy(() -> files.download(Conversation.GROUP, SEQ, target, TransferProgress.NONE))
                .isInstanceOf(FileTransfers.ForeignFile.class).hasMessageContaining("1000 bytes")
                .hasMessageContaining("a chunk of 10737418240 bytes");
        assertThat(asked).hasValue(1);
        assertThat(target.resolveSibling("report.pdf.part")).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void aDownloadIsNeverWrittenPastTheSizeItsMessageNames() {
        AtomicInteger asked = new AtomicInteger();
        FileTransfers files = new FileTransfers(hostile(asked,
                offset -> new FileChunk("1", FILE_ID, 1000, offset, new byte[65_536])), () -> false, null,
                () -> CompletableFuture.completedFuture(null));
        Path target = dir.resolve("report.pdf");

        assertThatThrownBy(() -> files.download(Conversation.GROUP, SEQ, target, TransferProgress.NONE))
                .isInstanceOf(FileTransfers.ForeignFile.class).hasMessageContaining("65536 bytes at 0");
        assertThat(target.resolveSibling("report.pdf.part")).doesNotExist();
    }

    @Test
    void aDownloadOfAnotherFileThanTheMessageNamesIsRefused() {
        AtomicInteger asked = new AtomicInteger();
        String other = "0".repeat(64);
        FileTransfers files = new FileTransfers(hostile(asked,
                offset -> new FileChunk("1", other, 1000, offset, new byte[1000])), () -> false, null,
                () -> CompletableFuture.completedFuture(null));

        assertThatThrownBy(() -> files.download(Conversation.GROUP, SEQ, dir.resolve("r.pdf"), TransferProgress.NONE))
                .isInstanceOf(FileTransfers.ForeignFile.class).hasMessageContaining("SHA-256 " + other);
    }
}
