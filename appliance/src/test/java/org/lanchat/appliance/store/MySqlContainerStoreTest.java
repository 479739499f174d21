package org.lanchat.appliance.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.lanchat.appliance.testing.TestDatabase;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The store contract on MySQL itself (not MariaDB), in a container. Needs a Docker engine; where there
 * is none the whole class is skipped and JUnit reports "Docker is not available" as the reason.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySqlContainerStoreTest extends StoreContract {
    @Container
    static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.4").withCommand("--character-set-server=utf8mb4");

    @Override
    TestDatabase newDatabase(Path dir) {
        return new TestDatabase() {
            @Override
            public String jdbcUrl() {
                return MYSQL.getJdbcUrl();
            }

            @Override
            public String user() {
                return MYSQL.getUsername();
            }

            @Override
            public String password() {
                return MYSQL.getPassword();
            }

            @Override
            public String description() {
                return "MySQL in a container";
            }

            @Override
            public void close() {
                // The container is discarded after the class; each test's rows are isolated by fresh users.
            }
        };
    }

    @Override
    long rowsRead(Connection c, String sql) throws SQLException {
        return MySqlPlans.rowsRead(c, sql);
    }
}
