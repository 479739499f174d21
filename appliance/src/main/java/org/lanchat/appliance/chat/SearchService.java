package org.lanchat.appliance.chat;

import java.util.List;
import java.util.function.LongFunction;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.store.SearchStore;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.Search;

/**
 * Answers {@code search} (docs/PROTOCOL.md §5.26, §7.22): resolves the optional conversation from the requester's
 * side, so a forged private name can only mean one of the requester's own conversations, and shows each hit as the
 * requester sees it. Blocking.
 */
public final class SearchService {
    public static final int PAGE_DEFAULT = 20;
    public static final int PAGE_MAX = 50;

    private final ChatService chat;
    private final SearchStore store;
    private final MessageViews views;
    private final LongFunction<String> names;

    public SearchService(ChatService chat, SearchStore store, MessageViews views, LongFunction<String> names) {
        this.chat = chat;
        this.store = store;
        this.views = views;
        this.names = names;
    }

    public SearchResults search(Search request, long userId) {
        ConversationKey only = request.conversation() == null ? null
                : chat.resolve(request.conversation(), userId, true).orElseThrow().key();
        int limit = Math.min(request.limit() == null ? PAGE_DEFAULT : request.limit(), PAGE_MAX);
        long before = request.before() == null ? Long.MAX_VALUE : request.before();
        List<SearchStore.Found> found = store.find(userId, request.text().strip(), only, before, limit + 1);
        boolean more = found.size() > limit;
        List<SearchHit> hits = found.subList(0, Math.min(limit, found.size())).stream()
                .map(f -> new SearchHit(f.messageId(), views.conversationFor(f.conversation(), userId), f.seq(),
                        names.apply(f.senderId()), f.sentAt(), Snippets.of(f.text(), request.text())))
                .toList();
        return new SearchResults(request.id(), hits, more);
    }
}
