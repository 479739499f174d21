import java.util.*;
import org.lanchat.appliance.store.*;
import org.lanchat.appliance.core.*;
import org.lanchat.appliance.store.MessageJournal.SenderClientId;

/**
 * Where one group-commit transaction's time goes on MariaDB (127.0.0.1:3306, root): batches of N private messages over
 * 200 conversations through the appliance's own MessageStore, each phase timed, averaged over 250 batches after 50.
 * A second argument skips the client-id lookup, as the writer does for a batch of new sends. Run from the repository
 * root after building the appliance (docs/PERFORMANCE.md, "Resends are rare"):
 *   mvn -q -pl appliance dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp appliance/target/lanchat-appliance-0.1.0-SNAPSHOT.jar:$(cat /tmp/cp.txt) bench/experiments/CommitPhases.java 140 [skip]
 */
public class CommitPhases {
    public static void main(String[] a) throws Exception {
        int batch = Integer.parseInt(a[0]);
        String db = "w4exp_" + System.nanoTime();
        try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "root", "")) {
            c.createStatement().execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
        }
        try (Database d = Database.open("jdbc:mysql://127.0.0.1:3306/" + db, "root", "")) {
            MessageStore store = new MessageStore(d);
            long id = 0; long[] seqs = new long[200];
            long[] t = new long[7]; int rounds = 300; long cid = 0;
            Random r = new Random(1);
            for (int b = 0; b < rounds; b++) {
                List<StoredMessage> ms = new ArrayList<>();
                List<SenderClientId> ids = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    int conv = r.nextInt(200);
                    id++;
                    String k = String.format("%012x-%012x", 1L, ++cid);
                    ms.add(new StoredMessage(id, ConversationKey.direct(conv * 2, conv * 2 + 1), ++seqs[conv], conv * 2, (long) conv * 2 + 1, k, "hello there this is a message " + id, null, System.currentTimeMillis()));
                    ids.add(new SenderClientId(conv * 2, k));
                }
                long t0 = System.nanoTime();
                try (MessageJournal.Transaction tx = store.begin()) {
                    long t1 = System.nanoTime(); tx.lockForCommit();
                    long t2 = System.nanoTime(); tx.maxId();
                    long t3 = System.nanoTime(); if (a.length < 2) tx.findByClientIds(ids);
                    long t4 = System.nanoTime(); tx.insert(ms);
                    long t5 = System.nanoTime(); tx.commit();
                    long t6 = System.nanoTime();
                    if (b >= 50) { t[0]+=t1-t0; t[1]+=t2-t1; t[2]+=t3-t2; t[3]+=t4-t3; t[4]+=t5-t4; t[5]+=t6-t5; t[6]+=t6-t0; }
                }
            }
            int n = rounds - 50;
            String[] names = {"begin", "lock", "maxId", "findByClientIds", "insert", "commit", "total"};
            for (int i = 0; i < 7; i++) System.out.printf("%-16s %8.2f ms%n", names[i], t[i] / 1e6 / n);
            System.out.printf("rows/s %.0f%n", batch / (t[6] / 1e9 / n));
        } finally {
            try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "root", "")) {
                c.createStatement().execute("DROP DATABASE " + db);
            }
        }
    }
}
