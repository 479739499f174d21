package org.lanchat.bench.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.SearchStore;

/**
 * Searches the same generated messages ({@link Corpus}) four ways and prints one table: the shipped statement
 * ({@link SearchStore}, a scan) on embedded H2 and on MariaDB, MariaDB's InnoDB FULLTEXT index, and a Lucene index with
 * CJK bigrams. For each: build time, disk size, median and p99 latency of a first page (21 rows, newest first) over a
 * fixed query set, and how many messages each query finds against the true count (a substring test in Java).
 *
 * <pre>
 *   java -cp bench/target/lanchat-bench.jar org.lanchat.bench.search.SearchComparison [MESSAGES] [MYSQL_SERVER_URL]
 * </pre>
 * Defaults: 1,000,000 messages; jdbc:mysql://127.0.0.1:3306/ as root without a password. It creates and drops a
 * database of its own, and works under a temporary directory it deletes.
 */
public final class SearchComparison {
    static final List<String> QUERIES = List.of("会议", "服务器", "明天", "三点", "周报", "budget", "deploy",
            "release notes", "kiwi", "printer", "会");
    private static final long SEED = 17;
    private static final int USERS = 100;
    private static final int PAGE = 21;
    private static final int REPETITIONS = 2;

    record Row(String candidate, double buildSeconds, double diskMb, double medianMs, double p99Ms,
               Map<String, Long> found) {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String server = args.length > 1 ? args[1] : "jdbc:mysql://127.0.0.1:3306/";
        Path work = Files.createTempDirectory("lanchat-search-bench-");
        Map<String, Long> truth = truth(messages);
        log("true counts " + truth);
        List<Row> rows = new ArrayList<>();
        try {
            String shipped = ApplianceConfig.builder().dataDir(work.resolve("h2")).build().effectiveDatabaseUrl();
            rows.add(sqlScan("H2 scan (shipped)", shipped, messages, () -> size(work.resolve("h2"))));
            String name = "lanchat_search_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            try (Connection admin = DriverManager.getConnection(server, "root", ""); Statement s = admin.createStatement()) {
                s.executeUpdate("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            try (Database maria = Database.open(server + name, "root", "")) {
                rows.add(sqlScan("MariaDB scan (shipped)", maria, messages, () -> tablespaces(maria, name + "/%")));
                rows.add(fullText(maria, name));
            } finally {
                try (Connection admin = DriverManager.getConnection(server, "root", ""); Statement s = admin.createStatement()) {
                    s.executeUpdate("DROP DATABASE " + name);
                }
            }
            rows.add(lucene(work.resolve("lucene"), messages));
        } finally {
            delete(work);
        }
        print(rows, truth, messages);
    }

    // ------------------------------------------------------------------ the candidates

    private static Row sqlScan(String candidate, String url, int messages, java.util.function.DoubleSupplier disk) {
        try (Database db = Database.open(url, "", "")) {
            return sqlScan(candidate, db, messages, disk);
        }
    }

    /** The statement the appliance runs, as the user with id 1 (a member of the group and of private conversations). */
    private static Row sqlScan(String candidate, Database db, int messages, java.util.function.DoubleSupplier disk) {
        long start = System.nanoTime();
        load(db, messages);
        double build = seconds(start);
        log(candidate + ": loaded in " + build + " s (the scan needs no index beyond the table)");
        SearchStore store = new SearchStore(db);
        List<Double> times = time(q -> store.find(1, q, null, Long.MAX_VALUE, PAGE).size());
        Map<String, Long> found = new LinkedHashMap<>();
        for (String q : QUERIES) {
            found.put(q, count(db, "SELECT COUNT(*) FROM messages WHERE LOWER(body_text) LIKE ?",
                    "%" + q.toLowerCase(Locale.ROOT) + "%"));
        }
        return new Row(candidate, 0, disk.getAsDouble(), percentile(times, 50), percentile(times, 99), found);
    }

