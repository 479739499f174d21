package org.lanchat.bench.floor;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.MessageJournal;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.bench.load.OpenLoop;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.Percentiles;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.server.BenchDatabase;
import org.lanchat.bench.server.ProcStats;
import org.lanchat.bench.server.SyncCounters;
import org.lanchat.bench.server.SyncRates;

/**
 * The floor of the store itself: the private-message rows LAN Chat's group-commit writer inserts, through the
 * appliance's own {@link MessageStore} on a database the appliance's own {@link Database} opened and migrated (the
 * same URL options for H2, the same pool settings for MariaDB), written by one thread in batches of up to
 * {@value #MAX_BATCH} with one commit per batch, as the appliance's writer does. Nothing else: no protocol, no
 * idempotency lookup, no relay, no deliveries. A step offers rows open-loop at its rate from this thread; a row's
 * "ack" is its batch's commit, and its latency runs from when it was due, as the generator measures LAN Chat's ack.
 * A step of rate 0 measures the most it can commit: the writer commits full batches back to back.
 */
public final class StoreFloor implements AutoCloseable {
    /** The appliance's group-commit batch limit ({@code new MessageLog(…, 1000, …)} in {@code Appliance}). */
    static final int MAX_BATCH = 1000;
    /** As the generator: a row not committed this long after its step's last was due counts as not committed. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final String TEXT = "x".repeat(100);

    private record Row(StoredMessage message, long dueNanos, boolean measured) {
    }

    private final Database database;
    private final BenchDatabase own;
    private final MessageStore store;
    private final int pairs;
    private final long[] lastSeq;
    private final String mysqlServerUrl;
    private long lastId;

    private StoreFloor(Database database, BenchDatabase own, int pairs, String mysqlServerUrl) {
        this.database = database;
        this.own = own;
        this.store = new MessageStore(database);
        this.pairs = pairs;
        this.lastSeq = new long[pairs];
        this.mysqlServerUrl = mysqlServerUrl;
    }

    /** On embedded H2 in {@code dataDir}, with the appliance's URL (WRITE_DELAY=0: each commit reaches the OS). */
    public static StoreFloor h2(Path dataDir, int pairs) {
        String url = ApplianceConfig.builder().dataDir(dataDir).build().effectiveDatabaseUrl();
        return new StoreFloor(Database.open(url, null, null), null, pairs, null);
    }

