package org.lanchat.client.viewmodel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest;

/**
 * The search box over the conversation list (PROTOCOL.md §7.22): what the user typed, searched for once they pause,
 * the hits newest first a page at a time, and opening a hit in the chat window at that message.
 *
 * <p>Answers to an older query (the user typed on, or cleared the box) are dropped: only the newest query's pages
 * are shown. A chosen hit older than the rows the chat window holds is reached by paging history back, at most
 * {@link #REACH_PAGES} pages, so a hit from last year does not pull in a year of messages.
 */
public final class SearchViewModel {
    /** How long typing must pause before the text is searched: one request per word, not per key. */
    static final Duration DEBOUNCE = Duration.ofMillis(300);
    /** The longest text the box takes: what a search may ask for (§5.26). */
    public static final int MAX_QUERY_CHARS = ConversationRequest.Search.MAX_TEXT_CHARS;
    /** Hits per page: the appliance's default (§5.26). */
    static final int PAGE = 20;
    /** History pages brought in to reach an old hit before giving up (pointing at the History window instead). */
    static final int REACH_PAGES = 10;

    /** Where a chosen hit opens: the chat window, which holds the conversations' newest rows. */
    interface Opener {
        /** Shows the conversation; returns the oldest sequence number its rows hold, 0 for none. */
        long open(Conversation conversation);

        /** Adds older messages above the rows held, kept although beyond what the window normally keeps. */
        void older(Conversation conversation, List<ChatEntry> entries);

        /** Selects and scrolls to the message if the rows hold it; returns whether they do. */
        boolean show(Conversation conversation, long seq);

        /** What the conversation list calls a room: its name once known. */
        String roomName(Conversation room);
    }

    private final ChatService client;
    private final Executor ui;
    private final ZoneId zone;
    private final ReadingViewModel.Timer timer;
    private final DisplayNames names;
    private final Opener opener;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<SearchResult> results = FXCollections.observableArrayList();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanBinding active = Bindings.createBooleanBinding(
            () -> query.get() != null && !query.get().isBlank(), query);
    /** Counts queries; an answer carrying an older number is for a query no longer in the box. */
    private long generation;
    private String searched = "";
    /** Counts hits opened; paging toward an earlier one stops once another is chosen. */
    private long opening;
    private Runnable pending = () -> { };

    SearchViewModel(ChatService client, Executor ui, ZoneId zone, ReadingViewModel.Timer timer, DisplayNames names,
                    Opener opener) {
        this.client = client;
        this.ui = ui;
        this.zone = zone;
        this.timer = timer;
        this.names = names;
        this.opener = opener;
        query.addListener((o, was, now) -> typed(now));
    }

    /** The text in the search box. */
    public StringProperty queryProperty() {
        return query;
    }

    /** While the box has text: the results take the conversation list's place. */
    public BooleanBinding activeProperty() {
        return active;
    }

    /** The hits so far, newest first. */
    public ObservableList<SearchResult> results() {
        return results;
    }

    /** A page is on its way. */
    public BooleanProperty searchingProperty() {
        return searching;
    }

    /** More hits lie beyond the last one shown: "Load more". */
    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    /** "No messages found", why the search failed, or empty. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The conversation a hit is in, as the conversation list names it. */
    public String where(SearchResult result) {
        Conversation conversation = result.hit().conversation();
        return conversation.isGroup() ? Texts.text("conversation.group")
                : conversation.isRoom() ? opener.roomName(conversation) : names.shown(conversation.peer());
    }

    /** Who sent the hit, by display name. */
    public String who(SearchResult result) {
        return names.shown(result.hit().from());
    }

    /** Empties the box: the conversation list shows again. */
    public void clear() {
        query.set("");
    }

    /** Asks for the next page of the current query, unless one is on its way or there is none. */
    public void loadMore() {
        if (!active.get() || searching.get() || !hasMore.get() || results.isEmpty()) {
            return;
        }
        search(searched, results.getLast().hit().messageId());
    }

    /** Opens the hit's conversation with the message selected, paging older history in when it is not held. */
    public void open(SearchResult result) {
        SearchHit hit = result.hit();
        opener.open(hit.conversation());
        reach(++opening, hit.conversation(), hit.seq(), REACH_PAGES);
    }

    private void reach(long chosen, Conversation conversation, long seq, int pagesLeft) {
        if (opener.show(conversation, seq)) {
            status.set("");
            return;
        }
        if (pagesLeft == 0) {
            status.set(Texts.text("search.tooFarBack"));
            return;
        }
        long oldest = opener.open(conversation);
        searching.set(true);
        client.history(conversation, oldest, HistoryViewModel.PAGE).whenCompleteAsync((slice, failure) -> {
            if (chosen != opening) {
                return;
            }
            searching.set(false);
            if (failure != null) {
                status.set(Texts.text("search.openFailed", Failures.describe(failure)));
                return;
            }
            opener.older(conversation, slice.entries());
            if (reachedEnd(slice, seq)) {
                // Nothing older is left: the message is gone (deleted, cleared) since it was found.
                if (!opener.show(conversation, seq)) {
                    status.set(Texts.text("search.gone"));
                }
                return;
            }
            reach(chosen, conversation, seq, pagesLeft - 1);
        }, ui);
    }

    private static boolean reachedEnd(HistorySlice slice, long seq) {
        return !slice.hasMore() || slice.entries().isEmpty() || slice.oldestSeq() <= seq;
    }

    private void typed(String text) {
        pending.run();
        generation++;
        results.clear();
        hasMore.set(false);
        status.set("");
        searching.set(false);
        if (text == null || text.isBlank()) {
            return;
        }
        String wanted = text.strip();
        pending = timer.after(DEBOUNCE, () -> search(wanted, null));
    }

    private void search(String text, Long before) {
        long asked = generation;
        searched = text;
        searching.set(true);
        status.set("");
        client.search(text, null, before, PAGE).whenCompleteAsync((page, failure) -> {
            if (asked == generation) {
                answered(text, page, failure);
            }
        }, ui);
    }

    private void answered(String text, SearchResults page, Throwable failure) {
        searching.set(false);
        if (failure != null) {
            status.set(describe(failure));
            return;
        }
        names.meet(page.hits().stream().flatMap(hit -> !hit.conversation().isPrivate() ? Stream.of(hit.from())
                : Stream.of(hit.from(), hit.conversation().peer())).distinct().toList());
        page.hits().forEach(hit -> results.add(new SearchResult(hit,
                MessageItem.formatTime(hit.sentAt(), zone, true), text)));
        hasMore.set(page.hasMore());
        status.set(results.isEmpty() ? Texts.text("search.none") : "");
    }

    /** Searches have their own limit (§7.11): "Too many failed attempts" would be the wrong sentence. */
    private static String describe(Throwable failure) {
        if (Failures.cause(failure) instanceof ChatException chat && chat.code() == ErrorCode.RATE_LIMITED) {
            return Texts.text("search.rateLimited", Failures.wait(chat));
        }
        return Failures.describe(failure);
    }
}
