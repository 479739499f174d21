package org.lanchat.client.cli;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;

@Command(name = "delete")
final class DeleteCommand extends ChangeCommand {
    DeleteCommand(Context context) {
        super(context);
    }

    @Override
    CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation) {
        return client.delete(conversation, seq);
    }
}
