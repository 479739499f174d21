package org.lanchat.appliance.net;

import java.util.function.BiFunction;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.limits.SearchLimits;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.Search;
import org.lanchat.protocol.message.MessageCodec;

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
        runner.reply(request.id(), () -> fitted(
                HeavyWork.SEARCHES.runUnlessBusy(owner, () -> search.apply(request, me.userId())), connection.codec()));
    }

    /**
     * At the default frame limit 50 hits always fit; under a small {@code --max-frame-bytes} hits are left out from the
     * oldest end until the reply fits, with {@code hasMore}, so the client pages on with {@code before} (§6.19).
     */
    static SearchResults fitted(SearchResults results, MessageCodec codec) {
        int budget = codec.limits().maxFrameBytes();
        SearchResults fitted = results;
        while (fitted.hits().size() > 1 && codec.encodeBody(fitted).length > budget) {
            fitted = new SearchResults(fitted.id(), fitted.hits().subList(0, fitted.hits().size() / 2), true);
        }
        return fitted;
    }
}