    private static Row fullText(Database db, String name) {
        long start = System.nanoTime();
        db.query("building the FULLTEXT index", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("ALTER TABLE messages ADD FULLTEXT INDEX ft_body (body_text)");
            }
        });
        double build = seconds(start);
        log("FULLTEXT index built in " + build + " s");
        String page = "SELECT id FROM messages WHERE MATCH(body_text) AGAINST (? IN BOOLEAN MODE) ORDER BY id DESC LIMIT "
                + PAGE;
        List<Double> times = time(q -> (int) count(db, "SELECT COUNT(*) FROM (" + page + ") p", phrase(q)));
        Map<String, Long> found = new LinkedHashMap<>();
        for (String q : QUERIES) {
            found.put(q, count(db, "SELECT COUNT(*) FROM messages WHERE MATCH(body_text) AGAINST (? IN BOOLEAN MODE)",
                    phrase(q)));
        }
        return new Row("MariaDB InnoDB FULLTEXT", build, tablespaces(db, name + "/FTS\\_%"), percentile(times, 50),
                percentile(times, 99), found);
    }

    /** Bigrams for Chinese, words for English; each message with its id for newest-first order. */
    private static Row lucene(Path dir, int messages) throws IOException {
        CJKAnalyzer analyzer = new CJKAnalyzer();
        long start = System.nanoTime();
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(128))) {
            Corpus corpus = new Corpus(SEED);
            for (long id = 1; id <= messages; id++) {
                Document doc = new Document();
                doc.add(new TextField("text", corpus.next(), Field.Store.NO));
                doc.add(new NumericDocValuesField("id", id));
                writer.addDocument(doc);
            }
            writer.commit();
        }
        double build = seconds(start);
        log("Lucene index built in " + build + " s");
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryBuilder builder = new QueryBuilder(analyzer);
            Sort newestFirst = new Sort(new SortField("id", SortField.Type.LONG, true));
            List<Double> times = time(q -> {
                Query query = builder.createPhraseQuery("text", q);
                return query == null ? 0 : searchUnchecked(searcher, query, newestFirst);
            });
            Map<String, Long> found = new LinkedHashMap<>();
            for (String q : QUERIES) {
                Query query = builder.createPhraseQuery("text", q);
                found.put(q, query == null ? 0L : (long) searcher.count(query));
            }
            return new Row("Lucene, CJK bigrams", build, size(dir), percentile(times, 50), percentile(times, 99), found);
        }
    }

    private static int searchUnchecked(IndexSearcher searcher, Query query, Sort sort) {
        try {
            return searcher.search(query, PAGE, sort).scoreDocs.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ data

    /**
     * Messages with ids 1..n: four in five to the group, the rest to private conversations among {@link #USERS}
     * users (user 1 is in 99 of them), with sequence numbers per conversation, written in batches of 5,000.
     */
    private static void load(Database db, int messages) {
        Corpus corpus = new Corpus(SEED);
        java.util.SplittableRandom random = new java.util.SplittableRandom(SEED + 1);
        Map<String, Long> seqs = new HashMap<>();
        db.query("loading messages", c -> {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO messages (id, conversation, seq, sender_id,"
                    + " recipient_id, client_msg_id, body_text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement member = c.prepareStatement(
                         "INSERT INTO user_conversations (user_id, conversation) VALUES (?, ?)")) {
                for (long id = 1; id <= messages; id++) {
                    long sender = 1 + random.nextInt(USERS);
                    Long recipient = null;
                    ConversationKey key = ConversationKey.GROUP;
                    if (random.nextInt(5) == 0) {
                        long other = 1 + random.nextInt(USERS);
                        recipient = other == sender ? (sender % USERS) + 1 : other;
                        key = ConversationKey.direct(sender, recipient);
                    }
                    long seq = seqs.merge(key.value(), 1L, Long::sum);
                    if (seq == 1 && recipient != null) {
                        for (long user : new long[] {sender, recipient}) {
                            member.setLong(1, user);
                            member.setString(2, key.value());
                            member.addBatch();
                        }
                    }
                    insert.setLong(1, id);
                    insert.setString(2, key.value());
                    insert.setLong(3, seq);
                    insert.setLong(4, sender);
                    insert.setObject(5, recipient);
                    insert.setString(6, "b" + id);
                    insert.setString(7, corpus.next());
                    insert.setLong(8, 1_700_000_000_000L + id * 1000);
                    insert.addBatch();
                    if (id % 5_000 == 0 || id == messages) {
                        member.executeBatch();
                        insert.executeBatch();
                        c.commit();
                    }
                    if (id % 200_000 == 0) {
                        log("  " + id + " messages");
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /** How many messages contain each query, ignoring case: what a correct search finds. */
    private static Map<String, Long> truth(int messages) {
        Corpus corpus = new Corpus(SEED);
        Map<String, Long> counts = new LinkedHashMap<>();
        QUERIES.forEach(q -> counts.put(q, 0L));
        for (int i = 0; i < messages; i++) {
            String text = corpus.next().toLowerCase(Locale.ROOT);
            for (String q : QUERIES) {
                if (text.contains(q.toLowerCase(Locale.ROOT))) {
                    counts.merge(q, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    // ------------------------------------------------------------------ measuring

    /** One warm-up pass over the queries, then {@link #REPETITIONS} timed passes; milliseconds per query. */
    private static List<Double> time(java.util.function.ToIntFunction<String> search) {
        QUERIES.forEach(search::applyAsInt);
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < REPETITIONS; r++) {
            for (String q : QUERIES) {
                long start = System.nanoTime();
                search.applyAsInt(q);
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return times;
    }

    /** Nearest rank. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long count(Database db, String sql, String argument) {
        return db.query("counting", c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setString(1, argument);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** A phrase in boolean mode, the closest FULLTEXT comes to "contains". */
    private static String phrase(String q) {
        return "\"" + q + "\"";
    }

    /** Bytes of the InnoDB files whose names match, in MB (FULLTEXT keeps its index in auxiliary FTS_ tables). */
    private static double tablespaces(Database db, String names) {
        return db.query("measuring", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COALESCE(SUM(FILE_SIZE), 0) FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME LIKE ?")) {
                select.setString(1, names);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) / 1e6;
                }
            }
        });
    }

    private static double size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }

    // ------------------------------------------------------------------ the table

    private static void print(List<Row> rows, Map<String, Long> truth, int messages) {
        System.out.printf(Locale.ROOT, "%n%,d messages; %d queries x %d timed passes after one warm-up; first page of %d"
                + " hits, newest first%n%n", messages, QUERIES.size(), REPETITIONS, PAGE);
        System.out.println("| candidate | build (s) | disk (MB) | median (ms) | p99 (ms) | "
                + String.join(" | ", QUERIES) + " |");
        System.out.println("|---|---|---|---|---|" + "---|".repeat(QUERIES.size()));
        System.out.println("| true count | | | | | " + String.join(" | ",
                QUERIES.stream().map(q -> String.valueOf(truth.get(q))).toList()) + " |");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.1f | %s |%n", r.candidate(), r.buildSeconds(),
                    r.diskMb(), r.medianMs(), r.p99Ms(),
                    String.join(" | ", QUERIES.stream().map(q -> String.valueOf(r.found().get(q))).toList()));
        }
    }

    private static void log(String line) {
        System.err.println("[search-bench] " + line);
    }

    private SearchComparison() {
    }
}
