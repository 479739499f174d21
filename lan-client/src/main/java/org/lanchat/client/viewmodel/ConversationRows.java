package org.lanchat.client.viewmodel;

import java.text.Collator;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.Usernames;

/**
 * The chat window's conversations and the rows each one shows: messages in sequence order (an own message
 * not yet acknowledged stays below the acknowledged ones), notices, and only the newest few hundred, since
 * older ones are the History window's. A message met again (acknowledged, edited, reacted to) updates its row.
 * The list is Everyone first, then the rooms by name, then private conversations in the order met (issue 17).
 */
final class ConversationRows {
    /** How far back a join notice may go before the newcomer's first messages (clocks may differ a little). */
    private static final long JOIN_WINDOW_MS = 10_000;
    /**
     * A visit shorter than this leaves no notices: every {@code lanchat send} from a script (a build bot) logs in
     * and out again within a second or two, and its "joined"/"left" pair around each message filled the group.
     */
    static final long BRIEF_VISIT_MS = 30_000;

    private final int kept;
    private long metCount;
    private final ZoneId zone;
    /** Every conversation in the order met; a room's new name is an update, so the sorted view re-sorts it. */
    private final ObservableList<ConversationItem> met =
            FXCollections.observableArrayList(item -> new Observable[] {item.titleProperty()});
    private final SortedList<ConversationItem> conversations = new SortedList<>(met, listOrder());
    private final Map<String, ConversationItem> itemsByKey = new HashMap<>();
    private final Map<String, ObservableList<MessageItem>> listsByKey = new HashMap<>();
    private final Map<String, Map<String, MessageItem>> rowsByKey = new HashMap<>();
    /** Each user's latest "joined" notice, by username key, until they leave. */
    private final Map<String, MessageItem> joinedNotices = new HashMap<>();

    ConversationRows(int kept, ZoneId zone) {
        this.kept = kept;
        this.zone = zone;
    }

    /** Every conversation met so far and not left: Everyone, the rooms by name, the private ones as met. */
    ObservableList<ConversationItem> conversations() {
        return conversations;
    }

    /** The conversation's entry in the list, made when first named. */
    ConversationItem item(Conversation conversation) {
        return itemsByKey.computeIfAbsent(key(conversation), k -> {
            ConversationItem created = new ConversationItem(conversation, metCount++);
            met.add(created);
            return created;
        });
    }

    /** What the list calls the conversation: a room's name once known, else its id; never lists it. */
    String title(Conversation conversation) {
        ConversationItem item = itemsByKey.get(key(conversation));
        return item != null ? item.titleProperty().get() : conversation.value();
    }

    /** A room's name, topic and state, as the appliance told them; the room is listed if it was not. */
    void named(RoomInfo room) {
        item(room.conversation()).named(room);
    }

    /** The user is no longer in this conversation (left or removed from a room): it leaves the list with its rows. */
    void forget(Conversation conversation) {
        ConversationItem item = itemsByKey.remove(key(conversation));
        if (item != null) {
            met.remove(item);
        }
        listsByKey.remove(key(conversation));
        rowsByKey.remove(key(conversation));
    }

    private static Comparator<ConversationItem> listOrder() {
        Collator byName = Collator.getInstance();
        byName.setStrength(Collator.SECONDARY); // "design" and "Design" side by side, not by case
        return Comparator.<ConversationItem>comparingInt(item -> item.conversation().isGroup() ? 0
                        : item.conversation().isRoom() ? 1 : 2)
                .thenComparing((a, b) -> a.conversation().isRoom() ? byName.compare(a.titleProperty().get(),
                        b.titleProperty().get()) : 0)
                .thenComparingLong(ConversationItem::met);
    }

    /** The conversation's rows, oldest first. */
    ObservableList<MessageItem> rows(Conversation conversation) {
        item(conversation);
        rowsByKey.computeIfAbsent(key(conversation), k -> new HashMap<>());
        return listsByKey.computeIfAbsent(key(conversation), k -> FXCollections.observableArrayList());
    }

