package org.lanchat.client.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.TransferProgress;
import org.lanchat.client.viewmodel.FileCalls;
import org.lanchat.protocol.message.Conversation;

/** The client core's file calls passed straight through: the test seams override only the call they change. */
abstract class ForwardingFileCalls implements FileCalls {
    private final FileCalls real;

    ForwardingFileCalls(FileCalls real) {
        this.real = real;
    }

    @Override
    public ChatEntry send(Conversation conversation, Path file, TransferProgress progress)
            throws ChatException, IOException, InterruptedException {
        return real.send(conversation, file, progress);
    }

    @Override
    public CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
        return real.delivered(sent);
    }

    @Override
    public void download(Conversation conversation, long seq, Path target, TransferProgress progress)
            throws ChatException, IOException, InterruptedException {
        real.download(conversation, seq, target, progress);
    }

    @Override
    public CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
        return real.thumbnail(conversation, seq);
    }

    @Override
    public OptionalLong maxFileBytes() {
        return real.maxFileBytes();
    }
}
