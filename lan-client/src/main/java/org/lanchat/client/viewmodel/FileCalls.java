package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.TransferProgress;
import org.lanchat.protocol.message.Conversation;

/**
 * What the desktop asks of the client core about files (PROTOCOL.md §7.24): the {@link ChatClient} calls of the same
 * names, as one seam. Sending and downloading block: call them off the UI thread.
 */
public interface FileCalls {
    ChatEntry send(Conversation conversation, Path file, TransferProgress progress)
            throws ChatException, IOException, InterruptedException;

    /** Completes when the appliance has committed the message {@link #send} returned. */
    CompletableFuture<ChatEntry> delivered(ChatEntry sent);

    void download(Conversation conversation, long seq, Path target, TransferProgress progress)
            throws ChatException, IOException, InterruptedException;

    /** The thumbnail's PNG bytes (§5.39). */
    CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq);

    /** {@code welcome.limits.maxFileBytes} of the session; empty before login or from an appliance without files. */
    OptionalLong maxFileBytes();

    static FileCalls of(ChatClient client) {
        return new FileCalls() {
            @Override
            public ChatEntry send(Conversation conversation, Path file, TransferProgress progress)
                    throws ChatException, IOException, InterruptedException {
                return client.sendFile(conversation, file, progress);
            }

            @Override
            public CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
                return client.delivered(sent);
            }

            @Override
            public void download(Conversation conversation, long seq, Path target, TransferProgress progress)
                    throws ChatException, IOException, InterruptedException {
                client.downloadFile(conversation, seq, target, progress);
            }

            @Override
            public CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
                return client.thumbnail(conversation, seq);
            }

            @Override
            public OptionalLong maxFileBytes() {
                Long max = client.session().map(session -> session.limits().maxFileBytes()).orElse(null);
                return max == null ? OptionalLong.empty() : OptionalLong.of(max);
            }
        };
    }
}
