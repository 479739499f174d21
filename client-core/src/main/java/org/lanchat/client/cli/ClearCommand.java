package org.lanchat.client.cli;

import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanchat clear}: hides a conversation's messages sent so far, for this user only and on every computer
 * (PROTOCOL.md §5.10, §7.7), as the original chat room's history window could be cleared. Nothing is erased for anyone
 * else; new messages show as before.
 */
@Command(name = "clear")
final class ClearCommand extends ChatCommand {
    @Option(names = "--with", paramLabel = "USER", descriptionKey = "lanchat.clear.with")
    String with;

    @Option(names = "--room", paramLabel = "NAME", descriptionKey = "lanchat.clear.room")
    String room;

    ClearCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        conversation(with); // a malformed user name is a usage error before anything connects
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            Conversation conversation = conversation(signedIn, with, room);
            signedIn.client().clearHistory(conversation).join();
            out().println(Texts.text("clear.done", conversation.isGroup() ? Texts.text("clear.group")
                    : conversation.value()));
        }
        return Exit.OK;
    }
}
