package org.lanchat.client.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code edit}, {@code delete} and {@code react} share: the message they change, named by its sequence number in
 * the group or, with {@code --with}, in a private conversation, or with {@code --room} in a room, and a wait for the appliance to store the change
 * (PROTOCOL.md §7.19). A change is never kept for later: when the appliance is unreachable the command fails. An edit or
 * delete refused as too late says how long the appliance's edit window is, or that editing is switched off.
 */
abstract class ChangeCommand extends ChatCommand {
    @Option(names = "--with", paramLabel = "USER", descriptionKey = "lanchat.change.with")
    String with;

    @Option(names = "--room", paramLabel = "NAME", descriptionKey = "lanchat.change.room")
    String room;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", descriptionKey = "lanchat.change.timeout")
    int timeoutSeconds;

    @Parameters(index = "0", paramLabel = "SEQ", descriptionKey = "lanchat.change.seq")
    long seq;

    ChangeCommand(Context context) {
        super(context);
    }

    /** Asks the client for the change; throws {@link IllegalArgumentException} for input it refuses before sending. */
    abstract CompletableFuture<Optional<ChatEntry>> change(ChatClient client, Conversation conversation);

    @Override
    public Integer call() throws InterruptedException {
        if (seq < 1) {
            throw CommandFailure.usage(Texts.text("change.seqTooSmall"));
        }
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage(Texts.text("common.timeoutTooSmall"));
        }
        conversation(with); // a malformed user name is a usage error before anything connects
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            Conversation conversation = conversation(signedIn, with, room);
            CompletableFuture<Optional<ChatEntry>> changed;
            try {
                changed = change(signedIn.client(), conversation);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(Texts.text("change.refused", Failure.afterColon(Failure.sentence(ClientProblem.of(e)))));
            }
            try {
                changed.orTimeout(timeoutSeconds, TimeUnit.SECONDS).join();
            } catch (CompletionException e) {
                if (ClientProblem.of(e.getCause()).code().orElse(null) == ErrorCode.EDIT_WINDOW_CLOSED) {
                    signedIn.session().limits().editWindow().ifPresent(window -> {
                        throw CommandFailure.refused(tooLate(window));
                    });
                }
                throw e;
            }
        }
        return Exit.OK;
    }

    /**
     * Why an edit or delete came too late, when the appliance announced its edit window: switched off, or how long it
     * lasts (without the announcement the generic sentence covers both).
     */
    static String tooLate(Duration window) {
        long seconds = window.toSeconds();
        if (seconds == 0) {
            return Texts.text("change.editingOff");
        }
        String length;
        if (seconds % 86_400 == 0) {
            length = Texts.text("change.window.days", seconds / 86_400);
        } else if (seconds % 3_600 == 0) {
            length = Texts.text("change.window.hours", seconds / 3_600);
        } else if (seconds % 60 == 0) {
            length = Texts.text("change.window.minutes", seconds / 60);
        } else {
            length = Texts.text("change.window.seconds", seconds);
        }
        return Texts.text("change.tooLate", length);
    }
}
