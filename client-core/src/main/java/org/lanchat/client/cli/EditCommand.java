package org.lanchat.client.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "edit")
final class EditCommand extends ChangeCommand {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", descriptionKey = "lanchat.edit.text")
    List<String> words;

    EditCommand(Context context) {
        super(context);
    }

    @Override
    CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation) {
        return client.edit(conversation, seq, String.join(" ", words));
    }
}