    /** Everyone who wrote a row still shown. */
    Stream<String> senders() {
        return listsByKey.values().stream().flatMap(List::stream).map(MessageItem::from)
                .filter(from -> from != null && !from.isEmpty()).distinct();
    }

    /**
     * Shows a message: a new row at its place in sequence order, or the row already showing it updated.
     *
     * @param trimming false for history a search hit asked for: the user is about to read it
     */
    void add(ChatEntry entry, boolean trimming) {
        ObservableList<MessageItem> rows = rows(entry.conversation());
        Map<String, MessageItem> index = rowsByKey.get(key(entry.conversation()));
        MessageItem existing = index.get(entry.key());
        if (existing != null) {
            existing.update(entry);
            return;
        }
        MessageItem row = MessageItem.of(entry, zone, false);
        index.put(row.key(), row);
        int at = rows.size();
        if (entry.seq() > 0) {
            for (int i = rows.size() - 1; i >= 0; i--) {
                long seq = rows.get(i).entry().map(ChatEntry::seq).orElse(-1L);
                if (seq > entry.seq() || seq == 0) {
                    at = i;
                } else if (seq > 0) {
                    break;
                }
            }
        }
        rows.add(at, row);
        if (trimming) {
            trim(rows, index);
        }
    }

    /** A notice ("bob left") at the end of the conversation. */
    void addNotice(Conversation conversation, MessageItem notice) {
        ObservableList<MessageItem> rows = rows(conversation);
        rows.add(notice);
        trim(rows, rowsByKey.get(key(conversation)));
    }

    /**
     * "bob left" at the end of Everyone; or, when bob joined less than {@link #BRIEF_VISIT_MS} before, nothing, and
     * the "bob joined" goes too: a brief visit (a script sending one message) is seen by its message alone.
     */
    void addLeft(String name, MessageItem notice) {
        MessageItem joined = joinedNotices.remove(Usernames.key(name));
        ObservableList<MessageItem> rows = rows(Conversation.GROUP);
        if (joined != null && notice.sentAt() - joined.sentAt() < BRIEF_VISIT_MS && rows.remove(joined)) {
            return;
        }
        addNotice(Conversation.GROUP, notice);
    }

    /**
     * "bob joined", before anything bob wrote since: the appliance announces presence in coalesced steps
     * (about a second apart), so someone who joins and writes at once is often heard before announced.
     */
    void addJoined(String name, MessageItem notice) {
        joinedNotices.put(Usernames.key(name), notice);
        ObservableList<MessageItem> rows = rows(Conversation.GROUP);
        int at = rows.size();
        for (int i = rows.size() - 1; i >= 0; i--) {
            MessageItem row = rows.get(i);
            if (row.kind() == MessageItem.Kind.NOTICE || row.sentAt() < notice.sentAt() - JOIN_WINDOW_MS) {
                break;
            }
            if (Usernames.key(row.from()).equals(Usernames.key(name))) {
                at = i;
            }
        }
        rows.add(at, notice);
        trim(rows, rowsByKey.get(key(Conversation.GROUP)));
    }

    /** Drops the rows of messages up to {@code through}: the user cleared them (from any device). */
    void clear(Conversation conversation, long through) {
        ObservableList<MessageItem> rows = rows(conversation);
        Map<String, MessageItem> index = rowsByKey.get(key(conversation));
        rows.removeIf(row -> {
            boolean hidden = row.entry().map(e -> e.seq() > 0 && e.seq() <= through).orElse(false);
            if (hidden) {
                index.remove(row.key());
            }
            return hidden;
        });
    }

    static boolean sameConversation(Conversation a, Conversation b) {
        return key(a).equals(key(b));
    }

    /** Drops the oldest rows beyond {@link #kept}, in one change. */
    private void trim(ObservableList<MessageItem> rows, Map<String, MessageItem> index) {
        int excess = rows.size() - kept;
        if (excess <= 0) {
            return;
        }
        List<MessageItem> oldest = List.copyOf(rows.subList(0, excess));
        oldest.forEach(row -> index.remove(row.key()));
        rows.remove(0, excess);
    }

    private static String key(Conversation conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }
}
