package org.lanchat.appliance.net;

import java.util.function.BiFunction;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.limits.SearchLimits;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.Search;

/**
 * {@code search} of a logged-in connection (docs/PROTOCOL.md §5.26): admitted by the account's search limit on the
 * I/O thread, then answered off it, counting among the connection's blocking requests. Shared by every connection.
 */
public final class SearchRequests {
    private final SearchLimits limits;
    private final BiFunction<Search, Long, SearchResults> search;

    /** @param search answers a search for a user ({@link org.lanchat.appliance.chat.SearchService#search}); blocking */
    public SearchRequests(SearchLimits limits, BiFunction<Search, Long, SearchResults> search) {
        this.limits = limits;
        this.search = search;
    }

    void search(Search request, Identity me, Connection connection, RequestRunner runner) {
        if (!connection.passes(request.id(), () -> limits.admit(me.userId(), connection.address()))) {
            return;
        }
        // A search reads every message the user may read: off the virtual threads, a few at once, with a share for each
        // account and each computer (HeavyWork).
        HeavyWork.Owner owner = new HeavyWork.Owner(me.userId(), connection.address());
        runner.reply(request.id(), () -> HeavyWork.SEARCHES.runUnlessBusy(owner, () -> search.apply(request, me.userId())));
    }
}
