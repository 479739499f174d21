package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.TestDatabase;

/** The store contract on the zero-configuration default: H2 in MySQL mode, in a file. */
class EmbeddedH2StoreTest extends StoreContract {
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }

    /** H2's EXPLAIN ANALYZE notes the rows each table's index scan went through. */
    @Override
    long rowsRead(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet plan = s.executeQuery("EXPLAIN ANALYZE " + sql)) {
            plan.next();
            Matcher m = SCAN_COUNT.matcher(plan.getString(1));
            if (!m.find()) {
                throw new IllegalStateException("no scanCount in the plan: " + plan.getString(1));
            }
            return Long.parseLong(m.group(1));
        }
    }

    /** Half of H2's default 16 MB: its cached pages are what the collector copies at every young pause under load. */
    @Test
    void theEmbeddedDatabaseKeepsAnEightMegabytePageCache(@TempDir Path dir) throws SQLException {
        try (TestDatabase db = TestDatabase.h2(dir);
                Connection c = DriverManager.getConnection(db.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet setting = s.executeQuery(
                        "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'info.CACHE_MAX_SIZE'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).as("H2's page cache, MB").isEqualTo("8");
        }
    }
}
