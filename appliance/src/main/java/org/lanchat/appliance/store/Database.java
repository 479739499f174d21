package org.lanchat.appliance.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, with the schema migrated to the current version before first use. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final boolean embedded;

    private Database(HikariDataSource pool, boolean embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl, String user, String password) {
        boolean embedded = jdbcUrl.startsWith("jdbc:h2:");
        HikariConfig config = new HikariConfig();
        config.setPoolName("lanchat-db");
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
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
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .placeholders(Map.of("binaryCollation", embedded ? "" : "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("cannot migrate the database schema: " + rootMessage(e), e);
        }
        log.info("Database ready ({})", embedded ? "embedded H2" : "MySQL/MariaDB");
        return new Database(pool, embedded);
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean embedded() {
        return embedded;
    }

    /** Borrows a connection, translating pool exhaustion or an unreachable server. */
    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailableException("database unavailable: " + e.getMessage(), e);
        }
    }

    /** Work against one borrowed connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode. Integrity violations are rethrown
     * as they are (callers give them meaning); every other SQL failure becomes
     * {@link StoreUnavailableException} naming {@code what} was being done.
     */
    public <T> T call(String what, SqlWork<T> work) throws SQLIntegrityConstraintViolationException {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLIntegrityConstraintViolationException e) {
            throw e;
        } catch (SQLException e) {
            throw new StoreUnavailableException("database error while " + what + ": " + e.getMessage(), e);
        }
    }

    /** {@link #call} for work that cannot violate a constraint. */
    public <T> T query(String what, SqlWork<T> work) {
        try {
            return call(what, work);
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new StoreUnavailableException("unexpected constraint violation while " + what, e);
        }
    }

    /** A cheap liveness probe: can we borrow a connection and run a trivial statement. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
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
