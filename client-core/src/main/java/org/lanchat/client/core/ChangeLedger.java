package org.lanchat.client.core;

import org.lanchat.protocol.message.ConversationMessage.ChatMessage;

/**
 * Applies the changes of history pages to their messages (PROTOCOL.md §7.19), for a program that pages through
 * {@link ChatService#history} itself, such as a history window: paging backwards loads a change before the message it
 * changes, so keep every change of every page here and show each message {@link #apply applied}. The same rules as the
 * client's own conversations. Not thread-safe: use it from one thread.
 */
public final class ChangeLedger {
    private final MessageChanges changes = new MessageChanges();

    /** Keeps an entry that changes a message; one that does not ({@link ChatEntry#isChange()} false) is ignored. */
    public void add(ChatEntry entry) {
        if (!entry.isChange()) {
            return;
        }
        ChatEntry.Change c = entry.change();
        ChatEntry.Change.Kind kind = c.kind();
        changes.add(new ChatMessage(entry.messageId(), entry.conversation(), entry.seq(), entry.from(), entry.clientMsgId(),
                entry.text(), null, entry.sentAt(), null, kind == ChatEntry.Change.Kind.EDIT ? c.target() : null,
                kind == ChatEntry.Change.Kind.DELETE ? c.target() : null,
                kind == ChatEntry.Change.Kind.REACT || kind == ChatEntry.Change.Kind.UNREACT ? c.target() : null, c.emoji(),
                kind == ChatEntry.Change.Kind.UNREACT ? Boolean.TRUE : null));
    }

    /** The message as the changes kept so far leave it. */
    public ChatEntry apply(ChatEntry message) {
        return changes.apply(message);
    }
}
