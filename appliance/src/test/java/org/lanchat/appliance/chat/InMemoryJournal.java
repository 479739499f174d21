package org.lanchat.appliance.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.MessageJournal;
import org.lanchat.appliance.store.StoreUnavailableException;

/**
 * A message journal in memory, for tests of the group-commit writer: it keeps what was committed,
 * counts how often the counters were read, and can be told to hold a commit or to fail the next one.
 */
final class InMemoryJournal implements MessageJournal {
    final List<StoredMessage> committed = new CopyOnWriteArrayList<>();
    final Map<Long, Long> pending = new HashMap<>();
    /** Messages per committed transaction, in commit order. */
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger maxIdReads = new AtomicInteger();
    final AtomicInteger maxSeqReads = new AtomicInteger();
    /** Runs on the writer just before each commit; a test may block it there. */
    volatile Runnable beforeCommit = () -> { };
    private volatile boolean failNextCommit;
    private volatile boolean loseNextCommitsAnswer;

    void failNextCommit() {
        failNextCommit = true;
    }

    /** The next commit happens, and then fails as if the database went away before it could say so. */
    void loseNextCommitsAnswer() {
        loseNextCommitsAnswer = true;
    }

    synchronized Map<Long, Long> pending() {
        return Map.copyOf(pending);
    }

    @Override
    public List<StoredMessage> committedBetween(long after, long before, int limit) {
        return committed.stream().filter(m -> m.id() > after && m.id() < before)
                .sorted(java.util.Comparator.comparingLong(StoredMessage::id)).limit(limit).toList();
    }

    @Override
    public Transaction begin() {
        return new Transaction() {
            private final List<StoredMessage> staged = new ArrayList<>();
            private final Map<Long, Long> stagedPending = new HashMap<>();

            @Override
            public long maxId() {
                maxIdReads.incrementAndGet();
                return committed.stream().mapToLong(StoredMessage::id).max().orElse(0);
            }

            @Override
            public long maxSeq(ConversationKey conversation) {
                maxSeqReads.incrementAndGet();
                return committed.stream().filter(m -> m.conversation().equals(conversation))
                        .mapToLong(StoredMessage::seq).max().orElse(0);
            }

            @Override
            public Map<SenderClientId, StoredMessage> findByClientIds(Collection<SenderClientId> ids) {
                Map<SenderClientId, StoredMessage> found = new HashMap<>();
                for (StoredMessage m : committed) {
                    SenderClientId key = new SenderClientId(m.senderId(), m.clientMsgId());
                    if (ids.contains(key)) {
                        found.put(key, m);
                    }
                }
                return found;
            }

            @Override
            public void insert(List<StoredMessage> messages) {
                staged.addAll(messages);
            }

            @Override
            public void insertPending(Map<Long, Long> messageIdToUserId) {
                stagedPending.putAll(messageIdToUserId);
            }

            @Override
            public void commit() {
                beforeCommit.run();
                if (failNextCommit) {
                    failNextCommit = false;
                    throw new StoreUnavailableException("the database went away", null);
                }
                synchronized (InMemoryJournal.this) {
                    pending.putAll(stagedPending);
                }
                committed.addAll(staged);
                batchSizes.add(staged.size());
                if (loseNextCommitsAnswer) {
                    loseNextCommitsAnswer = false;
                    throw new StoreUnavailableException("the connection broke before the commit's answer", null);
                }
            }

            @Override
            public void close() {
                staged.clear();
            }
        };
    }
}
