package org.lanchat.client.cli;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.Reactions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "react")
final class ReactCommand extends ChangeCommand {
    @Parameters(index = "1", paramLabel = "EMOJI", descriptionKey = "lanchat.react.emoji")
    String emoji;

    @Option(names = "--remove", descriptionKey = "lanchat.react.remove")
    boolean remove;

    ReactCommand(Context context) {
        super(context);
    }

    @Override
    CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation) {
        if (!Reactions.isReaction(emoji)) {
            throw CommandFailure.usage(Texts.text("react.notEmoji", emoji));
        }
        return client.react(conversation, seq, emoji, remove);
    }
}
