package org.lanchat.appliance.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
}
