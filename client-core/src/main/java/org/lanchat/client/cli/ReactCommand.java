package org.lanchat.client.cli;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "react",
        description = {"Reacts to a message with one emoji, or with --remove takes your reaction back. Anyone in the "
                + "conversation may react, to a message of any age.",
                "Example: lanchat react 41 \uD83D\uDC4D"})
final class ReactCommand extends ChangeCommand {
    @Parameters(index = "1", paramLabel = "EMOJI", description = "One emoji.")
    String emoji;

    @Option(names = "--remove", description = "Take back your reaction EMOJI instead of adding it.")
    boolean remove;

    ReactCommand(Context context) {
        super(context);
    }

    @Override
    CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation) {
        return client.react(conversation, seq, emoji, remove);
    }
}
