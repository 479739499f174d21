package org.lanchat.client.viewmodel;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Mentions;
import org.lanchat.client.i18n.Texts;
import org.lanchat.protocol.message.Conversation;

/**
 * Which arriving messages call the user (a notification, the chime, the count in the window title) and what a
 * notification says. Pure: the caller says whether the message is in front of the user, so the rules are tested
 * without a window.
 *
 * <ul>
 *   <li>Never for the user's own messages, nor for one they catch up on rather than receive live.</li>
 *   <li>Not for a message in the conversation on screen while the window has the focus: it is being read.</li>
 *   <li>A muted conversation (a setting of this computer, {@link #muted()}) calls nobody, unless the message
 *       mentions the user (PROTOCOL.md §7.21: {@code @login}, or {@code @here} in the group, received live).</li>
 *   <li>{@link #doNotDisturbProperty() Do not disturb} calls nobody at all, mentions included; the unread counts
 *       are not this class's business and go on counting.</li>
 * </ul>
 */
public final class NotificationPolicy {
    /** Longest body of a notification: a notification is a glance, the message is in the window. */
    static final int BODY_CHARS = 120;

    private final Function<String, String> shownName;
    private final Function<String, String> stickerName;
    private final Function<Conversation, String> roomName;
    private final ObservableSet<String> muted = FXCollections.observableSet();
    private final BooleanProperty doNotDisturb = new SimpleBooleanProperty(false);
    private Consumer<Notification> onNotify = notification -> { };

    /** What a native notification shows, for a message of {@code conversation}. */
    public record Notification(Conversation conversation, String summary, String body, boolean mention) {
    }

    /**
     * @param shownName   how a user is shown (their display name, else the login name)
     * @param stickerName a sticker's name from its code (the code itself when unknown)
     */
    public NotificationPolicy(Function<String, String> shownName, Function<String, String> stickerName) {
        this(shownName, stickerName, Conversation::value);
    }

    /** @param roomName what the conversation list calls a room, for "bob in Release 2.4" */
    public NotificationPolicy(Function<String, String> shownName, Function<String, String> stickerName,
            Function<Conversation, String> roomName) {
        this.shownName = shownName;
        this.stickerName = stickerName;
        this.roomName = roomName;
    }

    /** The conversations muted on this computer, as lower-case conversation names ({@code group}, {@code @bob}). */
    public ObservableSet<String> muted() {
        return muted;
    }

    public boolean isMuted(Conversation conversation) {
        return muted.contains(key(conversation));
    }

    public void setMuted(Conversation conversation, boolean mute) {
        if (mute) {
            muted.add(key(conversation));
        } else {
            muted.remove(key(conversation));
        }
    }

    /** Suppresses every notification and sound while true; set from the user's presence (busy) by the app. */
    public BooleanProperty doNotDisturbProperty() {
        return doNotDisturb;
    }

    /** Who shows the notifications this policy decides on: the desktop's notifier. */
    public void setOnNotify(Consumer<Notification> onNotify) {
        this.onNotify = onNotify;
    }

    /**
     * Decides on a message that has just arrived and, when it calls the user, hands its notification on.
     *
     * @param live    received as it was sent, not caught up on (PROTOCOL.md §7.21)
     * @param inFront its conversation is the one shown and the window has the focus
     * @param me      the user's login name
     * @return whether the message calls the user's attention (chime, count in the title)
     */
    public boolean arrived(ChatEntry entry, boolean live, boolean inFront, String me) {
        if (!calls(entry, live, inFront, me)) {
            return false;
        }
        onNotify.accept(describe(entry, Mentions.callsMe(entry, me, live)));
        return true;
    }

    /** Whether {@code entry} calls the user, by the rules of this class. */
    public boolean calls(ChatEntry entry, boolean live, boolean inFront, String me) {
        if (entry.own() || !live || inFront || entry.isChange() || doNotDisturb.get()) {
            return false;
        }
        return !isMuted(entry.conversation()) || Mentions.callsMe(entry, me, live);
    }

    /** The notification for {@code entry}: who (and where, for the group or a room) in the summary, its first line as the body. */
    public Notification describe(ChatEntry entry, boolean mention) {
        String sender = shownName.apply(entry.from());
        String summary = entry.conversation().isGroup() ? Texts.text("mentions.notification.inGroup", sender)
                : entry.conversation().isRoom()
                        ? Texts.text("rooms.notification.inRoom", sender, roomName.apply(entry.conversation()))
                        : sender;
        String body = entry.isSticker() ? Texts.text("mentions.notification.sticker", stickerName.apply(entry.sticker()))
                : firstLine(entry.text());
        return new Notification(entry.conversation(), summary, body, mention);
    }

    /** The first non-blank line, cut at {@link #BODY_CHARS} on a code point boundary. */
    static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
        if (line.codePointCount(0, line.length()) <= BODY_CHARS) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, BODY_CHARS - 1)).stripTrailing() + "…";
    }

    private static String key(Conversation conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }
}
