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

@Command(name = "history",
        description = {"Prints a conversation's messages, oldest first: the newest ones, or those after a sequence "
                + "number (--since), so a script can read on from the last one it saw."})
final class HistoryCommand extends ChatCommand {
    @Option(names = "--with", paramLabel = "USER", description = "The private conversation with USER instead of the group.")
    String with;

    @Option(names = "--since", paramLabel = "SEQ", description = "Only messages after sequence number SEQ.")
    Long since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most N messages (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line, as 'lanchat listen --json' prints them.")
    boolean json;

    HistoryCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1) {
            throw CommandFailure.usage("--limit must be at least 1.");
        }
        if (since != null && since < 0) {
            throw CommandFailure.usage("--since must be 0 or more.");
        }
        Conversation conversation = conversation(with);
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
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
