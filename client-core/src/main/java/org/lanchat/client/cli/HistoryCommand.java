package org.lanchat.client.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.protocol.message.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history")
final class HistoryCommand extends ChatCommand {
    @Option(names = "--with", paramLabel = "USER", descriptionKey = "lanchat.history.with")
    String with;

    @Option(names = "--room", paramLabel = "NAME", descriptionKey = "lanchat.history.room")
    String room;

    @Option(names = "--since", paramLabel = "SEQ", descriptionKey = "lanchat.history.since")
    Long since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", descriptionKey = "lanchat.history.limit")
    int limit;

    @Option(names = "--json", descriptionKey = "lanchat.history.json")
    boolean json;

    HistoryCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1) {
            throw CommandFailure.usage(Texts.text("history.limitTooSmall"));
        }
        if (since != null && since < 0) {
            throw CommandFailure.usage(Texts.text("history.sinceNegative"));
        }
        conversation(with); // a malformed user name is a usage error before anything connects
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            Conversation conversation = conversation(signedIn, with, room);
            int pageMax = signedIn.session().limits().historyPageMax();
            List<ChatEntry> messages = since != null ? after(signedIn, conversation, since, pageMax)
                    : newest(signedIn, conversation, pageMax);
            Lines lines = new Lines(json, ZoneId.systemDefault());
            // The senders' names now, not when they wrote: a name changed since shows on old messages too.
            Map<String, Optional<String>> shown = signedIn.client().displayNames(
                    messages.stream().map(ChatEntry::from).distinct().toList()).join();
            messages.forEach(m -> out().println(lines.message(m, shown.getOrDefault(m.from(), Optional.empty()))));
        }
        return Exit.OK;
    }

    /** Pages forwards from {@code since}; a page may be cut short, so go on while the appliance has more. */
    private List<ChatEntry> after(SignedIn signedIn, Conversation conversation, long since, int pageMax) {
        List<ChatEntry> found = new ArrayList<>();
        long from = since;
        boolean more = true;
        while (more && found.size() < limit) {
            HistorySlice page = signedIn.client().historyAfter(conversation, from, Math.min(pageMax, limit - found.size())).join();
            found.addAll(page.entries());
            more = page.hasMore() && !page.entries().isEmpty();
            if (!page.entries().isEmpty()) {
                from = page.entries().getLast().seq();
            }
        }
        return found;
    }

    /** Pages backwards from the newest message, then turns the whole oldest first. */
    private List<ChatEntry> newest(SignedIn signedIn, Conversation conversation, int pageMax) {
        List<ChatEntry> found = new ArrayList<>();
        long before = 0;
        boolean more = true;
        while (more && found.size() < limit) {
            HistorySlice page = signedIn.client().history(conversation, before, Math.min(pageMax, limit - found.size())).join();
            found.addAll(0, page.entries());
            more = page.hasMore() && !page.entries().isEmpty();
            before = page.oldestSeq();
        }
        return found;
    }
}
