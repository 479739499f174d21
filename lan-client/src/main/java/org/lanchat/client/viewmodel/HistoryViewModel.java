package org.lanchat.client.viewmodel;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.lanchat.client.core.ChangeLedger;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;

/**
 * The history window of one conversation: pages of older messages loaded from the appliance as the user
 * scrolls up, a search over the whole conversation, and clearing after confirmation.
 *
 * <p>The appliance has no search (PROTOCOL.md: history is paged by sequence number), so while a search is
 * active the window keeps fetching older pages, one after the other, until it has the whole conversation;
 * the matches appear as the pages arrive and the status says how far back it has looked.
 */
public final class HistoryViewModel {
    public static final int PAGE = 50;

    private final ChatService client;
    private final Conversation conversation;
    private final Executor ui;
    private final ZoneId zone;
    private final ObservableList<MessageItem> loaded = FXCollections.observableArrayList();
    /** The edits, deletes and reactions of the pages loaded: a page's changes may be about an older page's messages. */
    private ChangeLedger changes = new ChangeLedger();
    private final FilteredList<MessageItem> shown = new FilteredList<>(loaded, item -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(true);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty matches = new SimpleIntegerProperty();
    private long oldestSeq;
    /** Counts clears: a page asked for before the history was cleared is dropped when it arrives. */
    private int generation;

    public HistoryViewModel(ChatService client, Conversation conversation, Executor ui) {
        this(client, conversation, ui, ZoneId.systemDefault());
    }

    public HistoryViewModel(ChatService client, Conversation conversation, Executor ui, ZoneId zone) {
        this.client = client;
        this.conversation = conversation;
        this.ui = ui;
        this.zone = zone;
        search.addListener((o, was, now) -> {
            error.set("");
            continueSearch();
        });
    }

    public Conversation conversation() {
        return conversation;
    }

    public String title() {
        return conversation.isGroup() ? Texts.text("history.title.group")
                : Texts.text("history.title.peer", conversation.isRoom() ? conversation.value() : conversation.peer());
    }

    /** The loaded messages that match the search, oldest first. */
    public ObservableList<MessageItem> shown() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** True while a search is fetching older pages to look through; the view shows progress. */
    public BooleanProperty searchingProperty() {
        return searching;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** "120 messages loaded", "3 matches so far, searching older messages…", "3 matches in all 230 messages". */
    public StringProperty statusProperty() {
        return status;
    }

    public IntegerProperty matchesProperty() {
        return matches;
    }

    /** The emoji a sticker code stands for, from the session's sticker set. */
    public java.util.Optional<String> stickerEmoji(String code) {
        return client.session().flatMap(session -> session.stickers().stream()
                .filter(s -> s.code().equals(code)).map(s -> s.emoji()).findFirst());
    }

    public java.util.concurrent.CompletableFuture<org.lanchat.client.core.AvatarImage> avatar(String username) {
        return client.avatar(username);
    }

    /** Loads the next older page, if there is one and none is loading. */
    public void loadOlder() {
        if (loading.get() || !hasMore.get()) {
            return;
        }
        loading.set(true);
        error.set("");
        int asked = generation;
        client.history(conversation, oldestSeq, PAGE).whenCompleteAsync((slice, failure) -> {
            if (asked != generation) {
                return;
            }
            if (failure != null) {
                loading.set(false);
                searching.set(false);
                error.set(Failures.describe(failure));
                refilter();
                return;
            }
            prepend(slice);
            // After the rows are in, so that the view keeps its scroll position relative to them.
            loading.set(false);
            continueSearch();
        }, ui);
    }

    /** The view shows the top of the list (scrolled up, or the loaded pages do not fill it): load further back. */
    public void topReached() {
        loadOlder();
    }

    private void prepend(HistorySlice slice) {
        List<MessageItem> page = new ArrayList<>();
        slice.entries().forEach(changes::add);
        for (ChatEntry entry : slice.entries()) {
            if (!entry.isChange()) { // an edit, delete or reaction is not a message of its own (PROTOCOL.md §7.19)
                page.add(MessageItem.of(changes.apply(entry), zone, true));
            }
        }
        loaded.addAll(0, page);
        if (!slice.entries().isEmpty()) {
            oldestSeq = slice.oldestSeq();
        }
        // An empty page with "more" would page from the same place for ever.
        hasMore.set(slice.hasMore() && !slice.entries().isEmpty());
        refilter();
    }

    private boolean searchActive() {
        String query = search.get();
        return query != null && !query.isBlank();
    }

    /** While a search is active, fetches the next older page until the whole conversation is loaded. */
    private void continueSearch() {
        boolean more = searchActive() && hasMore.get() && error.get().isEmpty();
        searching.set(more);
        if (more) {
            loadOlder();
        }
        refilter();
    }

    /** Clears the conversation's history for this user; the view asks for confirmation first. */
    public void clear() {
        generation++;
        searching.set(false);
        loading.set(true);
        client.clearHistory(conversation).whenCompleteAsync((ok, failure) -> {
            loading.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure));
                return;
            }
            loaded.clear();
            changes = new ChangeLedger();
            hasMore.set(false);
            searching.set(false);
            oldestSeq = 0;
            refilter();
            status.set(Texts.text("history.cleared"));
        }, ui);
    }

    private void refilter() {
        String query = search.get();
        shown.setPredicate(item -> item.matches(query));
        matches.set(shown.size());
        int count = loaded.size();
        String messages = Texts.text("history.messages", count);
        if (!searchActive()) {
            status.set(hasMore.get() ? Texts.text("history.status.loaded", messages) : Texts.text("history.status.all", messages));
            return;
        }
        String found = Texts.text("history.matches", shown.size());
        if (!hasMore.get()) {
            status.set(Texts.text("history.status.foundInAll", found, messages));
        } else if (searching.get()) {
            status.set(Texts.text("history.status.searching", found, count));
        } else {
            status.set(Texts.text("history.status.foundInLoaded", found, messages));
        }
    }
}
