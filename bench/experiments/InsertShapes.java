import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lanchat.appliance.store.Database;

/**
 * Ways to send one group commit's private-message rows to MariaDB (127.0.0.1:3306, root), on a pool the appliance's
 * own {@code Database} opened (the same driver options). Two shapes of the insert: the JDBC batch, which the driver
 * rewrites into one multi-row INSERT ({@code rewriteBatchedStatements}), and that multi-row INSERT written out with
 * one placeholder per value. Two ways to hold the connection: borrowed from the pool per batch with auto-commit
 * switched off and on again around it (as the appliance's writer does: two more round trips), and one connection held
 * in transaction mode throughout. For each of the four: the thread's allocated bytes per row and the time per batch
 * of N rows (insert and commit), averaged over 300 batches after 100, the four alternated batch by batch. Run from
 * the repository root after building the appliance (docs/PERFORMANCE.md, "What the private tail is not"):
 *   mvn -q -pl appliance -am -DskipTests package
 *   java -cp appliance/target/lanchat-appliance.jar bench/experiments/InsertShapes.java 140
 */
public class InsertShapes {
    private static final String COLUMNS = "id, conversation, seq, sender_id, recipient_id, client_msg_id, body_text, sticker,"
            + " sent_at, kind, target_seq, attachment";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    record Row(long id, String conversation, long seq, long sender, long recipient, String clientId, String text, long at) {
    }

    public static void main(String[] a) throws Exception {
        int batch = Integer.parseInt(a[0]);
        String db = "w4shape_" + System.nanoTime();
        try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "root", "")) {
            c.createStatement().execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
        }
        try (Database d = Database.open("jdbc:mysql://127.0.0.1:3306/" + db, "root", "")) {
            long id = 0;
            long[] seqs = new long[200];
            long[][] sums = new long[4][2];
            Connection held = d.dataSource().getConnection();
            held.setAutoCommit(false);
            int rounds = 400;
            int warm = 100;
            java.util.Random r = new java.util.Random(1);
            for (int b = 0; b < rounds * 4; b++) {
                List<Row> rows = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    int conv = r.nextInt(200);
                    id++;
                    rows.add(new Row(id, org.lanchat.appliance.core.ConversationKey.direct(conv * 2, conv * 2 + 1).value(), ++seqs[conv], conv * 2,
                            conv * 2 + 1, String.format("%012x-%012x", 1L, id), "hello there this is a message " + id,
                            System.currentTimeMillis()));
                }
                int shape = b % 4;
                long tid = Thread.currentThread().threadId();
                long bytes0 = THREADS.getThreadAllocatedBytes(tid);
                long t0 = System.nanoTime();
                if (shape < 2) {
                    try (Connection c = d.connection()) {
                        c.setAutoCommit(false);
                        insert(c, rows, shape);
                        c.commit();
                        c.setAutoCommit(true);
                    }
                } else {
                    insert(held, rows, shape);
                    held.commit();
                }
                long t1 = System.nanoTime();
                long bytes1 = THREADS.getThreadAllocatedBytes(tid);
                if (b >= warm * 4) {
                    sums[shape][0] += t1 - t0;
                    sums[shape][1] += bytes1 - bytes0;
                }
            }
            held.close();
            String[] names = {"pooled, JDBC batch", "pooled, multi-row", "held, JDBC batch", "held, multi-row"};
            int n = rounds - warm;
            for (int s = 0; s < 4; s++) {
                System.out.printf("%-22s %7.2f ms/batch  %8.0f bytes allocated/row%n", names[s], sums[s][0] / 1e6 / n,
                        sums[s][1] / (double) n / batch);
            }
        } finally {
            try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "root", "")) {
                c.createStatement().execute("DROP DATABASE " + db);
            }
        }
    }

    private static void insert(Connection c, List<Row> rows, int shape) throws SQLException {
        if (shape % 2 == 0) {
            jdbcBatch(c, rows);
        } else {
            multiRow(c, rows);
        }
    }

    private static void jdbcBatch(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO messages (" + COLUMNS + ") VALUES " + ROW)) {
            for (Row m : rows) {
                set(insert, 0, m);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void multiRow(Connection c, List<Row> rows) throws SQLException {
        String sql = "INSERT INTO messages (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows.size(), ROW));
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            int offset = 0;
            for (Row m : rows) {
                set(insert, offset, m);
                offset += 12;
            }
            insert.executeUpdate();
        }
    }

    private static void set(PreparedStatement insert, int o, Row m) throws SQLException {
        insert.setLong(o + 1, m.id());
        insert.setString(o + 2, m.conversation());
        insert.setLong(o + 3, m.seq());
        insert.setLong(o + 4, m.sender());
        insert.setLong(o + 5, m.recipient());
        insert.setString(o + 6, m.clientId());
        insert.setString(o + 7, m.text());
        insert.setString(o + 8, null);
        insert.setLong(o + 9, m.at());
        insert.setNull(o + 10, Types.VARCHAR);
        insert.setNull(o + 11, Types.BIGINT);
        insert.setString(o + 12, null);
    }
}
