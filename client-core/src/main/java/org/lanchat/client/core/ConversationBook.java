package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;

/**
 * The conversations the client holds: their messages, unread counts, and which one the user has open. Every
 * change is told to the listeners as it happens. Confined to the client's loop.
 */
final class ConversationBook {
    private final ClientListener events;
    private final Map<String, ConversationLog> logs = new LinkedHashMap<>();
    private String active;
    /** The user whose conversations these are: tells their own messages from others'. */
    private String me;

    ConversationBook(ClientListener events) {
        this.events = events;
    }

    /** Whose conversations these are from now on; another user's are forgotten first. */
    void owner(String username, boolean newUser) {
        if (newUser) {
            logs.clear();
            active = null;
        }
        me = username;
    }

    /** Whose conversations these are, once a session started; null before. */
    String owner() {
        return me;
    }

    /** The conversation's log, created (and announced) when it is new here. */
    ConversationLog log(Conversation conversation) {
        return logs.computeIfAbsent(key(conversation), k -> {
            ConversationLog created = new ConversationLog(conversation);
            events.onEvent(new ClientEvent.ConversationChanged(created.summary()));
            return created;
        });
    }

    Optional<ConversationLog> find(Conversation conversation) {
        return Optional.ofNullable(logs.get(key(conversation)));
    }

    /** Every conversation held, as a copy (catching up adds to them while it walks the list). */
    List<ConversationLog> all() {
        return new ArrayList<>(logs.values());
    }

    /** Makes the conversation the open one: its messages count as read. */
    ConversationLog activate(Conversation conversation) {
        ConversationLog conv = log(conversation);
        active = key(conversation);
        if (conv.unread() > 0) {
            conv.markRead();
        }
        events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
        return conv;
    }

    boolean isActive(ConversationLog conv) {
        return key(conv.conversation()).equals(active);
    }

    /** A message pushed as it was sent: counted as unread unless its conversation is open. */
    ConversationLog live(ChatMessage m) {
        ConversationLog conv = log(m.conversation());
        conv.canonical(m.conversation());
        if (m.isChange()) {
            change(conv, m, true);
        } else {
            store(entry(m), true, true);
        }
        return conv;
    }

    /** A message read from history; {@code countUnread} when the user has not seen it anywhere yet. */
    void fromHistory(ChatMessage m, boolean countUnread) {
        if (m.isChange()) {
            change(log(m.conversation()), m, false);
        } else {
            store(entry(m), false, countUnread);
        }
    }

    /** An edit, delete or reaction: never an entry or unread itself, it updates the message it changes (§7.19). */
    private void change(ConversationLog conv, ChatMessage m, boolean live) {
        boolean known = conv.changeHeld(m);
        Optional<ChatEntry> target = conv.putChange(m);
        if (!known && m.seq() > conv.clearedThrough()) {
            events.onEvent(new ClientEvent.MessageChanged(entry(m), live));
        }
        target.ifPresent(changed -> {
            events.onEvent(new ClientEvent.MessageUpdated(changed));
            events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
        });
    }

    /** Adds or updates an entry and tells listeners; {@code countUnread} for messages the user has not seen. */
    void store(ChatEntry entry, boolean live, boolean countUnread) {
        ConversationLog conv = log(entry.conversation());
        ConversationLog.Put put = conv.put(entry);
        // Shown with the changes that came before it (paging backwards loads newer entries first).
        ChatEntry shown = conv.get(entry.key()).orElse(entry);
        switch (put) {
            case ADDED -> {
                if (countUnread && !shown.own() && !isActive(conv) && !conv.readElsewhere(shown)) {
                    conv.incrementUnread();
                }
                events.onEvent(new ClientEvent.MessageAdded(shown, live));
                events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
            }
            case UPDATED -> {
                events.onEvent(new ClientEvent.MessageUpdated(shown));
                events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
            }
            case UNCHANGED, HIDDEN -> {
            }
        }
    }

    /**
     * The user's own read mark moved, on this device or another (PROTOCOL.md §7.18: a client shows as unread the
     * messages above its user's mark, whichever device read them).
     */
    void ownMark(Conversation conversation, long seq) {
        ConversationLog conv = log(conversation);
        if (conv.readThrough(seq)) {
            events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
        }
    }

    /** Hides the conversation's messages up to {@code through} (cleared here or on another computer). */
    void clear(ConversationLog conv, long through) {
        if (conv.clear(through)) {
            events.onEvent(new ClientEvent.ConversationCleared(conv.conversation(), through));
            events.onEvent(new ClientEvent.ConversationChanged(conv.summary()));
        }
    }

    List<ChatEntry> entries(Conversation conversation) {
        return find(conversation).map(ConversationLog::entries).orElse(List.of());
    }

    /** One of the user's own messages, by its client message id. */
    Optional<ChatEntry> own(Conversation conversation, String clientMsgId) {
        return find(conversation).flatMap(conv -> conv.get("own:" + clientMsgId));
    }

    ChatEntry entry(ChatMessage m) {
        return ChatEntry.received(m, me);
    }

    static String key(Conversation conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }
}
