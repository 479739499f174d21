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
    private static final String VARIATION_SELECTOR_EMOJI = "\uFE0F";

    @Parameters(index = "1", paramLabel = "EMOJI", descriptionKey = "lanchat.react.emoji")
    String emoji;

    @Option(names = "--remove", descriptionKey = "lanchat.react.remove")
    boolean remove;

    ReactCommand(Context context) {
        super(context);
    }

    @Override
    CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation) {
        String reaction = withEmojiPresentation(emoji);
        if (!Reactions.isReaction(reaction)) {
            throw CommandFailure.usage(Texts.text("react.notEmoji", emoji));
        }
        return client.react(conversation, seq, reaction, remove);
    }

    /**
     * A single emoji character shown as text by default (❤ U+2764, ☺, ✔, ©) with the variation selector U+FE0F that
     * asks for its emoji presentation, which the protocol requires of a reaction (PROTOCOL.md §5.24): a keyboard or a
     * shell often gives the bare character. ASCII digits, # and * are emoji characters only as the bases of keycaps,
     * and stay as they are (and are refused).
     */
    static String withEmojiPresentation(String typed) {
        if (typed.codePointCount(0, typed.length()) != 1) {
            return typed;
        }
        int c = typed.codePointAt(0);
        return c > 0x7F && Character.isEmoji(c) && !Character.isEmojiPresentation(c)
                ? typed + VARIATION_SELECTOR_EMOJI : typed;
    }
}
