package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rows a MySQL-compatible server reports reading for a query, from its own analysis of a real run. */
final class MySqlPlans {
    private static final Pattern ACTUAL_ROWS = Pattern.compile("actual time=\\S+ rows=(\\d+)");

    private MySqlPlans() {
    }

    static long rowsRead(Connection c, String sql) throws SQLException {
        boolean mariaDb = c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
        try (Statement s = c.createStatement()) {
            if (mariaDb) {
                // ANALYZE runs the statement and adds r_rows: the rows actually read, per table.
                long read = 0;
                try (ResultSet plan = s.executeQuery("ANALYZE " + sql)) {
                    while (plan.next()) {
                        read += Math.round(plan.getDouble("r_rows"));
                    }
                }
                return read;
            }
            // MySQL's EXPLAIN ANALYZE prints a tree; the widest step is the one that read the most rows.
            long read = 0;
            try (ResultSet plan = s.executeQuery("EXPLAIN ANALYZE " + sql)) {
                while (plan.next()) {
                    Matcher m = ACTUAL_ROWS.matcher(plan.getString(1));
                    while (m.find()) {
                        read = Math.max(read, Long.parseLong(m.group(1)));
                    }
                }
            }
            return read;
        }
    }
}
