package org.lanchat.appliance.chat;

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
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.MessageJournal;
import org.lanchat.appliance.store.MessageJournal.SenderClientId;
import org.lanchat.appliance.store.RowRefusedException;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread takes every send queued since its last commit, assigns message ids
 * and per-conversation sequence numbers, and commits them in one transaction. That is all the writer
 * does. It hands each committed batch to the relay thread, which gives the new messages to
 * {@code onCommitted} (which encodes and relays them) and then completes the senders' futures (which
 * acknowledges them), both in acceptance order, batch after batch. Encoding and name lookups therefore
 * never hold up the next commit, and nothing is relayed or acknowledged before it is committed.
 *
 * <p>Batches form by themselves: while one commit is in flight the next sends queue up, so a loaded
 * appliance commits hundreds per transaction and an idle one commits each send at once with no added
 * delay. A resend of a (sender, client message id) already stored completes with the original message
 * and is not relayed again. Resends are rare, so where the journal's unique key refuses a stored id
 * ({@link MessageJournal#refusesStoredClientIds}) a batch is inserted without looking its ids up, and only a batch
 * that has a row refused is committed again with the lookup. If a commit fails, nothing in the batch is acknowledged and the counters are
 * re-read from the database before the next batch, so sequence numbers stay contiguous. When other appliances
 * write to the same database ({@link MessageJournal#shared}), every batch first takes the commit lock they all
 * share and reads the counters afresh, so ids and sequence numbers stay unique and gap-free across them; if the database
 * refuses one row's data, that send alone is refused and the rest commit ({@link #commit(List, boolean)}). When the relay
 * falls {@value #RELAY_BACKLOG} batches behind, the writer waits for it: memory stays bounded, and new
 * sends queue up until the queue is full and further ones are refused as {@code busy}.
 */
public final class MessageLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);
    /** Committed batches waiting for the relay before the writer waits too. */
    static final int RELAY_BACKLOG = 16;
    /** Batches that look their client ids up first after one had a row refused (see {@link #commit(List, boolean)}). */
    static final int CAREFUL_BATCHES_AFTER_A_REFUSAL = 100;

    /**
     * A send waiting to be committed. {@code recipientId} is null for the group; {@code originLinkId}
     * names the connection it came from, so the relay can leave that one out (it gets the ack instead).
     * {@code relation}, null for a plain message, makes it a reply or a change to an earlier message (§7.19).
     * {@code attachment}, null for most, is the file the message carries (§7.24).
     */
    public record Append(long senderId, ConversationKey conversation, Long recipientId, String clientMsgId,
                         String text, String sticker, long originLinkId, Long sentAt, Relation relation,
                         AttachedFile attachment) {
        public Append(long senderId, ConversationKey conversation, Long recipientId, String clientMsgId,
                      String text, String sticker, long originLinkId, Long sentAt, Relation relation) {
            this(senderId, conversation, recipientId, clientMsgId, text, sticker, originLinkId, sentAt, relation, null);
        }

        /** A send to store with its commit time. */
        public Append(long senderId, ConversationKey conversation, Long recipientId, String clientMsgId,
                      String text, String sticker, long originLinkId) {
            this(senderId, conversation, recipientId, clientMsgId, text, sticker, originLinkId, null, null);
        }

        /**
         * The same send, stored with the time its sender's client sent it (a message sent directly while the
         * appliance was away), or with the commit time if that is earlier: a clock ahead never dates a
         * message in the future.
         */
        public Append sentAt(long millis, long originLinkId) {
            return new Append(senderId, conversation, recipientId, clientMsgId, text, sticker, originLinkId, millis,
                    relation, attachment);
        }

        /** The same send as a reply to, or a change of, an earlier message. */
        public Append related(Relation newRelation) {
            return new Append(senderId, conversation, recipientId, clientMsgId, text, sticker, originLinkId, sentAt,
                    newRelation, attachment);
        }

        /** The same send carrying a file. */
        public Append carrying(AttachedFile file) {
            return new Append(senderId, conversation, recipientId, clientMsgId, text, sticker, originLinkId, sentAt,
                    relation, file);
        }
    }

    /** Receives each newly committed message, in commit order, on the relay thread (never the writer). */
    @FunctionalInterface
    public interface CommitListener {
        void committed(StoredMessage message, long originLinkId);
    }

    /**
     * Told on the writer which ids a batch is about to commit, and that they were given up when the commit failed
     * (the next batch allocates them again). A cluster member needs it to tell its own commits, which its relay
     * brings, from other members' it must fetch.
     */
    public interface CommitWatcher {
        CommitWatcher NONE = new CommitWatcher() {
            @Override
            public void committing(long firstId, long lastId) {
            }

            @Override
            public void abandoned(long firstId, long lastId) {
            }
        };

        void committing(long firstId, long lastId);

        void abandoned(long firstId, long lastId);
    }

    /** The outcome of an append: the stored message and whether it had been stored before. */
    public record Accepted(StoredMessage message, boolean duplicate) {
    }

    private record Pending(Append append, CompletableFuture<Accepted> result) {
    }

    private static final Pending STOP = new Pending(null, null);
    private static final Runnable STOP_RELAY = () -> { };

    private final MessageJournal journal;
    private final LongPredicate isOnline;
    private final CommitListener onCommitted;
    private final CommitWatcher watcher;
    private final LongSupplier clock;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final BlockingQueue<Runnable> relayQueue = new ArrayBlockingQueue<>(RELAY_BACKLOG);
    private final Thread writer;
    private final Thread relay;
    private final Map<ConversationKey, Long> lastSeq = new HashMap<>();
    private long lastId = -1;
    private int carefulBatches;
    /** New messages of failed commits that may have been stored all the same, in id order (see resolveInDoubt). */
    private final List<StoredMessage> inDoubt = new ArrayList<>();
    private final Map<Long, Long> inDoubtOrigins = new HashMap<>();
    private volatile boolean accepting = true;
    private volatile long committedBatches;

    /**
     * @param isOnline    whether a user has a connection now; asked on the writer for each private message,
     *                    so it must answer from memory
     * @param onCommitted the relay, called on the relay thread
     */
    public MessageLog(MessageJournal journal, LongPredicate isOnline, CommitListener onCommitted,
                      LongSupplier clock, int maxBatch, int queueCapacity) {
        this(journal, isOnline, onCommitted, CommitWatcher.NONE, clock, maxBatch, queueCapacity);
    }

    public MessageLog(MessageJournal journal, LongPredicate isOnline, CommitListener onCommitted, CommitWatcher watcher,
                      LongSupplier clock, int maxBatch, int queueCapacity) {
        this.watcher = watcher;
        this.journal = journal;
        this.isOnline = isOnline;
        this.onCommitted = onCommitted;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = Thread.ofPlatform().name("lanchat-message-log").daemon(false).unstarted(this::write);
        this.relay = Thread.ofPlatform().name("lanchat-relay").daemon(false).unstarted(this::relay);
    }

    public void start() {
        relay.start();
        writer.start();
    }

    /**
     * Queues a send. The future completes after commit, on the relay thread, or fails with
     * {@link Refused} ({@code busy} when the queue is full, {@code shutting_down},
     * {@code client_msg_id_conflict}) or {@link StoreUnavailableException}.
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

    /**
     * Stops taking sends, commits everything already queued, and waits until it is relayed and
     * acknowledged.
     */
    @Override
    public void close() {
        accepting = false;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            relay.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
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
        handToRelay(STOP_RELAY);
        log.info("Message log closed after {} commits", committedBatches);
    }

    private void relay() {
        while (true) {
            Runnable task;
            try {
                task = relayQueue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP_RELAY) {
                return;
            }
            task.run();
        }
    }

    /**
     * Commits the batch in one transaction. When the database refuses the data of some row, the batch is
     * halved and each half committed on its own, down to the single row at fault, which alone is refused
     * with an error its sender will not retry; everyone else's sends commit. Any other failure leaves the
     * whole batch unacknowledged, to be retried by its senders.
     */
    private void commit(List<Pending> batch) {
        boolean lookUp = !journal.refusesStoredClientIds() || carefulBatches > 0;
        if (carefulBatches > 0) {
            carefulBatches--;
        }
        commit(batch, lookUp);
    }

    /**
     * @param lookUp whether to look up the batch's (sender, client message id) keys before inserting. Without, a
     *               resend shows as the journal refusing its row, and the batch is committed again with the lookup.
     */
    private void commit(List<Pending> batch, boolean lookUp) {
        if (!inDoubt.isEmpty() && !resolveInDoubt()) {
            StoreUnavailableException failure = new StoreUnavailableException(
                    "could not store messages: the database cannot be read", null);
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        List<StoredMessage> fresh = new ArrayList<>(batch.size());
        Map<Long, Long> origins = new HashMap<>();
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (MessageJournal.Transaction tx = journal.begin()) {
            if (journal.shared()) {
                tx.lockForCommit(); // first: see lockForCommit
                long committed = tx.maxId();
                if (committed != lastId) {
                    // Another appliance committed since this one's last batch: its counters are stale. Unchanged, they
                    // are exact, and a batch costs the lock and this one read instead of a read per conversation.
                    forgetCounters();
                    lastId = committed;
                }
            }
            plan(tx, batch, fresh, completions, origins, lookUp);
            if (!fresh.isEmpty()) {
                watcher.committing(fresh.getFirst().id(), fresh.getLast().id());
            }
            tx.insert(fresh);
            tx.insertPending(offlineRecipients(fresh));
            tx.commit();
            committedBatches++;
        } catch (RowRefusedException e) {
            abandon(fresh);
            forgetCounters();
            if (!lookUp) {
                // Most likely a resend: this batch again with the lookup, which finds the original, and the next few
                // too, as a client that resends one unacknowledged message usually has more.
                carefulBatches = CAREFUL_BATCHES_AFTER_A_REFUSAL;
                commit(batch, true);
            } else if (batch.size() > 1) {
                int half = batch.size() / 2;
                commit(batch.subList(0, half), true);
                commit(batch.subList(half, batch.size()), true);
            } else {
                refuse(batch.get(0), e);
            }
            return;
        } catch (RuntimeException e) {
            abandon(fresh);
            forgetCounters();
            inDoubt.addAll(fresh); // the commit may have happened all the same: see resolveInDoubt
            fresh.forEach(m -> inDoubtOrigins.put(m.id(), origins.getOrDefault(m.id(), 0L)));
            StoreUnavailableException failure = e instanceof StoreUnavailableException s ? s
                    : new StoreUnavailableException("could not store messages: " + e.getMessage(), e);
            // At debug: the database's health logs the fault once per change and reminds of it once a minute.
            log.debug("Group commit of {} messages failed, none acknowledged: {}", batch.size(), failure.getMessage());
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        handToRelay(() -> {
            for (StoredMessage m : fresh) {
                relayOne(m, origins.getOrDefault(m.id(), 0L));
            }
            completions.forEach(Runnable::run);
        });
    }

    /** On the relay thread. */
    private void relayOne(StoredMessage m, long originLinkId) {
        try {
            onCommitted.committed(m, originLinkId);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of (direct) memory while relaying is survivable here: the message is committed and
            // its acknowledgement must still go out, and this thread is the only one that relays.
            log.error("Relaying message {} failed; it is stored and clients will catch up from history", m.id(), e);
        }
    }

    /**
     * A commit that fails as the database goes away may have been committed all the same (only its answer was lost).
     * Its senders were told it failed and will resend, and a resend of a stored message is acknowledged without being
     * relayed again: so before anything else is committed, the writer reads back the ids it had given that batch and
     * relays whichever of its messages are stored. It must be before, because the next batch takes the same ids when
     * they were not used; and it matches on sender and client message id, because on a shared database another
     * appliance may have taken them. Returns false when the database cannot be read yet (asked again next batch).
     */
    private boolean resolveInDoubt() {
        long first = inDoubt.getFirst().id();
        long last = inDoubt.getLast().id();
        List<StoredMessage> stored;
        try {
            stored = journal.committedBetween(first - 1, last + 1, (int) (last - first + 1));
        } catch (RuntimeException e) {
            log.debug("Cannot read back the messages of the failed commit yet: {}", e.getMessage());
            return false;
        }
        Map<SenderClientId, StoredMessage> ours = new HashMap<>();
        inDoubt.forEach(m -> ours.put(new SenderClientId(m.senderId(), m.clientMsgId()), m));
        List<StoredMessage> committed = stored.stream()
                .filter(m -> ours.get(new SenderClientId(m.senderId(), m.clientMsgId())) instanceof StoredMessage o
                        && o.id() == m.id())
                .toList();
        Map<Long, Long> origins = Map.copyOf(inDoubtOrigins);
        inDoubt.clear();
        inDoubtOrigins.clear();
        if (!committed.isEmpty()) {
            log.info("{} messages of a commit that seemed to fail were stored after all; relaying them", committed.size());
            handToRelay(() -> committed.forEach(m -> relayOne(m, origins.getOrDefault(m.id(), 0L))));
        }
        return true;
    }

    private void abandon(List<StoredMessage> fresh) {
        if (!fresh.isEmpty()) {
            watcher.abandoned(fresh.getFirst().id(), fresh.getLast().id());
        }
    }

    /** The one send the database refused; its answer goes through the relay, after the sends before it. */
    private void refuse(Pending p, RowRefusedException cause) {
        Append a = p.append();
        log.info("The database refused message '{}' of user {}; refused alone, the rest of its batch is stored: {}",
                a.clientMsgId(), a.senderId(), cause.getMessage());
        Refused refused = cause.duplicateClientId()
                ? new Refused(ErrorCode.CLIENT_MSG_ID_CONFLICT,
                        "clientMsgId '" + a.clientMsgId() + "' was already used for a different message")
                : new Refused(ErrorCode.INVALID_FIELD, "this message cannot be stored; it was not sent");
        handToRelay(() -> p.result().completeExceptionally(refused));
    }

    /** Waits while the relay is {@link #RELAY_BACKLOG} batches behind. */
    private void handToRelay(Runnable task) {
        try {
            relayQueue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while handing a committed batch to the relay; relaying it on the writer");
            task.run();
        }
    }

    /** Sorts the batch into new messages (with ids and sequence numbers) and resends of stored ones. */
    private void plan(MessageJournal.Transaction tx, List<Pending> batch, List<StoredMessage> fresh,
                      List<Runnable> completions, Map<Long, Long> origins, boolean lookUp) {
        Map<SenderClientId, StoredMessage> known = new HashMap<>(); // also catches a key sent twice in one batch
        if (lookUp) {
            Set<SenderClientId> keys = new LinkedHashSet<>();
            for (Pending p : batch) {
                keys.add(new SenderClientId(p.append().senderId(), p.append().clientMsgId()));
            }
            known.putAll(tx.findByClientIds(keys));
        }
        if (lastId < 0) {
            lastId = tx.maxId();
        }
        Set<ConversationKey> unknown = new LinkedHashSet<>();
        for (Pending p : batch) {
            if (!lastSeq.containsKey(p.append().conversation())) {
                unknown.add(p.append().conversation());
            }
        }
        if (!unknown.isEmpty()) {
            lastSeq.putAll(tx.maxSeqs(unknown)); // one statement for the whole batch on a server
        }
        long now = clock.getAsLong();
        for (Pending p : batch) {
            Append a = p.append();
            SenderClientId key = new SenderClientId(a.senderId(), a.clientMsgId());
            StoredMessage existing = known.get(key);
            if (existing != null) {
                if (existing.sameContentAs(a.conversation(), a.text(), a.sticker(), a.relation(), a.attachment())) {
                    completions.add(() -> p.result().complete(new Accepted(existing, true)));
                } else {
                    completions.add(() -> p.result().completeExceptionally(new Refused(ErrorCode.CLIENT_MSG_ID_CONFLICT,
                            "clientMsgId '" + a.clientMsgId() + "' was already used for a different message")));
                }
                continue;
            }
            long seq = nextSeq(tx, a.conversation());
            StoredMessage m = new StoredMessage(++lastId, a.conversation(), seq, a.senderId(), a.recipientId(),
                    a.clientMsgId(), a.text(), a.sticker(), a.sentAt() == null ? now : Math.min(a.sentAt(), now),
                    a.relation(), a.attachment());
            known.put(key, m);
            fresh.add(m);
            origins.put(m.id(), a.originLinkId());
            completions.add(() -> p.result().complete(new Accepted(m, false)));
        }
    }

    private long nextSeq(MessageJournal.Transaction tx, ConversationKey conversation) {
        Long last = lastSeq.get(conversation);
        if (last == null) {
            last = tx.maxSeq(conversation);
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
}
