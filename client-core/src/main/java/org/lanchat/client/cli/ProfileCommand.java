package org.lanchat.client.cli;

import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ChatClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "profile")
final class ProfileCommand extends ChatCommand {
    @Option(names = "--display-name", paramLabel = "NAME", descriptionKey = "lanchat.profile.displayName")
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
            out().println(shown.map(name -> Texts.text("profile.shown", me, name))
                    .orElseGet(() -> Texts.text("profile.none", me)));
        }
        return Exit.OK;
    }
}
