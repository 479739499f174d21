package org.lanchat.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send",
        description = {"Sends a message to the group, or to one user with --to, waits until the appliance has stored "
                + "it and prints its sequence number.",
                "When no appliance answers, sends it directly to the colleagues this computer can reach: those the "
                        + "appliance last listed and those found on the LAN (to the recipient only, with --to), prints 'sent directly to N colleagues: NAMES', and keeps "
                        + "it in the data directory until a client here or a colleague's hands it to the appliance. "
                        + "Exit code 4 if it reached nobody (it is kept all the same: do not send it again).",
                "Example: make || lanchat send 'The build broke'"})
final class SendCommand extends ChatCommand {
    /** How long a message sent directly waits for colleagues to acknowledge it. */
    static final Duration DIRECT_WAIT = Duration.ofSeconds(5);

    @Option(names = "--to", paramLabel = "USER", description = "Send privately to USER instead of the group.")
    String to;

    @Option(names = "--reply-to", paramLabel = "SEQ", description = "Answer the message SEQ of the same conversation "
            + "(sent directly, while the appliance is away, it goes as a plain message).")
    Long replyTo;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the appliance to acknowledge the message (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The message, its words joined by spaces; - reads it "
            + "from standard input.")
    List<String> words;

    SendCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        String text = words.equals(List.of("-")) ? stdin() : String.join(" ", words);
        if (text.isBlank()) {
            throw CommandFailure.usage("Nothing to send.");
        }
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage("--timeout must be at least 1 second.");
        }
        if (replyTo != null && replyTo < 1) {
            throw CommandFailure.usage("--reply-to must be at least 1.");
        }
        Conversation conversation = conversation(to);
        SignedIn opened;
        try {
            opened = access().open(Access.How.SIGNED_IN, null, null, null);
        } catch (RuntimeException e) {
            CommandFailure failure = Failure.classify(e);
            if (!failure.applianceSilent()) {
                throw failure;
            }
            return sendDirectly(conversation, text, failure);
        }
        try (SignedIn signedIn = opened) {
            ChatEntry sent;
            try {
                sent = replyTo == null ? signedIn.client().sendText(conversation, text)
                        : signedIn.client().reply(conversation, replyTo, text);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            ChatEntry stored = signedIn.client().delivered(sent).orTimeout(timeoutSeconds, TimeUnit.SECONDS).join();
            out().println(stored.seq());
        }
        return Exit.OK;
    }

    private int sendDirectly(Conversation conversation, String text, CommandFailure silent) throws InterruptedException {
        DirectSend direct = new DirectSend(connection.dataDir(), DIRECT_WAIT);
        Optional<ApplianceBrowser> lan = Optional.empty();
        if (!connection.noDiscovery) {
            try {
                lan = Optional.of(ApplianceBrowser.start(InterfaceSelection.automatic()));
            } catch (RuntimeException e) {
                err().println("Discovery could not start (" + e.getMessage() + "); trying the colleagues the appliance listed.");
            }
        }
        DirectSend.Outcome outcome;
        try {
            outcome = direct.send(conversation, text, silent, lan);
        } finally {
            lan.ifPresent(ApplianceBrowser::close);
        }
        if (outcome.reached().isEmpty()) {
            throw CommandFailure.unreachable(silent.getMessage() + "\nNo colleague could be reached directly ("
                    + outcome.tried() + " tried). The message is kept in " + direct.keptIn() + " and handed to the "
                    + "appliance when a client on this computer reaches it: do not send it again.");
        }
        err().println(silent.getMessage() + ": the appliance is unreachable. The message is kept in " + direct.keptIn()
                + " until it is back.");
        out().println("sent directly to " + outcome.reached().size() + (outcome.reached().size() == 1 ? " colleague: " : " colleagues: ")
                + String.join(", ", outcome.reached()));
        return Exit.OK;
    }

    /** All of standard input, without the line break that ends it. */
    private String stdin() {
        try {
            String text = new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw CommandFailure.failed("Cannot read standard input: " + e.getMessage());
        }
    }
}
