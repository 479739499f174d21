import java.sql.*;
import java.util.*;
import java.nio.file.*;

/**
 * What each index of {@code messages} costs H2: inserts private-message rows over 200 conversations in batches, one
 * commit per batch, with the appliance's URL options, the schema varied by flags in the first argument
 * (full | norcp: no recipient index | nocid: no (sender, client id) key | noseq: no (conversation, seq) key |
 * ordcid: time-ordered client ids | hcid/hcid2: a hashed id column instead | delay: WRITE_DELAY=500).
 * Run from the repository root (docs/PERFORMANCE.md, "Fewer random writes per private message"):
 *   java -cp ~/.m2/repository/com/h2database/h2/2.5.252/h2-2.5.252.jar bench/experiments/H2IndexCost.java norcp-ordcid 150000 200
 */
public class H2IndexCost {
    public static void main(String[] a) throws Exception {
        String variant = a[0];
        int total = Integer.parseInt(a[1]);
        int batch = Integer.parseInt(a[2]);
        Path dir = Files.createTempDirectory("h2exp");
        String delay = variant.contains("delay") ? "WRITE_DELAY=500" : "WRITE_DELAY=0";
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;" + delay;
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE messages (id BIGINT NOT NULL, conversation VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, sender_id BIGINT NOT NULL, recipient_id BIGINT NULL, client_msg_id VARCHAR(64) NOT NULL, body_text TEXT NULL, sticker VARCHAR(32) NULL, sent_at BIGINT NOT NULL, PRIMARY KEY (id)"
                  + (variant.contains("noseq") ? "" : ", CONSTRAINT uq1 UNIQUE (conversation, seq)")
                  + (variant.contains("nocid") ? "" : ", CONSTRAINT uq2 UNIQUE (sender_id, client_msg_id)") + ")");
                if (variant.contains("hcid2")) s.execute("ALTER TABLE messages ADD COLUMN h BIGINT; CREATE UNIQUE INDEX uqh ON messages (sender_id, h)");
                else if (variant.contains("hcid")) s.execute("ALTER TABLE messages ADD COLUMN h BIGINT; CREATE INDEX uqh ON messages (h)");
                if (!variant.contains("norcp")) s.execute("CREATE INDEX ix ON messages (recipient_id, conversation)");
                s.execute("CREATE TABLE pending_deliveries (user_id BIGINT NOT NULL, message_id BIGINT NOT NULL, PRIMARY KEY (user_id, message_id))");
            }
            c.setAutoCommit(false);
            Random r = new Random(1);
            long[] seqs = new long[200];
            long id = 0;
            long t0 = System.nanoTime();
            PreparedStatement ins = c.prepareStatement(variant.contains("hcid") ? "INSERT INTO messages (id, conversation, seq, sender_id, recipient_id, client_msg_id, body_text, sticker, sent_at, h) VALUES (?,?,?,?,?,?,?,?,?,?)" : "INSERT INTO messages (id, conversation, seq, sender_id, recipient_id, client_msg_id, body_text, sticker, sent_at) VALUES (?,?,?,?,?,?,?,?,?)");
            for (int b = 0; b < total / batch; b++) {
                for (int i = 0; i < batch; i++) {
                    int conv = r.nextInt(200);
                    id++;
                    ins.setLong(1, id); ins.setString(2, "dm:" + (conv*2) + ":" + (conv*2+1)); ins.setLong(3, ++seqs[conv]);
                    ins.setLong(4, conv*2); ins.setLong(5, conv*2+1); String cid = variant.contains("ordcid") ? String.format("%016x-%08x", System.currentTimeMillis(), id) : UUID.randomUUID().toString(); ins.setString(6, cid); if (variant.contains("hcid")) ins.setLong(10, cid.hashCode() * 31L + r.nextLong());
                    ins.setString(7, "hello there this is a message of some typical length " + id); ins.setNull(8, Types.VARCHAR); ins.setLong(9, System.currentTimeMillis());
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s batch=%d: %.0f rows/s, %.0f commits/s%n", variant, batch, total / s, total / batch / s);
        }
    }
}
