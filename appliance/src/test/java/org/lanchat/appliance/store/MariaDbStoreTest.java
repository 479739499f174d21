package org.lanchat.appliance.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The store contract on a real MySQL-compatible server: MariaDB on 127.0.0.1:3306 in CI, or whatever
 * {@code LANCHAT_TEST_MYSQL_URL} names. Each test gets its own database, dropped afterwards.
 */
class MariaDbStoreTest extends StoreContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.mysql();
    }

    @Override
    long rowsRead(Connection c, String sql) throws SQLException {
        return MySqlPlans.rowsRead(c, sql);
    }
}
