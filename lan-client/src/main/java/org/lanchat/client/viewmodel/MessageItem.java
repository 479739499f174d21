package org.lanchat.client.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.i18n.Texts;

/** One row of a conversation: a message (own or someone else's) or a notice ("bob joined"). */
public final class MessageItem {
    /** How a row looks: the views give each kind its own style. */
    public enum Kind { OWN, OTHER, NOTICE }


    private final String key;
    private final Kind kind;
    private final boolean privateChat;
    private final String from;
    private String text;
    private String sticker;
    private final long sentAt;
    /** Counts changes to what the row shows (an edit, a delete, reactions), so that views redraw it. */
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final StringProperty time = new SimpleStringProperty();
    private final ObjectProperty<Delivery> delivery = new SimpleObjectProperty<>(Delivery.DELIVERED);
    private final StringProperty failure = new SimpleStringProperty("");
    private ChatEntry entry;
    /** For a notice about someone ("bob joined"): the text's key and whom it names, to name them as they are shown now. */
    private String noticeKey;
    private String subject;

    private MessageItem(String key, Kind kind, boolean privateChat, String from, String text, String sticker, long sentAt,
            ZoneId zone, boolean withDate) {
        this.key = key;
        this.kind = kind;
        this.privateChat = privateChat;
        this.from = from;
        this.text = text;
        this.sticker = sticker;
        this.sentAt = sentAt;
        // The pattern comes with the language ("5 Dec 14:03", "12月5日 14:03"), read when the row is made, so rows
        // follow Texts.use without a restart of this class.
        this.time.set(formatTime(sentAt, zone, withDate));
    }

    /** A message's time as rows show it, with the day when {@code withDate}. */
    static String formatTime(long sentAt, ZoneId zone, boolean withDate) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(Texts.text(withDate ? "time.dateTime" : "time.time"), Texts.locale());
        return format.format(Instant.ofEpochMilli(sentAt).atZone(zone));
    }

    static MessageItem of(ChatEntry entry, ZoneId zone, boolean withDate) {
        MessageItem item = new MessageItem(entry.key(), entry.own() ? Kind.OWN : Kind.OTHER,
                entry.conversation().isPrivate(), entry.from(), entry.text(), entry.sticker(), entry.sentAt(), zone, withDate);
        item.update(entry);
        return item;
    }

    static MessageItem notice(String text, long at, ZoneId zone) {
        return new MessageItem("notice:" + at + ":" + text, Kind.NOTICE, false, "", text, null, at, zone, false);
    }

    /**
     * A notice naming {@code user} with the text {@code key} ("chat.notice.joined"), worded with {@code shown} now.
     * Drawn again with the name as shown then ({@link #text(Function)}): after a reconnect the display names are
     * still being fetched when the roster says who came back, and the notice said the login name for good.
     */
    static MessageItem notice(String key, String user, Function<String, String> shown, long at, ZoneId zone) {
        MessageItem notice = notice(Texts.text(key, shown.apply(user)), at, zone);
        notice.noticeKey = key;
        notice.subject = user;
        return notice;
    }

    /** The text with the names in it as {@code shown} gives them now. */
    public String text(Function<String, String> shown) {
        return noticeKey == null ? text : Texts.text(noticeKey, shown.apply(subject));
    }

    void update(ChatEntry newer) {
        ChatEntry older = entry;
        this.entry = newer;
        text = newer.text();
        sticker = newer.sticker();
        delivery.set(newer.delivery());
        failure.set(newer.failure().map(Failures::sentence).orElse(""));
        if (older != null && (older.edited() != newer.edited() || older.deleted() != newer.deleted()
                || !older.reactions().equals(newer.reactions()) || !java.util.Objects.equals(older.text(), newer.text()))) {
            revision.set(revision.get() + 1);
        }
    }

    /** Changes each time an edit, a delete or a reaction changes what the row shows. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /** The message's sequence number in its conversation; 0 for a notice or a message still on its way. */
    public long seq() {
        return entry == null ? 0 : entry.seq();
    }

    /** The sequence number of the message this one answers, or null. */
    public Long replyTo() {
        return entry == null ? null : entry.replyTo();
    }

    public boolean edited() {
        return entry != null && entry.edited();
    }

    /** Deleted by its sender: shown as a tombstone, {@link #text()} and {@link #sticker()} both null. */
    public boolean deleted() {
        return entry != null && entry.deleted();
    }

    public List<ChatEntry.Reaction> reactions() {
        return entry == null ? List.of() : entry.reactions();
    }

    /** What a quote of this message shows: its text as it stands now, the sticker, or that it was deleted. */
    public String quoted() {
        if (deleted()) {
            return Texts.text("message.deleted");
        }
        return text != null ? text : "[" + sticker + "]";
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPrivate() {
        return privateChat;
    }

    public String from() {
        return from;
    }

    /** The text, or null for a sticker. */
    public String text() {
        return text;
    }

    /** The sticker code, or null. */
    public String sticker() {
        return sticker;
    }

    public long sentAt() {
        return sentAt;
    }

    public StringProperty timeProperty() {
        return time;
    }

    public ObjectProperty<Delivery> deliveryProperty() {
        return delivery;
    }

    public StringProperty failureProperty() {
        return failure;
    }

    /** The file the message carries, or null (PROTOCOL.md §7.24): {@link #text()} is then its name as the sender gave it. */
    public org.lanchat.protocol.message.FileMessage.Attachment attachment() {
        return entry == null ? null : entry.attachment();
    }

    /** The core's entry behind a message row (empty for notices); to retry a failed message. */
    public Optional<ChatEntry> entry() {
        return Optional.ofNullable(entry);
    }

    /** Whether the text (or sender) contains {@code query}, ignoring case; for history search. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(java.util.Locale.ROOT);
        return (text != null && text.toLowerCase(java.util.Locale.ROOT).contains(q))
                || from.toLowerCase(java.util.Locale.ROOT).contains(q)
                || (sticker != null && sticker.contains(q));
    }

    @Override
    public String toString() {
        return kind + " " + from + ": " + (text != null ? text : sticker != null ? "[" + sticker + "]" : "(deleted)");
    }
}
