package org.lanchat.client.cli;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanchat search}: the messages whose text contains TEXT in every conversation the user can read, newest
 * first (PROTOCOL.md §7.22), one line each as {@link Lines#hit} prints them; {@code --before} takes the last
 * {@code messageId} to page on. Its help texts are the bundle's {@code search.*} keys, like everything it prints for
 * people.
 */
@Command(name = "search")
final class SearchCommand extends ChatCommand {
    /** Where to look: every conversation unless one is named. */
    static final class Where {
        @Option(names = "--with", paramLabel = "USER", descriptionKey = "lanchat.search.with")
        String with;

        @Option(names = "--group", descriptionKey = "lanchat.search.group")
        boolean group;

        @Option(names = "--room", paramLabel = "NAME", descriptionKey = "lanchat.search.room")
        String room;
    }

    @ArgGroup(exclusive = true)
    Where where;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", descriptionKey = "lanchat.search.limit")
    int limit;

    @Option(names = "--before", paramLabel = "ID", descriptionKey = "lanchat.search.before")
    Long before;

    @Option(names = "--json", descriptionKey = "lanchat.search.json")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "TEXT", descriptionKey = "lanchat.search.text")
    List<String> words;

    SearchCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        String text = String.join(" ", words).strip();
        if (text.isEmpty()) {
            throw CommandFailure.usage(Texts.text("search.error.empty"));
        }
        if (limit < 1) {
            throw CommandFailure.usage(Texts.text("search.error.limit"));
        }
        if (before != null && before < 1) {
            throw CommandFailure.usage(Texts.text("search.error.before"));
        }
        Conversation only = where == null || where.room != null ? null
                : where.group ? Conversation.GROUP : conversation(where.with);
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            if (where != null && where.room != null) {
                only = RoomChoice.resolve(signedIn.client().rooms(), where.room);
            } else if (only != null) {
                only = notWithYourself(only, signedIn.session().username());
            }
            SearchResults results = signedIn.client().search(text, only, before, limit).join();
            Map<String, Optional<String>> shown = signedIn.client().displayNames(
                    results.hits().stream().map(SearchHit::from).distinct().toList()).join();
            Lines lines = new Lines(json, ZoneId.systemDefault());
            results.hits().forEach(hit -> out().println(lines.hit(hit, shown.getOrDefault(hit.from(), Optional.empty()))));
            if (!json && results.hits().isEmpty()) {
                err().println(Texts.text("search.none", text));
            } else if (!json && results.hasMore()) {
                err().println(Texts.text("search.more", results.hits().getLast().messageId()));
            }
        }
        return Exit.OK;
    }
}
