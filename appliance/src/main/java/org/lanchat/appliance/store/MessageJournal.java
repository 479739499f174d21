package org.lanchat.appliance.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;

/**
 * What the group-commit writer needs from storage: per batch, one transaction that reads the counters
 * and the earlier sends it must know about, writes the new messages with their offline deliveries, and
 * commits them together or not at all. {@link MessageStore} keeps it in the database. Every method may
 * throw {@link StoreUnavailableException}, and a write {@link RowRefusedException} when the database
 * refuses the data itself.
 */
public interface MessageJournal {
    /** A sender's client-chosen message id: the idempotency key of a send. */
    record SenderClientId(long senderId, String clientMsgId) {
    }

    /**
     * Whether other appliances may write to the same journal (a MySQL/MariaDB server): then every batch takes the
     * commit lock ({@link Transaction#lockForCommit}) and reads the counters afresh. An embedded database has
     * this appliance as its only writer, which may keep the counters in memory.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Whether {@link Transaction#insert} refuses a row whose (sender, client message id) is already stored, with a
     * {@link RowRefusedException} that says so ({@link RowRefusedException#duplicateClientId}), as a unique key does.
     * Then the writer may insert a batch without looking its ids up first, and look up only after such a refusal.
     */
    default boolean refusesStoredClientIds() {
        return false;
    }

    /**
     * Committed messages with {@code after < id < before}, in id order, at most {@code limit}, read outside any batch:
     * the writer asks after a commit whose outcome it could not learn.
     */
    List<StoredMessage> committedBetween(long after, long before, int limit);

    /** Starts a transaction; the caller closes it. */
    Transaction begin();

    /** One batch's transaction. Nothing it wrote is visible to anyone before {@link #commit}. */
    interface Transaction extends AutoCloseable {
        /**
         * Waits for the commit lock shared by every appliance writing to this journal, and holds it until the
         * transaction ends. Call it first: everything read after it includes what the batch before committed.
         */
        default void lockForCommit() {
        }

        /** Highest message id so far, or 0. */
        long maxId();

        /** Highest sequence number in a conversation, or 0. */
        long maxSeq(ConversationKey conversation);

        /** {@link #maxSeq} of each conversation, 0 for one without messages. */
        default Map<ConversationKey, Long> maxSeqs(Collection<ConversationKey> conversations) {
            Map<ConversationKey, Long> seqs = new java.util.HashMap<>();
            conversations.forEach(c -> seqs.put(c, maxSeq(c)));
            return seqs;
        }

        /** Already-stored messages for (sender, client message id) pairs, keyed the same way. */
        Map<SenderClientId, StoredMessage> findByClientIds(Collection<SenderClientId> ids);

        void insert(List<StoredMessage> messages);

        /** Records messages for users who had no session when they were committed: message id to user id. */
        void insertPending(Map<Long, Long> messageIdToUserId);

        void commit();

        /** Ends the transaction, rolling back whatever was not committed. */
        @Override
        void close();
    }
}
