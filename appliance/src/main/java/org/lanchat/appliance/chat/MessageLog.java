package org.lanchat.appliance.chat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.lanchat.appliance.Refused;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.MessageStore.SenderClientId;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread takes every send queued since its last commit, assigns message ids
 * and per-conversation sequence numbers, and commits them in one transaction. Only then are the new
 * messages handed to {@code onCommitted} (which relays them) and the senders' futures completed (which
 * acknowledges them), both in acceptance order.
 *
 * <p>Batches form by themselves: while one commit is in flight the next sends queue up, so a loaded
 * appliance commits hundreds per transaction and an idle one commits each send at once with no added
 * delay. A resend of a (sender, client message id) already stored completes with the original message
 * and is not relayed again. If a commit fails, nothing in the batch is acknowledged and the counters are
 * re-read from the database before the next batch, so sequence numbers stay contiguous.
 */
public final class MessageLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);

    /**
     * A send waiting to be committed. {@code recipientId} is null for the group; {@code originLinkId}
     * names the connection it came from, so the relay can leave that one out (it gets the ack instead).
     */
    public record Append(long senderId, ConversationKey conversation, Long recipientId, String clientMsgId,
                         String text, String sticker, long originLinkId) {
    }

    /** Receives each newly committed message, in commit order, on the writer thread. */
    @FunctionalInterface
    public interface CommitListener {
        void committed(StoredMessage message, long originLinkId);
    }

    /** The outcome of an append: the stored message and whether it had been stored before. */
    public record Accepted(StoredMessage message, boolean duplicate) {
    }

    private record Pending(Append append, CompletableFuture<Accepted> result) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final MessageStore store;
    private final LongPredicate isOnline;
    private final CommitListener onCommitted;
    private final LongSupplier clock;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final Map<ConversationKey, Long> lastSeq = new HashMap<>();
    private long lastId = -1;
    private volatile boolean accepting = true;
    private volatile long committedBatches;

    public MessageLog(MessageStore store, LongPredicate isOnline, CommitListener onCommitted,
                      LongSupplier clock, int maxBatch, int queueCapacity) {
        this.store = store;
        this.isOnline = isOnline;
        this.onCommitted = onCommitted;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = Thread.ofPlatform().name("lanchat-message-log").daemon(false).unstarted(this::run);
    }

    public void start() {
        writer.start();
    }

    /**
     * Queues a send. The future completes after commit, or fails with {@link Refused} ({@code busy} when
     * the queue is full, {@code shutting_down}, {@code client_msg_id_conflict}) or
     * {@link StoreUnavailableException}.
     */
    public CompletableFuture<Accepted> append(Append append) {
        CompletableFuture<Accepted> result = new CompletableFuture<>();
        if (!accepting) {
            result.completeExceptionally(new Refused(ErrorCode.SHUTTING_DOWN, "the appliance is shutting down"));
        } else if (!queue.offer(new Pending(append, result))) {
            result.completeExceptionally(new Refused(ErrorCode.BUSY, "too many messages waiting to be stored; retry shortly",
                    Duration.ofMillis(500)));
        }
        return result;
    }

    /** Number of transactions committed so far; the watchdog uses it to see the writer making progress. */
    public long committedBatches() {
        return committedBatches;
    }

    /** Sends queued and not yet committed. */
    public int backlog() {
        return queue.size();
    }

    /** Stops taking sends, commits everything already queued, and waits for the writer to finish. */
    @Override
    public void close() {
        accepting = false;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            int stop = batch.indexOf(STOP);
            if (stop >= 0) {
                stopping = true;
                batch.remove(stop);
                queue.drainTo(batch); // sends that raced the STOP marker are still committed
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
        log.info("Message log closed after {} commits", committedBatches);
    }

    private void commit(List<Pending> batch) {
        List<StoredMessage> fresh = new ArrayList<>(batch.size());
        Map<Long, Long> origins = new HashMap<>();
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (Connection c = store.database().connection()) {
            c.setAutoCommit(false);
            try {
                plan(c, batch, fresh, completions, origins);
                store.insertBatch(c, fresh);
                store.insertPending(c, offlineRecipients(fresh));
                c.commit();
                committedBatches++;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            forgetCounters();
            StoreUnavailableException failure = e instanceof StoreUnavailableException s ? s
                    : new StoreUnavailableException("could not store messages: " + e.getMessage(), e);
            log.warn("Group commit of {} messages failed, none acknowledged: {}", batch.size(), failure.getMessage());
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        for (StoredMessage m : fresh) {
            try {
                onCommitted.committed(m, origins.getOrDefault(m.id(), 0L));
            } catch (RuntimeException | OutOfMemoryError e) {
                // Out of (direct) memory while relaying is survivable here: the message is committed and
                // its completion must still run, and this thread is the only one that commits.
                log.error("Relaying message {} failed; it is stored and clients will catch up from history", m.id(), e);
            }
        }
        completions.forEach(Runnable::run);
    }

    /** Sorts the batch into new messages (with ids and sequence numbers) and resends of stored ones. */
    private void plan(Connection c, List<Pending> batch, List<StoredMessage> fresh, List<Runnable> completions,
                      Map<Long, Long> origins) throws SQLException {
        Set<SenderClientId> keys = new LinkedHashSet<>();
        for (Pending p : batch) {
            keys.add(new SenderClientId(p.append().senderId(), p.append().clientMsgId()));
        }
        Map<SenderClientId, StoredMessage> known = new HashMap<>(store.findByClientIds(c, keys));
        if (lastId < 0) {
            lastId = store.maxId(c);
        }
        long now = clock.getAsLong();
        for (Pending p : batch) {
            Append a = p.append();
            SenderClientId key = new SenderClientId(a.senderId(), a.clientMsgId());
            StoredMessage existing = known.get(key);
            if (existing != null) {
                if (existing.sameContentAs(a.conversation(), a.text(), a.sticker())) {
                    completions.add(() -> p.result().complete(new Accepted(existing, true)));
                } else {
                    completions.add(() -> p.result().completeExceptionally(new Refused(ErrorCode.CLIENT_MSG_ID_CONFLICT,
                            "clientMsgId '" + a.clientMsgId() + "' was already used for a different message")));
                }
                continue;
            }
            long seq = nextSeq(c, a.conversation());
            StoredMessage m = new StoredMessage(++lastId, a.conversation(), seq, a.senderId(), a.recipientId(),
                    a.clientMsgId(), a.text(), a.sticker(), now);
            known.put(key, m);
            fresh.add(m);
            origins.put(m.id(), a.originLinkId());
            completions.add(() -> p.result().complete(new Accepted(m, false)));
        }
    }

    private long nextSeq(Connection c, ConversationKey conversation) throws SQLException {
        Long last = lastSeq.get(conversation);
        if (last == null) {
            last = store.maxSeq(c, conversation);
        }
        lastSeq.put(conversation, last + 1);
        return last + 1;
    }

    private Map<Long, Long> offlineRecipients(List<StoredMessage> fresh) {
        Map<Long, Long> pending = new HashMap<>();
        for (StoredMessage m : fresh) {
            if (m.recipientId() != null && !isOnline.test(m.recipientId())) {
                pending.put(m.id(), m.recipientId());
            }
        }
        return pending;
    }

    /** After a failed commit our counters may be ahead of the database; re-read them. */
    private void forgetCounters() {
        lastSeq.clear();
        lastId = -1;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("Rollback after a failed commit also failed: {}", e.getMessage());
        }
    }
}
