package org.lanchat.appliance.store.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.MessageJournal;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.ReadBarrier;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's commit path, the way message brokers store: a batch is committed when its record is in the
 * journal ({@link JournalFile}: one sequential append and one {@code fdatasync}), and a thread of its own writes the
 * journaled batches into the database behind it, many batches per transaction. A database commit costs by the index
 * pages it rewrites, not by its rows, so writing behind in large transactions is what lets the embedded database keep
 * up with private messages to many conversations; and no sender waits for it.
 *
 * <p>Everything that reads messages waits ({@link #awaitWritten}) until the database holds what was committed before
 * the read, so history, catch-up, search and the checks on edits see exactly what they would without the journal. The
 * group-commit writer itself never waits for the database: the counters and the messages not yet written are kept in
 * memory for it, and it looks a send up in the database only when {@link StoredClientIds} says it may be a resend. At most {@link #MAX_UNWRITTEN} messages wait to be written; beyond that the writer waits, and sends
 * queue up and are refused as {@code busy}, as when the database itself is slow.
 *
 * <p>A segment of the journal is deleted only once the database's file is synced past its messages
 * ({@link Database#syncToDisk}, at most every {@link #SYNC_EVERY}): the embedded database writes its commits to the file and
 * leaves them to the operating system, so until then the journal is their only copy on the disk.
 *
 * <p>On start, every journaled batch the database does not hold yet is written into it before anything else happens;
 * then the database is synced and the journal starts empty. A clean shutdown leaves it empty. Only for a database that this appliance alone
 * writes (the embedded one): appliances that share a MySQL server read each other's messages from it.
 */
public final class JournaledMessages implements MessageJournal, ReadBarrier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournaledMessages.class);
    /** Messages journaled and not yet in the database before the writer waits. */
    static final int MAX_UNWRITTEN = 50_000;
    /** Messages per database transaction when writing behind. */
    static final int MAX_WRITE_BATCH = 20_000;
    /**
     * How long journaled messages wait before they are written behind, whoever reads meanwhile (reads wait up to
     * {@link #PATIENCE}, then fail as {@code store_unavailable}). None by default: gathering 100 ms per H2 transaction was
     * measured (docs/PERFORMANCE.md) and did no better under load than writing whatever is journaled whenever the last
     * write is done, which batches by itself. {@code -Dlanchat.journal.gather-millis} sets it, for the fault suite: held
     * back whatever happens, writes leave acknowledged messages that only the journal holds when the process is killed.
     * (Letting a waiting read or a large backlog end the wait, as a first version did, wrote them all before the kill
     * once the journal got faster: a client's catch-up or 5,000 waiting messages came first.)
     */
    static final Duration GATHER = Duration.ofMillis(Long.getLong("lanchat.journal.gather-millis", 0));
    /**
     * How often, at most, the writer behind syncs the database's file while it writes, and so how long a written segment
     * waits to be deleted. Often rather than only when a segment is full, so that the database's writes reach the disk
     * a little at a time instead of in the operating system's bursts (pages dirty for 30 s, written every 5 s); in
     * full-size W3 every 200 ms and never made no difference beyond the spread between runs (docs/PERFORMANCE.md), and
     * it adds five syncs a second to the journal's thousands.
     */
    static final Duration SYNC_EVERY = Duration.ofMillis(200);
    /** How long a read waits for the database, or the writer for room, before it is told the store is unavailable. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);
    /** Keys read per query when learning which client message ids are stored. */
    private static final int KEY_PAGE = 10_000;

    private final MessageStore database;
    private final Database db;
    /** {@link Database#syncToDisk}, or a stand-in for tests of a failing disk. */
    private final Runnable syncDatabase;
    private final JournalFile file;
    private final Thread writerBehind;
    private final Thread keyLoader;
    private final StoredClientIds storedClientIds;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Journaled batches not yet (completely) in the database, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<JournalBatch> unwritten = new ArrayDeque<>();
    private int unwrittenMessages;
    /** When the oldest batch in {@link #unwritten} was journaled (or, after a write, when the rest began to wait). */
    private long unwrittenSinceNanos;
    private volatile boolean closing;
    /** The highest message id journaled; written by the group-commit writer only. */
    private volatile long journaledId;
    /** The highest message id in the database. */
    private volatile long writtenId;
    /** The highest message id in the database's file on the disk: the journal keeps every segment with a later one. */
    private volatile long durableId;
    /** When the writer behind last synced the database (its own field). */
    private long syncedNanos = System.nanoTime();
    /** The journaled messages not yet in the database, for the writer's lookups of resends. */
    private final Map<SenderClientId, StoredMessage> unwrittenByClientId = new ConcurrentHashMap<>();
    /** The highest sequence number journaled and not yet in the database, per conversation. */
    private final Map<ConversationKey, Long> unwrittenSeqs = new ConcurrentHashMap<>();
    /** Set when a failed append could not be undone: see {@link #journal}. */
    private volatile IOException broken;

    private JournaledMessages(MessageStore database, Database db, Runnable syncDatabase, JournalFile file, long lastId) {
        this.database = database;
        this.db = db;
        this.syncDatabase = syncDatabase;
        this.file = file;
        this.journaledId = lastId;
        this.writtenId = lastId;
        this.durableId = lastId;
        this.writerBehind = Thread.ofPlatform().name("lanchat-journal-writer").daemon(true).unstarted(this::writeBehind);
        // Ids are given out one by one, so the last is about the number stored: room for as many again.
        this.storedClientIds = new StoredClientIds(Math.max(1 << 20, 2 * lastId));
        this.keyLoader = Thread.ofPlatform().name("lanchat-journal-keys").daemon(true).unstarted(this::loadStoredClientIds);
    }

    /**
     * Opens the journal in {@code directory} in front of {@code database}: writes into the database whatever the journal
     * holds that it does not (what a crash left), empties the journal, and starts writing behind.
     *
     * @param database the messages as stored, read without waiting (the journal is what others wait for)
     * @param db       the database itself, whose health a failure of the journal is reported to, and which is written
     *                 behind only while healthy (after a failure its own probe finds out when it writes again)
     */
    public static JournaledMessages open(Path directory, MessageStore database, Database db) throws IOException {
        return open(directory, database, db, db::syncToDisk);
    }

    /** {@link #open(Path, MessageStore, Database)} with {@code syncDatabase} in place of {@link Database#syncToDisk}. */
    static JournaledMessages open(Path directory, MessageStore database, Database db, Runnable syncDatabase)
            throws IOException {
        JournalFile file = JournalFile.open(directory);
        List<JournalBatch> recovered = file.recover();
        long lastId = JournalToDatabase.replay(recovered, database);
        syncDatabase.run(); // what the last run wrote may still be only in the operating system's memory
        file.discardRecovered();
        JournaledMessages journal = new JournaledMessages(database, db, syncDatabase, file, lastId);
        journal.writerBehind.start();
        journal.keyLoader.start();
        return journal;
    }

    @Override
    public boolean shared() {
        return false;
    }

    /** The writer asks after a failed commit: a failed append left nothing in the journal (see {@link JournalFile#append}). */
    @Override
    public List<StoredMessage> committedBetween(long after, long before, int limit) {
        if (after >= journaledId) {
            return List.of();
        }
        awaitWritten();
        return database.committedBetween(after, before, limit);
    }

    @Override
    public Transaction begin() {
        return new JournalTransaction();
    }

    @Override
    public void awaitWritten() {
        long target = journaledId;
        if (writtenId >= target) {
            return;
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        lock.lock();
        try {
            if (!awaitUntil(() -> writtenId >= target, deadline)) {
                throw new StoreUnavailableException("the database is still writing the latest messages; try again shortly",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the database", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long unwrittenLastSeq(ConversationKey conversation) {
        // Removed by the writer behind only once the database holds the conversation's last journaled message.
        return unwrittenSeqs.getOrDefault(conversation, 0L);
    }

    /** Whether every stored client message id is known, and sends the filter rules out skip the database. */
    boolean knowsStoredClientIds() {
        return storedClientIds.isLoaded();
    }

    /** Writes everything journaled into the database, then stops; the journal is left empty. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writerBehind.join(TimeUnit.SECONDS.toMillis(60));
            keyLoader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean empty;
        lock.lock();
        try {
            empty = unwritten.isEmpty();
        } finally {
            lock.unlock();
        }
        file.close();
        if (empty) {
            try {
                syncDatabase.run();
                file.discardRecovered();
            } catch (IOException | StoreUnavailableException e) {
                log.warn("Cannot empty the journal after writing it into the database: {}; the next start does it",
                        e.getMessage());
            }
        } else {
            log.warn("Stopping with {} journaled messages not yet in the database; the next start writes them",
                    unwrittenMessages);
        }
    }

    /** Appends a committed batch, called by the group-commit writer only. */
    private void journal(JournalBatch batch) {
        if (!db.health().condition().healthy()) {
            // As without a journal: while the database cannot write, sends are refused (the health's log line and the
            // service status say so). The journal's prepared segments would take them, the database could not.
            throw new StoreUnavailableException("the database cannot write at the moment; try again shortly", null);
        }
        awaitRoom(batch.messages().size());
        if (broken != null) {
            throw new StoreUnavailableException("the message journal could not undo a failed write; restart the appliance: "
                    + broken.getMessage(), broken);
        }
        try {
            file.append(batch);
        } catch (IOException e) {
            if (e instanceof JournalFile.UndoFailedException) {
                broken = e;
            }
            db.storageFailed(e);
            throw new StoreUnavailableException("could not write the message journal: " + e.getMessage(), e);
        }
        // Known to the writer's lookups before the writer behind can take the batch (and forget it again).
        for (StoredMessage m : batch.messages()) {
            SenderClientId key = new SenderClientId(m.senderId(), m.clientMsgId());
            storedClientIds.add(key);
            unwrittenByClientId.put(key, m);
            unwrittenSeqs.merge(m.conversation(), m.seq(), Math::max);
        }
        lock.lock();
        try {
            if (unwritten.isEmpty()) {
                unwrittenSinceNanos = System.nanoTime();
            }
            unwritten.addLast(batch);
            unwrittenMessages += batch.messages().size();
            journaledId = batch.lastId();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        file.release(durableId);
    }

    private void awaitRoom(int messages) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        lock.lock();
        try {
            if (!awaitUntil(() -> unwrittenMessages == 0 || unwrittenMessages + messages <= MAX_UNWRITTEN, deadline)) {
                throw new StoreUnavailableException("the database is " + unwrittenMessages
                        + " messages behind the journal; try again shortly", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the database", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer behind: takes whatever is journaled, up to {@link #MAX_WRITE_BATCH} messages, into one transaction, and
     * syncs the database when {@link #SYNC_EVERY} has passed since the last sync.
     */
    private void writeBehind() {
        while (true) {
            List<JournalBatch> work = takeWork();
            if (work == null) {
                return; // closing, everything written: close() syncs
            }
            if (!work.isEmpty()) {
                try {
                    JournalToDatabase.write(database, work);
                } catch (RuntimeException e) {
                    // At debug: the database's health logs the fault once per change and reminds of it once a minute.
                    log.debug("Writing {} journaled batches into the database failed; they stay in the journal and are"
                            + " tried again once the database writes: {}", work.size(), e.getMessage());
                    if (closing) {
                        return; // the next start writes them from the journal
                    }
                    do {
                        pause();
                    } while (!closing && !db.health().condition().healthy());
                    continue;
                }
                written(work);
            }
            syncWhenDue();
        }
    }

    /**
     * The next batches to write; none when only a sync of what is written is due, null when closing with nothing left.
     */
    private List<JournalBatch> takeWork() {
        List<JournalBatch> work = new ArrayList<>();
        lock.lock();
        try {
            while (unwritten.isEmpty() && !closing) {
                if (writtenId == durableId) {
                    changed.awaitUninterruptibly();
                } else if (!awaitUntil(() -> !unwritten.isEmpty() || closing, syncedNanos + SYNC_EVERY.toNanos())) {
                    return work;
                }
            }
            if (unwritten.isEmpty()) {
                return null;
            }
            gather();
            int messages = 0;
            for (JournalBatch batch : unwritten) {
                if (!work.isEmpty() && messages + batch.messages().size() > MAX_WRITE_BATCH) {
                    break;
                }
                work.add(batch);
                messages += batch.messages().size();
            }
            return work;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it
            return work;
        } finally {
            lock.unlock();
        }
    }

    /** Syncs the database, unless it was synced less than {@link #SYNC_EVERY} ago; a failure leaves the segments. */
    private void syncWhenDue() {
        long written = writtenId;
        if (written == durableId || System.nanoTime() - syncedNanos < SYNC_EVERY.toNanos()) {
            return;
        }
        try {
            syncDatabase.run();
            durableId = written;
        } catch (StoreUnavailableException e) {
            log.debug("Syncing the database failed; the journal keeps its segments until a sync succeeds: {}",
                    e.getMessage());
        }
        syncedNanos = System.nanoTime();
    }

    private void written(List<JournalBatch> work) {
        for (JournalBatch batch : work) {
            for (StoredMessage m : batch.messages()) {
                unwrittenByClientId.remove(new SenderClientId(m.senderId(), m.clientMsgId()), m);
                unwrittenSeqs.remove(m.conversation(), m.seq()); // only if no later one of its conversation waits
            }
        }
        lock.lock();
        try {
            for (JournalBatch batch : work) {
                unwritten.removeFirst();
                unwrittenMessages -= batch.messages().size();
            }
            writtenId = work.getLast().lastId();
            unwrittenSinceNanos = System.nanoTime();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: lets batches gather for up to {@link #GATHER}, unless closing. */
    private void gather() {
        try {
            awaitUntil(() -> closing, unwrittenSinceNanos + GATHER.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it; write what there is
        }
    }

    /** Waits {@link #RETRY_AFTER}, or less when closing. */
    private void pause() {
        lock.lock();
        try {
            awaitUntil(() -> closing, System.nanoTime() + RETRY_AFTER.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: waits for {@link #changed} until {@code done} holds (true) or {@code deadlineNanos} passes (false). */
    private boolean awaitUntil(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            changed.awaitNanos(left);
        }
        return true;
    }

    /**
     * Reads every stored key into {@link #storedClientIds}, a page at a time, in the background: until it is done, every
     * send is looked up in the database as before. Keys journaled meanwhile are added by {@link #journal}, so once the
     * last page is read nothing stored is missing.
     */
    private void loadStoredClientIds() {
        long after = 0;
        int keys = 0;
        while (!closing) {
            try {
                MessageStore.ClientIdPage page = database.clientIdsAfter(after, KEY_PAGE);
                if (page.keys().isEmpty()) {
                    storedClientIds.loaded();
                    log.debug("Learned the {} stored client message ids; new sends skip the database lookup", keys);
                    return;
                }
                page.keys().forEach(storedClientIds::add);
                keys += page.keys().size();
                after = page.lastId();
            } catch (RuntimeException e) {
                log.debug("Reading stored client message ids failed; trying again: {}", e.getMessage());
                pause();
            }
        }
    }

    /**
     * A batch as the journal commits it: counters and resends are answered from the messages not yet written and then
     * from the database; {@link #commit} appends the batch to the journal.
     */
    private final class JournalTransaction implements Transaction {
        private final List<StoredMessage> messages = new ArrayList<>();
        private final Map<Long, Long> pending = new HashMap<>();
        private Transaction reads;

        @Override
        public long maxId() {
            return journaledId;
        }

        @Override
        public long maxSeq(ConversationKey conversation) {
            return maxSeqs(List.of(conversation)).get(conversation);
        }

        @Override
        public Map<ConversationKey, Long> maxSeqs(Collection<ConversationKey> conversations) {
            // The journaled value first: one missing from the map is in the database, because the writer behind removes
            // it only after its transaction committed.
            Map<ConversationKey, Long> seqs = new HashMap<>();
            List<ConversationKey> inDatabase = new ArrayList<>();
            for (ConversationKey c : conversations) {
                Long journaled = unwrittenSeqs.get(c);
                if (journaled != null) {
                    seqs.put(c, journaled);
                } else {
                    inDatabase.add(c);
                }
            }
            if (!inDatabase.isEmpty()) {
                seqs.putAll(reads().maxSeqs(inDatabase));
            }
            return seqs;
        }

        @Override
        public Map<SenderClientId, StoredMessage> findByClientIds(Collection<SenderClientId> ids) {
            Map<SenderClientId, StoredMessage> found = new HashMap<>();
            List<SenderClientId> inDatabase = new ArrayList<>();
            for (SenderClientId id : ids) {
                StoredMessage journaled = unwrittenByClientId.get(id);
                if (journaled != null) {
                    found.put(id, journaled);
                } else if (storedClientIds.mayBeStored(id)) {
                    inDatabase.add(id);
                }
            }
            if (!inDatabase.isEmpty()) {
                found.putAll(reads().findByClientIds(inDatabase));
            }
            return found;
        }

        @Override
        public void insert(List<StoredMessage> batch) {
            messages.addAll(batch);
        }

        @Override
        public void insertPending(Map<Long, Long> messageIdToUserId) {
            pending.putAll(messageIdToUserId);
        }

        @Override
        public void commit() {
            closeReads();
            if (!messages.isEmpty()) {
                journal(new JournalBatch(messages, pending));
            }
        }

        @Override
        public void close() {
            closeReads();
        }

        private Transaction reads() {
            if (reads == null) {
                reads = database.begin();
            }
            return reads;
        }

        private void closeReads() {
            if (reads != null) {
                reads.close();
                reads = null;
            }
        }
    }
}
