package org.lanchat.client.cli;

import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ChatClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "profile",
        description = {"Prints your login name and display name, or sets the display name with --display-name.",
                "The display name is what others see, in any script (张伟, José, Ольга); the login name stays what you "
                        + "type to log in. A name that looks like another user's, or hides characters, is refused "
                        + "(exit code 3).",
                "Example: lanchat profile --display-name 'José Álvarez'"})
final class ProfileCommand extends ChatCommand {
    @Option(names = "--display-name", paramLabel = "NAME",
            description = "Set the display name to NAME; an empty NAME ('') clears it, so the login name is shown.")
    String displayName;

    ProfileCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            ChatClient client = signedIn.client();
            String me = signedIn.session().username();
            Optional<String> shown = displayName == null
                    ? client.displayNames(List.of(me)).join().get(me)
                    : client.setDisplayName(displayName).join();
            out().println(shown.map(name -> me + ": " + name).orElse(me + " (no display name)"));
        }
        return Exit.OK;
    }
}
