package org.lanchat.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send",
        description = {"Sends a message to the group, or to one user with --to, waits until the appliance has stored "
                + "it and prints its sequence number.", "Example: make || lanchat send 'The build broke'"})
final class SendCommand extends ChatCommand {
    @Option(names = "--to", paramLabel = "USER", description = "Send privately to USER instead of the group.")
    String to;

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
        Conversation conversation = conversation(to);
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            ChatEntry sent;
            try {
                sent = signedIn.client().sendText(conversation, text);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            ChatEntry stored = signedIn.client().delivered(sent).orTimeout(timeoutSeconds, TimeUnit.SECONDS).join();
            out().println(stored.seq());
        }
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
