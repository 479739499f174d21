package org.lanchat.client.cli;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.OnlineUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "who", description = "Prints who is online, one user per line: the login name, or for a user with a "
        + "display name, that name and the login name in brackets.")
final class WhoCommand extends ChatCommand {
    @Option(names = "--json", description = "One JSON object per line: {\"user\": NAME, \"displayName\": NAME or null}.")
    boolean json;

    WhoCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            // The appliance pushes the roster right after the login, before the catch-up's first answer.
            signedIn.client().caughtUp().orTimeout(context.clientOptions().requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            OnlineUsers online = signedIn.client().online().join();
            // The roster pushed at login is the last one announced, which may predate this very login
            // (presence is coalesced); whoever asks is online, so they are listed in any case.
            TreeSet<String> users = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            users.addAll(online.users());
            users.add(signedIn.session().username());
            Lines lines = new Lines(json, ZoneId.systemDefault());
            Map<String, Optional<String>> shown = signedIn.client().displayNames(users).join();
            users.forEach(user -> out().println(lines.user(user, shown.getOrDefault(user, Optional.empty()),
                    online.stateOf(user))));
        }
        return Exit.OK;
    }
}
