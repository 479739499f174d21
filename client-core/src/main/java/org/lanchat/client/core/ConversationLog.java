package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;

/**
 * The messages the client holds for one conversation, de-duplicated by {@link ChatEntry#key()}, with the
 * catch-up mark of PROTOCOL.md §7.5: {@code lastSeenSeq}, the highest sequence number up to which the
 * client has every message. Confined to the client's core thread.
 */
final class ConversationLog {
    enum Put { ADDED, UPDATED, UNCHANGED, HIDDEN }

    /**
     * How many messages a conversation keeps in memory: the newest, for the chat window; older ones stay on the
     * appliance and come back through history paging. Without a bound a client left open all week holds every
     * message it ever saw.
     */
    static final int KEPT = 300;

    private static final Comparator<ChatEntry> ORDER = Comparator
            .comparingLong((ChatEntry e) -> e.seq() == 0 ? Long.MAX_VALUE : e.seq())
            .thenComparingLong(ChatEntry::sentAt);

    private Conversation conversation;
    private final Map<String, ChatEntry> byKey = new LinkedHashMap<>();
    private final java.util.TreeSet<Long> seqs = new java.util.TreeSet<>();
    private final MessageChanges changes = new MessageChanges();
    /** Null until the client has synchronised this conversation once. */
    private Long lastSeenSeq;
    private long clearedThrough;
    private int unread;
    /** The user's own read mark (PROTOCOL.md §7.18), from any of their devices: nothing at or below it is unread. */
    private long readThrough;
    private boolean syncing;

    ConversationLog(Conversation conversation) {
        this.conversation = conversation;
    }

    Conversation conversation() {
        return conversation;
    }

    /** Adopts the appliance's spelling of the conversation name. */
    void canonical(Conversation named) {
        this.conversation = named;
    }

    Put put(ChatEntry entry) {
        if (entry.seq() > 0 && entry.seq() <= clearedThrough) {
            return Put.HIDDEN;
        }
        ChatEntry previous = byKey.put(entry.key(), entry);
        if (entry.seq() > 0) {
            seqs.add(entry.seq());
            advance();
        }
        if (previous == null) {
            trim();
            return Put.ADDED;
        }
        return previous.equals(entry) ? Put.UNCHANGED : Put.UPDATED;
    }

    /** Whether this change is already held. */
    boolean changeHeld(ChatMessage change) {
        return changes.holds(change);
    }

    /**
     * Keeps an edit, delete or reaction (§7.19), which counts for the catch-up mark like any entry; returns the
     * message it changes as it stands now, when that message is held here.
     */
    Optional<ChatEntry> putChange(ChatMessage change) {
        if (change.seq() <= clearedThrough || !changes.add(change)) {
            return Optional.empty();
        }
        seqs.add(change.seq());
        advance();
        long target = MessageChanges.targetOf(change);
        return byKey.values().stream().filter(e -> e.seq() == target).findFirst().map(changes::apply);
    }

    /**
     * Forgets the oldest committed messages beyond {@link #KEPT}, never one still pending; and the sequence
     * numbers up to the catch-up mark, which {@link #advance} no longer needs.
     */
    private void trim() {
        if (lastSeenSeq != null) {
            seqs.headSet(lastSeenSeq, false).clear();
        }
        int excess = byKey.size() - KEPT;
        if (excess <= 0) {
            return;
        }
        List<ChatEntry> oldest = byKey.values().stream().filter(e -> e.seq() > 0).sorted(ORDER).limit(excess).toList();
        for (ChatEntry e : oldest) {
            byKey.remove(e.key());
        }
        if (!oldest.isEmpty()) {
            changes.forgetThrough(oldest.getLast().seq());
        }
    }

    int size() {
        return byKey.size();
    }

    /** The entry held under {@link ChatEntry#key()}, if any, with its changes applied. */
    Optional<ChatEntry> get(String key) {
        return Optional.ofNullable(byKey.get(key)).map(changes::apply);
    }

    private void advance() {
        if (lastSeenSeq == null) {
            return;
        }
        while (seqs.contains(lastSeenSeq + 1)) {
            lastSeenSeq++;
        }
    }

    /** Everything up to {@code seq} is known to be held (the appliance said so: a page without more). */
    void seenThrough(long seq) {
        lastSeenSeq = lastSeenSeq == null ? seq : Math.max(lastSeenSeq, seq);
        advance();
    }

    Optional<Long> lastSeenSeq() {
        return Optional.ofNullable(lastSeenSeq);
    }

    /** Hides messages up to {@code through}; returns false if they already were. */
    boolean clear(long through) {
        if (through <= clearedThrough) {
            return false;
        }
        clearedThrough = through;
        byKey.values().removeIf(e -> e.seq() > 0 && e.seq() <= through);
        changes.forgetThrough(through);
        seqs.headSet(through, true).clear();
        seenThrough(through);
        return true;
    }

    long clearedThrough() {
        return clearedThrough;
    }

    boolean syncing() {
        return syncing;
    }

    void syncing(boolean value) {
        syncing = value;
    }

    int unread() {
        return unread;
    }

    void incrementUnread() {
        unread++;
    }

    void markRead() {
        unread = 0;
    }

    long readThrough() {
        return readThrough;
    }

    /** Whether {@code entry} is covered by the user's read mark (a message sent directly has no seq yet: never). */
    boolean readElsewhere(ChatEntry entry) {
        return entry.seq() > 0 && entry.seq() <= readThrough;
    }

    /**
     * Moves the user's read mark forward; true when that lowered the unread count, which becomes the number of
     * others' messages held above the mark (never more than it was: the count may include messages not held).
     */
    boolean readThrough(long seq) {
        if (seq <= readThrough) {
            return false;
        }
        readThrough = seq;
        int above = (int) byKey.values().stream().filter(e -> !e.own() && !readElsewhere(e)).count();
        if (above >= unread) {
            return false;
        }
        unread = above;
        return true;
    }

    /** The messages held, oldest first, each with its changes applied; changes themselves are not entries. */
    List<ChatEntry> entries() {
        List<ChatEntry> all = new ArrayList<>(byKey.size());
        byKey.values().forEach(e -> all.add(changes.apply(e)));
        all.sort(ORDER);
        return all;
    }

    ConversationSummary summary() {
        List<ChatEntry> all = entries();
        return new ConversationSummary(conversation, unread, all.isEmpty() ? Optional.empty() : Optional.of(all.getLast()));
    }
}
