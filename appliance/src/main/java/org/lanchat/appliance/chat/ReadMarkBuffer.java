package org.lanchat.appliance.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.store.ReadMarkStore.ReadMark;
import org.lanchat.appliance.store.StoreUnavailableException;

/**
 * Read marks accepted but not yet written. A client marks a conversation read each time new messages come
 * into view, often several times a second while a room is busy; only the newest mark of each user and
 * conversation matters, so marks wait here and {@link #flush} writes the newest of each in one batch every
 * flush interval. The message commit path never sees them.
 *
 * <p>What is buffered counts as stored for readers ({@link #pending}); a crash loses at most one interval of
 * marks, which the clients' next marks restore. Thread-safe.
 */
public final class ReadMarkBuffer {
    /** Marks waiting while the database cannot write, before new ones are refused. */
    static final int MAX_PENDING = 100_000;

    private record Key(long userId, ConversationKey conversation) {
    }

    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final Consumer<List<ReadMark>> writer;

    /** @param writer raises stored marks in one batch ({@link org.lanchat.appliance.store.ReadMarkStore#raise}) */
    public ReadMarkBuffer(Consumer<List<ReadMark>> writer) {
        this.writer = writer;
    }

    /** Raises a buffered mark (never lowers it). */
    void raise(long userId, ConversationKey conversation, long readThrough) {
        if (pending.size() >= MAX_PENDING) {
            throw new StoreUnavailableException("too many read marks waiting for the database", null);
        }
        pending.merge(new Key(userId, conversation), readThrough, Math::max);
    }

    /** The buffered mark, 0 when none waits. */
    long pending(long userId, ConversationKey conversation) {
        return pending.getOrDefault(new Key(userId, conversation), 0L);
    }

    /** Every buffered mark of one conversation: user id to mark. */
    Map<Long, Long> pendingOf(ConversationKey conversation) {
        Map<Long, Long> marks = new HashMap<>();
        pending.forEach((key, seq) -> {
            if (key.conversation().equals(conversation)) {
                marks.put(key.userId(), seq);
            }
        });
        return marks;
    }

    /** Every buffered mark of one user's own, by conversation. */
    Map<ConversationKey, Long> pendingOfUser(long userId) {
        Map<ConversationKey, Long> marks = new HashMap<>();
        pending.forEach((key, seq) -> {
            if (key.userId() == userId) {
                marks.put(key.conversation(), seq);
            }
        });
        return marks;
    }

    /**
     * Writes what waits. A mark raised again while the batch was written stays for the next flush; when the
     * write fails, everything stays and the next flush tries again.
     */
    public void flush() {
        List<Map.Entry<Key, Long>> batch = new ArrayList<>(pending.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        if (batch.isEmpty()) {
            return;
        }
        writer.accept(batch.stream().map(e -> new ReadMark(e.getKey().userId(), e.getKey().conversation(), e.getValue()))
                .toList());
        batch.forEach(e -> pending.remove(e.getKey(), e.getValue()));
    }
}
