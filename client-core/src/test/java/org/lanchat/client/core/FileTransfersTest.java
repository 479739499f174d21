package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage;

/**
 * When a transfer cut by a lost connection stops waiting for the session to come back, without a socket: the
 * appliance stays away, and the transfer ends as a lost connection (which running it again resumes), never as
 * something unexpected.
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
}
