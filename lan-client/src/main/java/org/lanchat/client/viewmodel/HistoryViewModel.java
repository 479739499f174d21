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
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.protocol.message.Conversation;

/**
 * The history window of one conversation: pages of older messages loaded from the appliance as the user
 * scrolls up, a search over what is loaded (which can load further back), and clearing after confirmation.
 */
public final class HistoryViewModel {
    public static final int PAGE = 50;

    private final ChatService client;
    private final Conversation conversation;
    private final Executor ui;
    private final ZoneId zone;
    private final ObservableList<MessageItem> loaded = FXCollections.observableArrayList();
    private final FilteredList<MessageItem> shown = new FilteredList<>(loaded, item -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(true);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty matches = new SimpleIntegerProperty();
    private long oldestSeq;

    public HistoryViewModel(ChatService client, Conversation conversation, Executor ui) {
        this(client, conversation, ui, ZoneId.systemDefault());
    }

    public HistoryViewModel(ChatService client, Conversation conversation, Executor ui, ZoneId zone) {
        this.client = client;
        this.conversation = conversation;
        this.ui = ui;
        this.zone = zone;
        search.addListener((o, was, now) -> refilter());
    }

    public Conversation conversation() {
        return conversation;
    }

    public String title() {
        return conversation.isGroup() ? "History: Group" : "History: " + conversation.peer();
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

    public StringProperty errorProperty() {
        return error;
    }

    /** "120 messages loaded", "3 matches"… */
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
        client.history(conversation, oldestSeq, PAGE).whenCompleteAsync((slice, failure) -> {
            loading.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure));
                return;
            }
            prepend(slice);
        }, ui);
    }

    private void prepend(HistorySlice slice) {
        List<MessageItem> page = new ArrayList<>();
        for (ChatEntry entry : slice.entries()) {
            page.add(MessageItem.of(entry, zone, true));
        }
        loaded.addAll(0, page);
        if (!slice.entries().isEmpty()) {
            oldestSeq = slice.oldestSeq();
        }
        hasMore.set(slice.hasMore());
        refilter();
    }

    /** Clears the conversation's history for this user; the view asks for confirmation first. */
    public void clear() {
        loading.set(true);
        client.clearHistory(conversation).whenCompleteAsync((ok, failure) -> {
            loading.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure));
                return;
            }
            loaded.clear();
            hasMore.set(false);
            oldestSeq = 0;
            refilter();
            status.set("History cleared. Only you no longer see these messages.");
        }, ui);
    }

    private void refilter() {
        String query = search.get();
        shown.setPredicate(item -> item.matches(query));
        matches.set(shown.size());
        if (query == null || query.isBlank()) {
            status.set(loaded.size() + (loaded.size() == 1 ? " message" : " messages") + " loaded"
                    + (hasMore.get() ? "; scroll up for older ones" : ""));
        } else {
            status.set(shown.size() + (shown.size() == 1 ? " match" : " matches") + " in " + loaded.size() + " loaded messages"
                    + (hasMore.get() ? " (load older to search further back)" : ""));
        }
    }
}
