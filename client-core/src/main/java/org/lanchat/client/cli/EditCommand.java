package org.lanchat.client.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "edit",
        description = {"Replaces the text of one of your messages, for everyone; they see it marked edited. Only "
                + "within the appliance's edit window (24 hours unless its administrator changed it).",
                "Example: lanchat edit 41 'Meeting at 11, not 10'"})
final class EditCommand extends ChangeCommand {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The new text, its words joined by spaces.")
    List<String> words;

    EditCommand(Context context) {
        super(context);
    }

    @Override
    CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation) {
        return client.edit(conversation, seq, String.join(" ", words));
    }
}
