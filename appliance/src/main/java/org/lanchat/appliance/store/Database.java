package org.lanchat.appliance.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool (and on a server the group-commit writer's own, {@link #transactionConnection}), with the schema
 * migrated to the current version before first use.
 *
 * <p>It heals by itself. Every failure is reported to its {@link DatabaseHealth}; while that records a
 * fault, a write is tried once per {@link #PROBE_INTERVAL}, and the first one committed (or any committed
 * message batch) ends the fault. The embedded database needs more than waiting: after a failed write to a
 * full or read-only disk, H2 closes the database, and every pooled connection then answers only "The
 * database has been closed". So each failure of the embedded database evicts the pooled connections, and
 * the next one opened opens the database again from its file, which succeeds once the disk can be written.
 *
 * <p>While a database server does not answer at all (no connection can be made, or one was lost), work is refused at
 * once with {@link StoreUnavailableException} instead of each request waiting out the pool's five seconds: a
 * database that is down would otherwise answer a queue of requests one timeout after another (history pages wait
 * for each other), and a client would hear "unavailable" a minute late. Only the probe tries it meanwhile, so
 * service resumes within a second of the database answering again.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final HikariDataSource pool;
    /** A server's connections in transaction mode ({@link #transactionConnection}); null when embedded. */
    private final HikariDataSource transactions;
    private final boolean embedded;
    private final DatabaseHealth health = new DatabaseHealth();
    private final ScheduledExecutorService prober;
    /** Set by a failure to reach the database, cleared by the next committed write (the probe's, usually). */
    private volatile boolean unreachable;

    private Database(HikariDataSource pool, HikariDataSource transactions, boolean embedded) {
        this.pool = pool;
        this.transactions = transactions;
        this.embedded = embedded;
        this.prober = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanchat-db-probe").daemon(true).factory());
        prober.scheduleWithFixedDelay(this::probeWhileFaulty, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl, String user, String password) {
        boolean embedded = jdbcUrl.startsWith("jdbc:h2:");
        HikariConfig config = poolConfig(jdbcUrl, user, password);
        config.setPoolName("lanchat-db");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
        if (embedded) {
            createEmbeddedDirectory(jdbcUrl);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to the database: " + rootMessage(e), e);
        }
        try {
            migrate(pool, embedded, null);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("cannot migrate the database schema: " + rootMessage(e), e);
        }
        HikariDataSource transactions = null;
        if (!embedded) {
            try {
                transactions = new HikariDataSource(transactionPoolConfig(jdbcUrl, user, password));
            } catch (RuntimeException e) {
                pool.close();
                throw new StoreUnavailableException("cannot connect to the database: " + rootMessage(e), e);
            }
        }
        // The appliance says "ready" itself: an admin command opening the database would print it on the terminal.
        log.debug("Database ready ({})", embedded ? "embedded H2" : "MySQL/MariaDB");
        return new Database(pool, transactions, embedded);
    }

    /**
     * On a server, the group-commit writer's own connections, which never leave transaction mode: a transaction on a
     * pooled connection switches auto-commit off and on again, two round trips per group commit that commit nothing
     * (docs/PERFORMANCE.md, "What the private tail is not"). Two, so that a writer replacing a broken one does not wait.
     */
    private static HikariConfig transactionPoolConfig(String jdbcUrl, String user, String password) {
        HikariConfig config = poolConfig(jdbcUrl, user, password);
        config.setPoolName("lanchat-db-transactions");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        return config;
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        // Fail fast rather than hang a request: the caller reports store_unavailable and the client retries.
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(5).toMillis());
        if (jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:")) {
            // One round trip for a whole group-commit batch, and utf8mb4 so emoji survive.
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "64");
            config.addDataSourceProperty("characterEncoding", "UTF-8");
            config.addDataSourceProperty("connectionCollation", "utf8mb4_unicode_ci");
            config.addDataSourceProperty("connectTimeout", "5000");
            // A silently dropped link (pulled cable, dead host) shows only as a read that never returns,
            // and Hikari hands out a connection used in the last 500 ms without validating it. Every
            // statement here is an indexed lookup or one batch insert, so ten seconds without a byte
            // means the server is gone: the request gets store_unavailable and the client retries.
            config.addDataSourceProperty("socketTimeout", "10000");
        }
        return config;
    }

    /** Migrates the schema to {@code target} (a version such as "1"), or to the newest when null. */
    static void migrate(DataSource dataSource, boolean embedded, String target) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of(
                        "binaryCollation", embedded ? "" : "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                        "byteStringType", embedded ? "VARCHAR(64)" : "VARBINARY(256)"));
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean embedded() {
        return embedded;
    }

    /** Whether the database can write, and the fault if not. */
    public DatabaseHealth health() {
        return health;
    }

    /** Borrows a connection, translating pool exhaustion or an unreachable server. */
    public Connection connection() {
        return borrow(pool);
    }

    /**
     * Borrows a connection for a transaction of several statements: on a server, one already in transaction mode
     * (auto-commit off), embedded, a pooled one in auto-commit mode. The borrower commits or rolls back before it
     * closes the connection, and leaves auto-commit as it found it.
     */
    Connection transactionConnection() {
        return borrow(transactions != null ? transactions : pool);
    }

    private Connection borrow(HikariDataSource from) {
        refuseWhileUnreachable();
        try {
            return from.getConnection();
        } catch (SQLException e) {
            failed(e);
            throw new StoreUnavailableException("database unavailable: " + e.getMessage(), e);
        }
    }

    /** An operation failed for a reason other than its data: record it, and let the embedded database reopen. */
    void failed(Throwable e) {
        if (!embedded && lostConnection(e)) { // the embedded database is in this process: nothing to reach
            unreachable = true;
        }
        health.failed(e);
        if (embedded) {
            pool.getHikariPoolMXBean().softEvictConnections(); // connections in use are closed when they come back
        }
    }

    /**
     * Storage beside the database failed (the message journal in front of it): the same health and status as a
     * failure of the database itself, which the next committed write, or the probe's, ends.
     */
    public void storageFailed(Throwable e) {
        health.failed(e);
    }

    /** A transaction committed: the database writes. */
    void wrote() {
        unreachable = false;
        health.wrote();
    }

    private void refuseWhileUnreachable() {
        if (unreachable) {
            throw new StoreUnavailableException("database unavailable: it did not answer the last attempt, and the"
                    + " appliance tries again every second", null);
        }
    }

    /** A failure to get or keep a connection (SQLSTATE class 08), not of one statement. */
    static boolean lostConnection(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                    || (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /** While a fault lasts, one small committed write tells whether it is over. */
    private void probeWhileFaulty() {
        if (health.condition().healthy() && !unreachable) {
            return;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE health_probe SET probed_at = ? WHERE id = 1")) {
            update.setLong(1, System.currentTimeMillis());
            update.executeUpdate();
            wrote();
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
    }

    /** Work against one borrowed connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode. Integrity violations are rethrown
     * as they are (callers give them meaning), values the database refuses become {@link IllegalStateException}
     * (an {@code internal_error} for that request alone); every other SQL failure becomes
     * {@link StoreUnavailableException} naming {@code what} was being done.
     */
    public <T> T call(String what, SqlWork<T> work) throws SQLIntegrityConstraintViolationException {
        refuseWhileUnreachable();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLIntegrityConstraintViolationException e) {
            throw e;
        } catch (SQLException e) {
            if (conflict(e)) {
                // Two transactions wanted the same rows and the database gave up one: that request fails, and nothing
                // says the database cannot write, so the others' sends go on.
                throw new StoreUnavailableException("a concurrent change got in the way while " + what + "; try again", e);
            }
            if (dataRefused(e)) {
                // The statement's values did not fit its columns: a fault of this request's handling, not of the
                // database, which must not refuse everyone's sends for it.
                throw new IllegalStateException("the database refused the values while " + what + ": " + e.getMessage(), e);
            }
            failed(e);
            throw new StoreUnavailableException("database error while " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the database refused a transaction because another held or changed the same rows: a deadlock, a lock
     * wait that ran out, or H2's write conflict between two transactions (MySQL 1213 and 1205; H2 40001, 50200 and
     * 90131; SQLState class 40 anywhere).
     */
    static boolean conflict(SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode();
        return e instanceof SQLTransactionRollbackException || (state != null && state.startsWith("40"))
                || code == 1213 || code == 1205 || code == 40001 || code == 50200 || code == 90131;
    }

    /** A data exception (SQLState class 22: a value too long for its column, a number out of range, ...). */
    static boolean dataRefused(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    /** {@link #call} for work that cannot violate a constraint. */
    public <T> T query(String what, SqlWork<T> work) {
        try {
            return call(what, work);
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new StoreUnavailableException("unexpected constraint violation while " + what, e);
        }
    }

    /**
     * Makes what the embedded database has committed survive a power cut. H2 writes each commit into its file but leaves
     * it to the operating system to put on the disk (it syncs only when it compacts or closes), so whatever deletes the
     * only other copy of committed data (the message journal) calls this first. MySQL and MariaDB commit durably
     * themselves: nothing to do.
     *
     * @throws StoreUnavailableException when the sync fails
     */
    public void syncToDisk() {
        if (!embedded) {
            return;
        }
        query("syncing the embedded database to disk", c -> {
            try (Statement sync = c.createStatement()) {
                sync.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    /** A cheap liveness probe: can we borrow a connection and run a trivial statement. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            failed(e);
            return false;
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
        if (transactions != null) {
            transactions.close();
        }
        pool.close();
    }

    private static void createEmbeddedDirectory(String jdbcUrl) {
        String prefix = "jdbc:h2:file:";
        if (!jdbcUrl.startsWith(prefix)) {
            return;
        }
        String path = jdbcUrl.substring(prefix.length());
        int options = path.indexOf(';');
        Path file = Path.of(options >= 0 ? path.substring(0, options) : path);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the embedded database directory " + file.getParent(), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
