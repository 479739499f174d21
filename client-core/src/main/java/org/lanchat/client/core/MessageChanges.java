package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.Usernames;

/**
 * The edits, deletes and reactions one conversation holds, by the message each changes (PROTOCOL.md §7.19). They are
 * kept rather than applied once, because a change can arrive before its message (paging backwards loads newer entries
 * first) and a message is shown as its changes leave it, applied in sequence order: the latest edit's text, a
 * tombstone once deleted (later changes ignored), and per emoji the set of users who reacted. An edit or a delete
 * counts only from the message's own sender: the appliance checks that too, but a client need not trust a change
 * that says otherwise. Confined to the client's core thread.
 */
final class MessageChanges {
    private final Map<Long, TreeMap<Long, ChatMessage>> byTarget = new HashMap<>();

    /** The sequence number of the message a change is about. */
    static long targetOf(ChatMessage change) {
        if (change.edits() != null) {
            return change.edits();
        }
        if (change.deletes() != null) {
            return change.deletes();
        }
        return change.reactsTo();
    }

    /** Keeps a change; false if it was already held. */
    boolean add(ChatMessage change) {
        return byTarget.computeIfAbsent(targetOf(change), t -> new TreeMap<>()).put(change.seq(), change) == null;
    }

    boolean holds(ChatMessage change) {
        TreeMap<Long, ChatMessage> changes = byTarget.get(targetOf(change));
        return changes != null && changes.containsKey(change.seq());
    }

    /** The message as its changes leave it; as it is when it has none or is not yet committed. */
    ChatEntry apply(ChatEntry message) {
        TreeMap<Long, ChatMessage> changes = message.seq() == 0 ? null : byTarget.get(message.seq());
        if (changes == null) {
            return message;
        }
        String sender = Usernames.key(message.from());
        String text = message.text();
        boolean edited = false;
        boolean deleted = false;
        Map<String, Set<String>> reactions = new LinkedHashMap<>();
        for (ChatMessage change : changes.values()) {
            boolean bySender = Usernames.key(change.from()).equals(sender);
            if (change.edits() != null && bySender && message.text() != null) {
                text = change.text();
                edited = true;
            } else if (change.deletes() != null && bySender) {
                deleted = true;
                break;
            } else if (change.reactsTo() != null && change.reaction() != null) {
                react(reactions, change);
            }
        }
        List<ChatEntry.Reaction> now = new ArrayList<>();
        reactions.forEach((emoji, users) -> now.add(new ChatEntry.Reaction(emoji, List.copyOf(users))));
        return message.changed(text, edited, deleted, now);
    }

    private static void react(Map<String, Set<String>> reactions, ChatMessage change) {
        if (change.removesReaction()) {
            Set<String> users = reactions.get(change.reaction());
            if (users != null && users.remove(change.from()) && users.isEmpty()) {
                reactions.remove(change.reaction());
            }
        } else {
            reactions.computeIfAbsent(change.reaction(), e -> new LinkedHashSet<>()).add(change.from());
        }
    }

    /** Forgets the changes to messages up to {@code seq}: cleared, or no longer held. */
    void forgetThrough(long seq) {
        byTarget.keySet().removeIf(target -> target <= seq);
    }
}