    /** On a fresh database of the MySQL or MariaDB server at {@code serverUrl}, dropped on {@link #close()}. */
    public static StoreFloor mariadb(String serverUrl, String user, int pairs) throws SQLException {
        BenchDatabase own = BenchDatabase.create(serverUrl, user);
        try {
            return new StoreFloor(Database.open(own.url(), own.user(), null), own, pairs, serverUrl);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Runs the steps in order; with {@code countSyncs}, fsyncs (H2) or the server's counters (MariaDB) are read too. */
    public RunResult run(List<StepSpec> steps, boolean countSyncs) throws InterruptedException {
        long started = System.currentTimeMillis();
        List<StepResult> results = new ArrayList<>();
        for (StepSpec s : steps) {
            results.add(s.messagesPerSecond() > 0 ? offered(s, countSyncs) : flatOut(s, countSyncs));
        }
        return new RunResult(0, 0, 0, started, started, results, false, List.of());
    }

    /** Rows in the messages table: what the steps committed, each once (the primary key sees to "once"). */
    public long storedRows() {
        return database.query("counting rows", c -> {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM messages")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private StepResult offered(StepSpec st, boolean countSyncs) throws InterruptedException {
        int rate = st.messagesPerSecond();
        long total = (long) rate * (st.warmupMillis() + st.measureMillis()) / 1000;
        long warm = (long) rate * st.warmupMillis() / 1000;
        BlockingQueue<Row> queue = new LinkedBlockingQueue<>();
        Histogram latency = new Histogram(3);
        long start = System.nanoTime() + 1_000_000;
        long measureStart = start + (long) (warm * 1e9 / rate);
        long measureEnd = start + (long) (total * 1e9 / rate);
        Writer writer = new Writer(queue, latency, measureStart, measureEnd, measureEnd + DRAIN_NANOS);
        Thread thread = Thread.ofPlatform().name("store-floor-writer").start(writer);
        CompletableFuture<SyncRates> syncs = CompletableFuture.completedFuture(SyncRates.NONE);
        for (long k = 0; k < total; k++) {
            long due = OpenLoop.awaitDue(start, rate, k);
            if (k == warm) {
                syncs = countSyncs(countSyncs, st);
            }
            queue.add(new Row(next(), due, k >= warm));
        }
        writer.finish(total);
        thread.join();
        double seconds = (measureEnd - measureStart) / 1e9;
        return new StepResult(rate, 0, total, 0, 0, 0, 0, writer.errors, writer.inTime, Percentiles.NONE,
                Percentiles.of(latency), 0, seconds, 0, 0, 0, 0, rates(syncs, writer.commitsInWindow / seconds),
                writer.errors == 0 && writer.inTime == total);
    }

    /** Full batches back to back for the step's warm-up and measured period: the most the store commits. */
    private StepResult flatOut(StepSpec st, boolean countSyncs) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + TimeUnit.MILLISECONDS.toNanos(st.warmupMillis());
        long measureEnd = measureStart + TimeUnit.MILLISECONDS.toNanos(st.measureMillis());
        CompletableFuture<SyncRates> syncs = CompletableFuture.completedFuture(SyncRates.NONE);
        long rows = 0;
        long commits = 0;
        long errors = 0;
        long offered = 0;
        boolean counting = false;
        while (System.nanoTime() < measureEnd) {
            boolean measured = System.nanoTime() >= measureStart;
            if (measured && !counting) {
                syncs = countSyncs(countSyncs, st);
                counting = true;
            }
            List<StoredMessage> batch = new ArrayList<>(MAX_BATCH);
            for (int i = 0; i < MAX_BATCH; i++) {
                batch.add(next());
            }
            offered += batch.size();
            if (!commit(batch)) {
                errors++;
            } else if (measured) {
                rows += batch.size();
                commits++;
            }
        }
        double seconds = st.measureMillis() / 1000.0;
        return new StepResult(0, 0, offered, 0, 0, 0, 0, errors, rows, Percentiles.NONE, Percentiles.NONE, 0,
                seconds, 0, 0, 0, 0, rates(syncs, commits / seconds), errors == 0);
    }

    private CompletableFuture<SyncRates> countSyncs(boolean countSyncs, StepSpec st) {
        if (!countSyncs) {
            return CompletableFuture.completedFuture(SyncRates.NONE);
        }
        List<Long> pids = mysqlServerUrl == null ? List.of(ProcStats.self()) : List.of();
        return CompletableFuture.supplyAsync(() -> SyncCounters.measure(pids, mysqlServerUrl, own == null ? null : own.user(),
                Duration.ofMillis(st.measureMillis())), r -> Thread.ofPlatform().daemon(true).name("store-floor-syncs").start(r));
    }

    /** What was counted, with the floor's own commits where the server's Com_commit is not there to tell. */
    private static SyncRates rates(CompletableFuture<SyncRates> syncs, double ownCommits) throws InterruptedException {
        SyncRates r;
        try {
            r = syncs.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            r = SyncRates.NONE;
        }
        return new SyncRates(r.fsyncs(), r.innodbLogFsyncs(), r.innodbDataFsyncs(),
                Double.isNaN(r.commits()) ? ownCommits : r.commits());
    }

    /** The next row: private pairs in turn, each conversation's sequence numbers contiguous, as the appliance's. */
    private StoredMessage next() {
        long id = ++lastId;
        int pair = (int) (id % pairs);
        long sender = 2L * pair + 1;
        long recipient = sender + 1;
        return new StoredMessage(id, ConversationKey.direct(sender, recipient), ++lastSeq[pair], sender, recipient,
                "c" + id, TEXT, null, System.currentTimeMillis());
    }

    private boolean commit(List<StoredMessage> batch) {
        try (MessageJournal.Transaction tx = store.begin()) {
            tx.insert(batch);
            tx.commit();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The one writer thread: takes what is queued, up to a batch, and commits it. */
    private final class Writer implements Runnable {
        private final BlockingQueue<Row> queue;
        private final Histogram latency;
        private final long measureStart;
        private final long measureEnd;
        private final long deadline;
        private volatile long expected = -1;
        private long taken;
        long inTime;
        long errors;
        long commitsInWindow;

        Writer(BlockingQueue<Row> queue, Histogram latency, long measureStart, long measureEnd, long deadline) {
            this.queue = queue;
            this.latency = latency;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
            this.deadline = deadline;
        }

        /** The producer is done after {@code total} rows; the writer ends when it has taken them all. */
        void finish(long total) {
            expected = total;
        }

        @Override
        public void run() {
            List<Row> batch = new ArrayList<>(MAX_BATCH);
            while (expected < 0 || taken < expected) {
                try {
                    Row first = queue.poll(10, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                taken += batch.size();
                boolean ok = commit(batch.stream().map(Row::message).toList());
                long now = System.nanoTime();
                if (!ok) {
                    errors++;
                } else {
                    if (now >= measureStart && now <= measureEnd) {
                        commitsInWindow++;
                    }
                    for (Row r : batch) {
                        if (now <= deadline) {
                            inTime++;
                        }
                        if (r.measured()) {
                            latency.recordValue(Math.max(0, (now - r.dueNanos()) / 1000));
                        }
                    }
                }
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        database.close();
        if (own != null) {
            own.close();
        }
    }
}
