package org.lanchat.client.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.OnlineUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "who")
final class WhoCommand extends ChatCommand {
    @Option(names = "--json", descriptionKey = "lanchat.who.json")
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
            Map<String, Optional<String>> shown = signedIn.client().displayNames(users).join();
            if (json) {
                Lines lines = new Lines(true, ZoneId.systemDefault());
                users.forEach(user -> out().println(lines.user(user, shown.getOrDefault(user, Optional.empty()),
                        online.stateOf(user))));
            } else {
                table(users, shown, online).forEach(out()::println);
            }
        }
        return Exit.OK;
    }

    /**
     * A table of login names, display names (any script, CJK two columns wide) and presence states, then how many are
     * online: the appliance's count (which may include some a roster still coming in parts does not list yet), never
     * fewer than the users listed.
     */
    static List<String> table(SortedSet<String> users, Map<String, Optional<String>> shown, OnlineUsers online) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(Texts.text("who.user"), Texts.text("who.displayName"), Texts.text("who.state")));
        users.forEach(user -> rows.add(List.of(user, shown.getOrDefault(user, Optional.empty()).orElse(""),
                Lines.state(online.stateOf(user)))));
        List<String> lines = new ArrayList<>(Columns.format(rows));
        lines.add(Texts.text("who.count", Math.max(online.count(), users.size())));
        return lines;
    }
}
