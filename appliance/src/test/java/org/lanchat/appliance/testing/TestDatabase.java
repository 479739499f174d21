package org.lanchat.appliance.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.lanchat.appliance.config.ApplianceConfig;

/**
 * A database for one test class, created fresh and removed afterwards.
 *
 * <p>MySQL-compatible servers are found through {@code LANCHAT_TEST_MYSQL_URL} (default
 * {@code jdbc:mysql://127.0.0.1:3306/}), {@code LANCHAT_TEST_MYSQL_USER} (default {@code root}) and
 * {@code LANCHAT_TEST_MYSQL_PASSWORD} (default empty). Each instance creates its own uniquely named
 * database and drops it on {@link #close()}. When no server answers, tests skip with a message — except
 * under CI ({@code CI=true}), where the server is part of the contract and its absence fails the run.
 */
public interface TestDatabase extends AutoCloseable {
    String jdbcUrl();

    String user();

    String password();

    String description();

    @Override
    void close();

    /** The appliance's embedded H2 database, with its settings, in a file under {@code dir} (so restarts keep data). */
    static TestDatabase h2(Path dir) {
        String url = ApplianceConfig.builder().dataDir(dir).build().effectiveDatabaseUrl();
        return new TestDatabase() {
            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public String user() {
                return null;
            }

            @Override
            public String password() {
                return null;
            }

            @Override
            public String description() {
                return "embedded H2";
            }

            @Override
            public void close() {
                // Files live in the test's temporary directory, which JUnit removes.
            }
        };
    }

    /** A new database on the MySQL-compatible server (MariaDB here), dropped on close. */
    static TestDatabase mysql() {
        String base = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
        String user = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_USER", "root");
        String password = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_PASSWORD", "");
        String name = "lanchat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String serverUrl = base.endsWith("/") ? base : base + "/";
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            String message = "no MySQL-compatible server at " + serverUrl + " (" + e.getMessage()
                    + "); set LANCHAT_TEST_MYSQL_URL/_USER/_PASSWORD to run the MySQL store tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
        }
        return new ServerDatabase(serverUrl, name, user, password);
    }

    /** A database on a server; dropping it needs the server URL. */
    final class ServerDatabase implements TestDatabase {
        private final String serverUrl;
        private final String name;
        private final String user;
        private final String password;

        ServerDatabase(String serverUrl, String name, String user, String password) {
            this.serverUrl = serverUrl;
            this.name = name;
            this.user = user;
            this.password = password;
        }

        @Override
        public String jdbcUrl() {
            return serverUrl + name;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String password() {
            return password;
        }

        @Override
        public String description() {
            return "MySQL-compatible server, database " + name;
        }

        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
                s.executeUpdate("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database " + name, e);
            }
        }
    }
}
