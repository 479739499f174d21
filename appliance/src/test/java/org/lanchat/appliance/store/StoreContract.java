package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.account.ConfusableNames;
import org.lanchat.appliance.account.DisplayNames;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.testing.ScenarioFigures;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * What every database behind the appliance must do, run against each engine we support by the
 * subclasses: the embedded H2 database, a real MariaDB/MySQL server, and MySQL in a container.
 */
abstract class StoreContract {
    @TempDir
    Path dir;
    TestDatabase testDatabase;
    Database db;
    UserStore users;
    MessageStore messages;
    List<StoredMessage> relayed;
    long clock = 1_700_000_000_000L;

    abstract TestDatabase newDatabase(Path dir);

    /** Rows the engine itself reports reading to answer {@code sql} (a SELECT with literal values). */
    abstract long rowsRead(Connection c, String sql) throws SQLException;

    @BeforeEach
    void open() {
        testDatabase = newDatabase(dir);
        db = Database.open(testDatabase.jdbcUrl(), testDatabase.user(), testDatabase.password());
        users = new UserStore(db);
        messages = new MessageStore(db);
        relayed = new ArrayList<>();
    }

    @AfterEach
    void close() {
        db.close();
        testDatabase.close();
    }

    private MessageLog log(int maxBatch) {
        return new MessageLog(messages, userId -> userId % 2 == 0, (m, origin) -> {
            synchronized (relayed) {
                relayed.add(m);
            }
        }, () -> clock, maxBatch, 100_000);
    }

    private UserRecord user(String name) {
        return users.create(name, name.toLowerCase(), java.util.Set.of(name.toLowerCase()), "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", clock).orElseThrow();
    }

    private static Append group(long sender, String clientId, String text) {
        return new Append(sender, ConversationKey.GROUP, null, clientId, text, null, 0);
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        UserRecord alice = user("Alice");
        assertThat(users.create("aLICE", "alice", java.util.Set.of("alice-other-skeleton"), "x", clock)).isEmpty();
        assertThat(users.findByKey("alice")).contains(alice);
        assertThat(users.findById(alice.id()).map(UserRecord::username)).contains("Alice");
    }

    /** Version 8: a display name's skeletons share one table with login names', so no two names shown look alike. */
    @Test
    void aDisplayNameCannotLookLikeAnotherAccountsLoginOrDisplayName() {
        UserRecord alice = users.create("alice", "alice", ConfusableNames.skeletons("alice"), "h", clock).orElseThrow();
        UserRecord mallory = users.create("mallory", "mallory", ConfusableNames.skeletons("mallory"), "h", clock).orElseThrow();
        assertThat(users.setDisplayName(mallory.id(), shown("Alice"))).as("another's login name").isFalse();
        assertThat(users.setDisplayName(alice.id(), shown("Alice"))).as("one's own login name").isTrue();
        assertThat(users.setDisplayName(mallory.id(), shown("ALICE"))).as("another's display name").isFalse();
        assertThat(users.findById(mallory.id()).orElseThrow().displayName()).isNull();

        assertThat(users.setDisplayName(alice.id(), shown("张伟"))).isTrue();
        assertThat(users.findById(alice.id()).orElseThrow().displayName()).isEqualTo("张伟");
        assertThat(users.setDisplayName(mallory.id(), shown("Alice"))).as("her login name still looks like it").isFalse();
        assertThat(users.setDisplayName(mallory.id(), shown("Mal"))).isTrue();
        assertThat(users.setDisplayName(mallory.id(), UserStore.ShownName.NONE)).as("clearing").isTrue();
        assertThat(users.findByKey("mallory").orElseThrow().displayName()).isNull();
        assertThat(users.setDisplayName(alice.id(), shown("Mal"))).as("a cleared name is free again").isTrue();
    }

    @Test
    void aLoginNameCannotBeRegisteredWhenItLooksLikeSomeonesDisplayName() {
        UserRecord mallory = users.create("mallory", "mallory", ConfusableNames.skeletons("mallory"), "h", clock).orElseThrow();
        assertThat(users.setDisplayName(mallory.id(), shown("bob"))).isTrue();
        assertThat(users.create("b0b", "b0b", ConfusableNames.skeletons("b0b"), "h", clock)).isEmpty();
        assertThat(users.anyTaken(ConfusableNames.skeletons("BOB"))).isTrue();
        assertThat(users.findByKey("b0b")).isEmpty();
    }

    @Test
    void anAccountCreatedWithATakenDisplayNameLeavesNothingBehind() {
        users.create("alice", "alice", ConfusableNames.skeletons("alice"), shown("Ольга"), "h", clock).orElseThrow();
        assertThat(users.create("bob", "bob", ConfusableNames.skeletons("bob"), shown("ОЛЬГА"), "h", clock)).isEmpty();
        assertThat(users.findByKey("bob")).isEmpty();
        assertThat(users.create("bob", "bob", ConfusableNames.skeletons("bob"), shown("José"), "h", clock).orElseThrow()
                .displayName()).isEqualTo("José");
        assertThat(users.findByKey("alice").orElseThrow().displayName()).isEqualTo("Ольга");
    }

    @Test
    void displayNamesInAnyScriptSurviveTheRoundTrip() {
        UserRecord user = users.create("carol", "carol", ConfusableNames.skeletons("carol"), "h", clock).orElseThrow();
        for (String name : List.of("张伟", "José", "Ольга", "محمد", "Emoji 😀 Fan")) {
            assertThat(users.setDisplayName(user.id(), shown(name))).as(name).isTrue();
            assertThat(users.findById(user.id()).orElseThrow().displayName()).isEqualTo(name);
        }
    }

    /** A value too long for its column fails that one call; the database is still healthy, so others' sends go on. */
    @Test
    void aValueTooLongForItsColumnFailsThatCallAloneNotTheDatabase() {
        UserRecord carol = users.create("carol", "carol", ConfusableNames.skeletons("carol"), "h", clock).orElseThrow();
        assertThatThrownBy(() -> db.call("setting a 500-letter display name", c -> {
            try (var update = c.prepareStatement("UPDATE users SET display_name = ? WHERE id = ?")) {
                update.setString(1, "x".repeat(500));
                update.setLong(2, carol.id());
                return update.executeUpdate();
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("refused the values");
        assertThat(db.health().condition().healthy()).isTrue();
        assertThat(users.setDisplayName(carol.id(), shown("Carol"))).as("the next write").isTrue();
    }

    private static UserStore.ShownName shown(String name) {
        return DisplayNames.check(name);
    }

    /**
     * Version 2 adds a unique look-alike skeleton per account. A database from before it can already hold
     * look-alike names (alice, aIice, a1ice): the migration must not fail on them, the oldest keeps its
     * skeleton, the others keep working without one, and no new look-alike of any of them registers.
     */
    @Test
    void theSkeletonMigrationToleratesLookAlikesRegisteredBeforeIt() throws Exception {
        try (TestDatabase legacy = newDatabase(dir.resolve("legacy"))) {
            atVersion(legacy, "1", c -> {
                try (var insert = c.prepareStatement(
                        "INSERT INTO users (username, username_key, password_hash, disabled, created_at) VALUES (?, ?, 'h', FALSE, 1)")) {
                    for (String name : List.of("alice", "aIice", "a1ice", "bob")) {
                        insert.setString(1, name);
                        insert.setString(2, name.toLowerCase(Locale.ROOT));
                        insert.executeUpdate();
                    }
                }
                return null;
            });
            try (Database migrated = Database.open(legacy.jdbcUrl(), legacy.user(), legacy.password())) {
                UserStore store = new UserStore(migrated);
                // aIice keeps its lower-case skeleton (aiice); a1ice has nothing left that is its own.
                assertThat(store.fillMissingSkeletons(ConfusableNames::skeletons)).containsExactly("aIice", "a1ice");
                assertThat(store.fillMissingSkeletons(ConfusableNames::skeletons))
                        .as("a later start tries the one without any again, and changes nothing").containsExactly("a1ice");
                for (String name : List.of("alice", "aIice", "a1ice", "bob")) {
                    assertThat(store.findByKey(name.toLowerCase(Locale.ROOT))).as(name).isPresent();
                }
                for (String lookAlike : List.of("Alice_", "a1ice.", "b0b", "ALIce-")) {
                    assertThat(store.create(lookAlike, lookAlike.toLowerCase(Locale.ROOT), ConfusableNames.skeletons(lookAlike), "h", clock))
                            .as("%s, a new look-alike", lookAlike).isEmpty();
                    assertThat(store.findByKey(lookAlike.toLowerCase(Locale.ROOT))).as("%s left nothing behind", lookAlike).isEmpty();
                }
                assertThat(store.create("carol", "carol", ConfusableNames.skeletons("carol"), "h", clock)).isPresent();
            }
        }
    }

    /**
     * Version 16 adds the skeletons that keep case (ALlCE with a small L looks like alice in capitals): it drops the
     * login names' skeletons, which the appliance then writes anew, new ones included; display names keep theirs.
     */
    @Test
    void afterVersion16AnOlderAccountIsGuardedAgainstItsLookAlikeInCapitals() throws Exception {
        try (TestDatabase legacy = newDatabase(dir.resolve("legacy16"))) {
            atVersion(legacy, "15", c -> {
                try (var statement = c.createStatement()) {
                    statement.executeUpdate("INSERT INTO users (username, username_key, password_hash, disabled, created_at,"
                            + " display_name) VALUES ('alice', 'alice', 'h', FALSE, 1, NULL), ('bob', 'bob', 'h', FALSE, 2, 'Bobby')");
                    statement.executeUpdate("INSERT INTO username_skeletons (skeleton, user_id, display_name) SELECT 'alice', id,"
                            + " FALSE FROM users WHERE username = 'alice'");
                    statement.executeUpdate("INSERT INTO username_skeletons (skeleton, user_id, display_name) SELECT 'bobby', id,"
                            + " TRUE FROM users WHERE username = 'bob'");
                }
                return null;
            });
            try (Database migrated = Database.open(legacy.jdbcUrl(), legacy.user(), legacy.password())) {
                UserStore store = new UserStore(migrated);
                assertThat(store.fillMissingSkeletons(ConfusableNames::skeletons)).as("no look-alikes among them").isEmpty();
                assertThat(store.create("ALlCE", "allce", ConfusableNames.skeletons("ALlCE"), "h", clock)).isEmpty();
                assertThat(store.create("a1ice", "a1ice", ConfusableNames.skeletons("a1ice"), "h", clock)).as("as before").isEmpty();
                assertThat(store.anyTaken(java.util.Set.of("bobby"))).as("the display name's skeleton stays").isTrue();
                assertThat(store.create("carol", "carol", ConfusableNames.skeletons("carol"), "h", clock)).isPresent();
            }
        }
    }

    /** Migrates {@code legacy} to an older schema {@code version} and fills it, as a database from before a release. */
    private static void atVersion(TestDatabase legacy, String version, Database.SqlWork<Void> fill) throws SQLException {
        try (var pool = new com.zaxxer.hikari.HikariDataSource()) {
            pool.setJdbcUrl(legacy.jdbcUrl());
            pool.setUsername(legacy.user());
            pool.setPassword(legacy.password());
            Database.migrate(pool, legacy.jdbcUrl().startsWith("jdbc:h2:"), version);
            try (Connection c = pool.getConnection()) {
                fill.run(c);
            }
        }
    }

    @Test
    void accountsCanBeDisabled() {
        UserRecord alice = user("alice");
        assertThat(users.setDisabled(alice.id(), true)).isTrue();
        assertThat(users.findByKey("alice").orElseThrow().disabled()).isTrue();
    }

    @Test
    void sqlMetacharactersInDataAreJustData() {
        UserRecord user = user("robert");
        String text = "Robert'); DROP TABLE messages;-- \\ \" % _";
        try (MessageLog log = log(100)) {
            log.start();
            log.append(group(user.id(), "c1", text)).join();
        }
        assertThat(messages.page(ConversationKey.GROUP, 0, MessageStore.Direction.NEWER, 0, 10).messages())
                .extracting(StoredMessage::text).containsExactly(text);
    }

    @Test
    void emojiAndOtherFourByteCharactersSurviveTheRoundTrip() {
        UserRecord user = user("emoji");
        String text = "party \uD83C\uDF89 \uD83D\uDC4D\uD83C\uDFFD \u6F22\u5B57 \uD834\uDD1E";
        try (MessageLog log = log(100)) {
            log.start();
            log.append(group(user.id(), "c1", text)).join();
        }
        assertThat(messages.page(ConversationKey.GROUP, 0, MessageStore.Direction.NEWER, 0, 10).messages().get(0).text()).isEqualTo(text);
    }

    @Test
    void queuedSendsAreCommittedTogetherInOneTransactionPerBatch() {
        UserRecord user = user("batcher");
        MessageLog log = log(250);
        List<CompletableFuture<Accepted>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(log.append(group(user.id(), "c" + i, "message " + i)));
        }
        log.start(); // the writer finds all 1000 waiting
        results.forEach(CompletableFuture::join);
        log.close();
        assertThat(log.committedBatches()).isEqualTo(4);
        assertThat(results).extracting(f -> f.join().message().seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(relayed).hasSize(1000);
    }

    @Test
    void aHistoryPageReadsThePageAndNotTheRestOfTheConversation() {
        UserRecord user = user("chatty");
        MessageLog log = log(250);
        for (int i = 0; i < 1000; i++) {
            log.append(group(user.id(), "h" + i, "message " + i));
        }
        log.start();
        log.close();
        // A catch-up page from seq 100 and a backwards page from seq 900: 50 messages each (51 with the
        // look-ahead row), out of 800 that lie beyond either bound.
        Map<MessageStore.Direction, Long> bounds = Map.of(MessageStore.Direction.NEWER, 100L, MessageStore.Direction.OLDER, 900L);
        bounds.forEach((direction, bound) -> {
            String sql = literal(MessageStore.pageSql(direction), "'group'", "0", bound.toString(), "51");
            long read = db.query("explaining a history page", c -> rowsRead(c, sql));
            assertThat(read).as("rows read for a 50-message %s page", direction).isBetween(1L, 60L);
            assertThat(messages.page(ConversationKey.GROUP, 0, direction, bound, 50).messages()).hasSize(50);
        });
        long read = db.query("explaining the newest seq", c -> rowsRead(c, literal(MessageStore.LAST_SEQ_SQL, "'group'")));
        assertThat(read).as("rows read to find the newest seq").isBetween(1L, 5L);
        assertThat(messages.lastSeq(ConversationKey.GROUP)).isEqualTo(1000);
    }

    private static String literal(String sql, String... values) {
        String filled = sql;
        for (String v : values) {
            filled = filled.replaceFirst("\\?", v);
        }
        assertThat(filled).doesNotContain("?");
        return filled;
    }

    @Test
    void concurrentSendersGetOneGapFreeSequencePerConversation() throws Exception {
        List<UserRecord> senders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            senders.add(user("sender" + i));
        }
        long other = senders.get(1).id();
        try (MessageLog log = log(500)) {
            log.start();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<CompletableFuture<Accepted>> all = new ArrayList<>();
            for (UserRecord s : senders) {
                pool.submit(() -> {
                    for (int n = 0; n < 200; n++) {
                        Append a = n % 4 == 0 && s.id() != other
                                ? new Append(s.id(), ConversationKey.direct(s.id(), other), other, "p" + n, "hi " + n, null, 0)
                                : group(s.id(), "g" + n, "hello " + n);
                        synchronized (all) {
                            all.add(log.append(a));
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (CompletableFuture<Accepted> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        Map<ConversationKey, List<Long>> seqsByConversation = new HashMap<>();
        for (StoredMessage m : relayed) {
            seqsByConversation.computeIfAbsent(m.conversation(), k -> new ArrayList<>()).add(m.seq());
        }
        seqsByConversation.forEach((conversation, seqs) -> assertThat(seqs).as(conversation.value())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList()));
        assertThat(relayed).extracting(StoredMessage::id).doesNotHaveDuplicates();
        assertThat(relayed).hasSize(1600);
    }

    /**
     * Two appliances sharing one database (two pools, two group-commit writers) both commit to the group and to
     * the same private conversation at once, 2,000 sends each, in batches of at most 25 so that their
     * transactions interleave hundreds of times; a resend of each other's messages is answered with the original.
     */
    @Test
    void twoAppliancesCommittingToOneConversationAtOnceNeverDuplicateOrSkipASequenceNumber() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(messages.shared(),
                "an embedded database has one appliance writing to it; only a server is shared");
        UserRecord alice = user("alice");
        UserRecord bob = user("bob");
        ConversationKey direct = ConversationKey.direct(alice.id(), bob.id());
        List<StoredMessage> stored = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Database otherPool = Database.open(testDatabase.jdbcUrl(), testDatabase.user(), testDatabase.password());
             MessageLog first = new MessageLog(messages, id -> true, (m, origin) -> { }, () -> clock, 25, 100_000);
             MessageLog second = new MessageLog(new MessageStore(otherPool), id -> true, (m, origin) -> { }, () -> clock,
                     25, 100_000)) {
            first.start();
            second.start();
            List<CompletableFuture<Accepted>> all = new ArrayList<>();
            for (int n = 0; n < 2000; n++) {
                for (MessageLog writer : List.of(first, second)) {
                    String id = (writer == first ? "a" : "b") + n;
                    Append send = n % 2 == 0
                            ? group(alice.id(), id, "hello " + n)
                            : new Append(bob.id(), direct, alice.id(), id, "hi " + n, null, 0);
                    all.add(writer.append(send).thenApply(accepted -> {
                        stored.add(accepted.message());
                        return accepted;
                    }));
                }
            }
            for (CompletableFuture<Accepted> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
            Accepted resend = second.append(group(alice.id(), "a0", "hello 0")).get(10, TimeUnit.SECONDS);
            assertThat(resend.duplicate()).as("a resend reaching the other appliance").isTrue();
        }
        assertThat(stored).hasSize(4000).extracting(StoredMessage::id).doesNotHaveDuplicates();
        for (ConversationKey conversation : List.of(ConversationKey.GROUP, direct)) {
            assertThat(stored.stream().filter(m -> m.conversation().equals(conversation)).map(StoredMessage::seq).sorted())
                    .as(conversation.value()).containsExactlyElementsOf(LongStream.rangeClosed(1, 2000).boxed().toList());
        }
        List<StoredMessage> byId = stored.stream().sorted(java.util.Comparator.comparingLong(StoredMessage::id)).toList();
        for (int i = 1; i < byId.size(); i++) {
            StoredMessage earlier = byId.get(i - 1);
            StoredMessage later = byId.get(i);
            if (earlier.conversation().equals(later.conversation())) {
                assertThat(later.seq()).as("ids and sequence numbers rise together").isGreaterThan(earlier.seq());
            }
        }
        assertThat(messages.lastSeq(ConversationKey.GROUP)).isEqualTo(2000);
    }

    @Test
    void aResendReturnsTheOriginalAndIsNotRelayedAgainEvenAfterRestart() {
        UserRecord user = user("resender");
        Accepted first;
        try (MessageLog log = log(100)) {
            log.start();
            first = log.append(group(user.id(), "same-id", "hello")).join();
            Accepted again = log.append(group(user.id(), "same-id", "hello")).join();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.message()).isEqualTo(first.message());
        }
        try (MessageLog restarted = log(100)) {
            restarted.start();
            Accepted afterRestart = restarted.append(group(user.id(), "same-id", "hello")).join();
            assertThat(afterRestart.duplicate()).isTrue();
            assertThat(afterRestart.message().id()).isEqualTo(first.message().id());
            Accepted next = restarted.append(group(user.id(), "next-id", "and more")).join();
            assertThat(next.message().seq()).as("counters continue from the database").isEqualTo(2);
            assertThat(next.message().id()).isGreaterThan(first.message().id());
        }
        assertThat(relayed).hasSize(2);
    }

    /** Resends are rare: new sends go in without a lookup, and the unique key catches a resend, which finds its original. */
    @Test
    void newSendsAreStoredWithoutLookingUpTheirIdsAndAResendStillFindsItsOriginal() {
        UserRecord user = user("optimist");
        CountingJournal counting = new CountingJournal(messages);
        List<Accepted> sent = new ArrayList<>();
        try (MessageLog log = new MessageLog(counting, userId -> true, (m, origin) -> {
            synchronized (relayed) {
                relayed.add(m);
            }
        }, () -> clock, 100, 1000)) {
            log.start();
            for (int i = 0; i < 10; i++) {
                sent.add(log.append(group(user.id(), "new-" + i, "message " + i)).join());
            }
            assertThat(counting.lookups.get()).as("lookups for ten new sends").isZero();
            Accepted again = log.append(group(user.id(), "new-3", "message 3")).join();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.message()).isEqualTo(sent.get(3).message());
            assertThat(log.append(group(user.id(), "new-3", "other text")))
                    .failsWithin(java.time.Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOfSatisfying(Refused.class,
                            r -> assertThat(r.code()).isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT));
        }
        assertThat(counting.lookups.get()).isPositive();
        assertThat(relayed).extracting(StoredMessage::clientMsgId).containsExactly(
                "new-0", "new-1", "new-2", "new-3", "new-4", "new-5", "new-6", "new-7", "new-8", "new-9");
    }

    /** The store, counting the writer's lookups of client message ids. */
    private static final class CountingJournal implements MessageJournal {
        final java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        private final MessageStore store;

        CountingJournal(MessageStore store) {
            this.store = store;
        }

        @Override
        public boolean shared() {
            return store.shared();
        }

        @Override
        public boolean refusesStoredClientIds() {
            return store.refusesStoredClientIds();
        }

        @Override
        public List<StoredMessage> committedBetween(long after, long before, int limit) {
            return store.committedBetween(after, before, limit);
        }

        @Override
        public Transaction begin() {
            Transaction tx = store.begin();
            return new Transaction() {
                @Override
                public void lockForCommit() {
                    tx.lockForCommit();
                }

                @Override
                public long maxId() {
                    return tx.maxId();
                }

                @Override
                public long maxSeq(ConversationKey conversation) {
                    return tx.maxSeq(conversation);
                }

                @Override
                public Map<SenderClientId, StoredMessage> findByClientIds(java.util.Collection<SenderClientId> ids) {
                    lookups.incrementAndGet();
                    return tx.findByClientIds(ids);
                }

                @Override
                public void insert(List<StoredMessage> messages) {
                    tx.insert(messages);
                }

                @Override
                public void insertPending(Map<Long, Long> messageIdToUserId) {
                    tx.insertPending(messageIdToUserId);
                }

                @Override
                public void commit() {
                    tx.commit();
                }

                @Override
                public void close() {
                    tx.close();
                }
            };
        }
    }

    @Test
    void aBatchMixingManyResendsWithNewSendsFindsEveryOriginal() {
        // 450 resends from three senders (more than one lookup's worth) queued with 450 new sends, so a
        // single commit has to find every stored original among the new keys.
        List<UserRecord> senders = List.of(user("bulk0"), user("bulk1"), user("bulk2"));
        Map<String, Long> originalIds = new HashMap<>();
        try (MessageLog log = log(1000)) {
            log.start();
            for (int i = 0; i < 450; i++) {
                Accepted a = log.append(group(senders.get(i % 3).id(), "old-" + i, "text " + i)).join();
                originalIds.put("old-" + i, a.message().id());
            }
        }
        MessageLog log = log(1000);
        List<CompletableFuture<Accepted>> resends = new ArrayList<>();
        List<CompletableFuture<Accepted>> fresh = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            resends.add(log.append(group(senders.get(i % 3).id(), "old-" + i, "text " + i)));
            fresh.add(log.append(group(senders.get(i % 3).id(), "new-" + i, "text " + i)));
        }
        log.start(); // the writer finds all 900 waiting: one batch
        resends.forEach(CompletableFuture::join);
        fresh.forEach(CompletableFuture::join);
        log.close();
        assertThat(log.committedBatches()).isEqualTo(1);
        for (int i = 0; i < 450; i++) {
            Accepted again = resends.get(i).join();
            assertThat(again.duplicate()).as("old-%d", i).isTrue();
            assertThat(again.message().id()).as("old-%d", i).isEqualTo(originalIds.get("old-" + i));
        }
        assertThat(fresh).extracting(f -> f.join().duplicate()).containsOnly(false);
        assertThat(fresh).extracting(f -> f.join().message().seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(451, 900).boxed().toList());
        assertThat(relayed).hasSize(900);
    }

    @Test
    void clientMessageIdsAreCaseSensitive() {
        UserRecord user = user("casey");
        try (MessageLog log = log(100)) {
            log.start();
            Accepted lower = log.append(group(user.id(), "abc-id", "first")).join();
            Accepted upper = log.append(group(user.id(), "ABC-ID", "second")).join();
            assertThat(upper.duplicate()).isFalse();
            assertThat(upper.message().id()).isNotEqualTo(lower.message().id());
        }
    }

    /**
     * {@code k} and {@code k } are different ids (PROTOCOL.md §7.3): a collation that pads with spaces would
     * make them collide in the unique key, and one sender's pair would then fail everyone's batch.
     */
    @Test
    void idsThatDifferOnlyByTrailingSpacesAreDifferentAndOthersInTheBatchCommit() {
        UserRecord poisoner = user("padder");
        List<UserRecord> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(user("bystander" + i));
        }
        MessageLog log = log(500);
        List<CompletableFuture<Accepted>> theirs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            theirs.add(log.append(group(others.get(i).id(), "c-" + i, "hello " + i)));
        }
        CompletableFuture<Accepted> plain = log.append(group(poisoner.id(), "k", "plain"));
        CompletableFuture<Accepted> padded = log.append(group(poisoner.id(), "k ", "padded"));
        CompletableFuture<Accepted> twice = log.append(group(poisoner.id(), "k  ", "padded twice"));
        for (int i = 0; i < 20; i++) {
            theirs.add(log.append(group(others.get(i).id(), "d-" + i, "again " + i)));
        }
        log.start(); // one batch holds them all
        theirs.forEach(CompletableFuture::join);
        log.close();
        assertThat(log.committedBatches()).isEqualTo(1);
        assertThat(List.of(plain.join(), padded.join(), twice.join()))
                .extracting(a -> a.message().clientMsgId(), Accepted::duplicate)
                .containsExactly(tuple("k", false), tuple("k ", false), tuple("k  ", false));
        assertThat(relayed).hasSize(43);
        try (MessageLog again = log(500)) {
            again.start();
            assertThat(again.append(group(poisoner.id(), "k ", "padded")).join().message().id())
                    .as("a resend of the padded id finds the padded original").isEqualTo(padded.join().message().id());
        }
        String scenario = "poisoned batch (" + engine() + ")";
        ScenarioFigures.record(scenario, "'k', 'k ', 'k  ' in a batch of 40 others' sends: stored as", "3 messages, "
                + (relayed.size() - 3) + " others' stored, in " + log.committedBatches() + " transaction");
    }

    /**
     * However a row comes to violate a constraint, it fails alone with an error its sender will not retry,
     * and the rest of its batch commits. The test adds a constraint the appliance knows nothing of.
     */
    @Test
    void aRowTheDatabaseRefusesFailsAloneAndTheRestOfTheBatchCommits() throws Exception {
        db.query("adding a test constraint", c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate("ALTER TABLE messages ADD CONSTRAINT test_poison CHECK (body_text <> 'poison')");
            }
        });
        List<UserRecord> senders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            senders.add(user("sender" + i));
        }
        MessageLog log = log(500);
        List<CompletableFuture<Accepted>> good = new ArrayList<>();
        CompletableFuture<Accepted> poisoned = null;
        for (int i = 0; i < 41; i++) {
            if (i == 17) {
                poisoned = log.append(group(senders.get(3).id(), "bad", "poison"));
            } else {
                good.add(log.append(group(senders.get(i % 10).id(), "m-" + i, "fine " + i)));
            }
        }
        log.start();
        good.forEach(CompletableFuture::join);
        CompletableFuture<Accepted> refused = poisoned;
        assertThatThrownBy(refused::join).hasCauseInstanceOf(Refused.class)
                .cause().satisfies(e -> assertThat(((Refused) e).code().retryable()).isFalse());
        log.append(group(senders.get(0).id(), "after", "still writing")).join();
        log.close();
        assertThat(good).extracting(f -> f.join().message().seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(relayed).extracting(StoredMessage::text).doesNotContain("poison").hasSize(41);
        String scenario = "poisoned batch (" + engine() + ")";
        ScenarioFigures.record(scenario, "sends in one batch, from 10 users", 41);
        ScenarioFigures.record(scenario, "others' sends committed and acknowledged", good.size());
        ScenarioFigures.record(scenario, "the refused row's answer", ((Refused) refused.exceptionNow()).code().wireName());
        ScenarioFigures.record(scenario, "transactions committed: the halved batch, then one more send", log.committedBatches());
    }

    private String engine() {
        return testDatabase.description().startsWith("embedded") ? "h2" : "mariadb";
    }

    @Test
    void repliesAndChangesAreStoredWithTheirRelationAndReadBackEveryWay() {
        UserRecord alice = user("related");
        StoredMessage original;
        try (MessageLog log = log(100)) {
            log.start();
            original = log.append(group(alice.id(), "m1", "first")).join().message();
            log.append(group(alice.id(), "m2", "re").related(new Relation(Relation.Kind.REPLY, 1))).join();
            log.append(group(alice.id(), "m3", "first, edited").related(new Relation(Relation.Kind.EDIT, 1))).join();
            log.append(new Append(alice.id(), ConversationKey.GROUP, null, "m4", "\uD83D\uDC4D", null, 0)
                    .related(new Relation(Relation.Kind.UNREACT, 1))).join();
            log.append(new Append(alice.id(), ConversationKey.GROUP, null, "m5", null, null, 0)
                    .related(new Relation(Relation.Kind.DELETE, 2))).join();
        }
        List<StoredMessage> page = messages.page(ConversationKey.GROUP, 0, MessageStore.Direction.NEWER, 0, 10).messages();
        assertThat(page).extracting(StoredMessage::relation).containsExactly(null,
                new Relation(Relation.Kind.REPLY, 1), new Relation(Relation.Kind.EDIT, 1),
                new Relation(Relation.Kind.UNREACT, 1), new Relation(Relation.Kind.DELETE, 2));
        assertThat(page.get(3).text()).isEqualTo("\uD83D\uDC4D");
        assertThat(page.get(4).text()).as("a delete has no text").isNull();
        assertThat(messages.committedBetween(0, Long.MAX_VALUE, 10)).isEqualTo(page);
        assertThat(messages.entry(ConversationKey.GROUP, 1)).contains(original);
        assertThat(messages.entry(ConversationKey.GROUP, 3).map(StoredMessage::isMessage)).contains(false);
        assertThat(messages.entry(ConversationKey.direct(1, 2), 1)).as("another conversation").isEmpty();
        assertThat(messages.deleted(ConversationKey.GROUP, 2)).isTrue();
        assertThat(messages.deleted(ConversationKey.GROUP, 1)).isFalse();
    }

    @Test
    void aResendOfAChangeIsTheSameOnlyWithTheSameRelation() {
        UserRecord user = user("changer");
        try (MessageLog log = log(100)) {
            log.start();
            log.append(group(user.id(), "m1", "text")).join();
            Append edit = group(user.id(), "e1", "text!").related(new Relation(Relation.Kind.EDIT, 1));
            log.append(edit).join();
            assertThat(log.append(edit).join().duplicate()).isTrue();
            CompletableFuture<Accepted> plain = log.append(group(user.id(), "e1", "text!"));
            assertThatThrownBy(plain::join).cause().satisfies(e -> assertThat(((Refused) e).code())
                    .isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT));
        }
    }

    @Test
    void theSameClientIdWithADifferentBodyIsAConflict() {
        UserRecord user = user("conflicted");
        try (MessageLog log = log(100)) {
            log.start();
            log.append(group(user.id(), "id-1", "one thing")).join();
            CompletableFuture<Accepted> other = log.append(group(user.id(), "id-1", "another thing"));
            assertThatThrownBy(other::join).hasCauseInstanceOf(Refused.class)
                    .cause().satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT));
        }
    }

    @Test
    void privateMessagesToOfflineUsersArePendingUntilDelivered() {
        UserRecord online = user("even"); // ids are odd/even by insertion; the test's presence says even ids are online
        UserRecord offline = user("odd");
        UserRecord recipientOffline = online.id() % 2 == 1 ? online : offline;
        UserRecord sender = recipientOffline == online ? offline : online;
        try (MessageLog log = log(100)) {
            log.start();
            log.append(new Append(sender.id(), ConversationKey.direct(sender.id(), recipientOffline.id()), recipientOffline.id(), "p1", "are you there", null, 0)).join();
        }
        List<StoredMessage> pending = messages.pendingFor(recipientOffline.id(), 100);
        assertThat(pending).extracting(StoredMessage::text).containsExactly("are you there");
        messages.deletePending(recipientOffline.id(), List.of(pending.get(0).id()));
        assertThat(messages.pendingFor(recipientOffline.id(), 100)).isEmpty();
    }

    @Test
    void eachUserListsThePrivateConversationsTheyAreInWithTheNewestSequenceNumber() {
        UserRecord ann = user("ann");
        UserRecord ben = user("ben");
        UserRecord cat = user("cat");
        ConversationKey annBen = ConversationKey.direct(ann.id(), ben.id());
        ConversationKey benCat = ConversationKey.direct(ben.id(), cat.id());
        ConversationKey annAlone = ConversationKey.direct(ann.id(), ann.id());
        try (MessageLog log = log(100)) {
            log.start();
            // Both conversations open in one batch, one of them twice, and a note to oneself opens a third.
            List<CompletableFuture<Accepted>> sends = List.of(
                    log.append(new Append(ann.id(), annBen, ben.id(), "a1", "hi ben", null, 0)),
                    log.append(new Append(ben.id(), annBen, ann.id(), "b1", "hi ann", null, 0)),
                    log.append(new Append(ben.id(), benCat, cat.id(), "b2", "hi cat", null, 0)),
                    log.append(new Append(ann.id(), annAlone, ann.id(), "a2", "remember the milk", null, 0)));
            sends.forEach(CompletableFuture::join);
            log.append(group(cat.id(), "c1", "hello all")).join();
            log.append(new Append(cat.id(), benCat, ben.id(), "c2", "hi", null, 0)).join();
        }
        assertThat(messages.privateConversationsOf(ann.id()))
                .extracting(MessageStore.ConversationSummary::conversation, MessageStore.ConversationSummary::lastSeq)
                .containsExactlyInAnyOrder(tuple(annBen, 2L), tuple(annAlone, 1L));
        assertThat(messages.privateConversationsOf(ben.id()))
                .extracting(MessageStore.ConversationSummary::conversation, MessageStore.ConversationSummary::lastSeq)
                .containsExactlyInAnyOrder(tuple(annBen, 2L), tuple(benCat, 2L));
        assertThat(messages.privateConversationsOf(cat.id()))
                .as("the group is not a private conversation").extracting(MessageStore.ConversationSummary::conversation)
                .containsExactly(benCat);
    }

    @Test
    void aMembershipRowLeftWithoutMessagesDoesNotStopTheConversationsFirstMessage() throws Exception {
        UserRecord dan = user("dan");
        UserRecord eve = user("eve");
        ConversationKey danEve = ConversationKey.direct(dan.id(), eve.id());
        db.call("leaving a row behind", c -> {
            try (var insert = c.prepareStatement("INSERT INTO user_conversations (user_id, conversation) VALUES (?, ?)")) {
                insert.setLong(1, dan.id());
                insert.setString(2, danEve.value());
                return insert.executeUpdate();
            }
        });
        try (MessageLog log = log(100)) {
            log.start();
            assertThat(log.append(new Append(dan.id(), danEve, eve.id(), "d1", "hi eve", null, 0)).join().message().seq())
                    .isEqualTo(1);
        }
        assertThat(messages.privateConversationsOf(eve.id())).extracting(MessageStore.ConversationSummary::conversation)
                .containsExactly(danEve);
    }

    /** Version 7 lists private conversations from their own table: it must find those of a database from before it. */
    @Test
    void theConversationsMigrationFindsThePrivateConversationsStoredBeforeIt() throws Exception {
        try (TestDatabase legacy = newDatabase(dir.resolve("legacy"))) {
            atVersion(legacy, "6", c -> {
                try (var insert = c.prepareStatement("INSERT INTO messages"
                        + " (id, conversation, seq, sender_id, recipient_id, client_msg_id, body_text, sent_at) VALUES (?, ?, ?, ?, ?, ?, 't', 1)")) {
                    Object[][] rows = {
                        {1L, "dm:1:2", 1L, 1L, 2L}, {2L, "dm:1:2", 2L, 2L, 1L}, {3L, "group", 1L, 3L, null},
                        {4L, "dm:2:3", 1L, 3L, 2L}, {5L, "dm:3:3", 1L, 3L, 3L},
                    };
                    for (Object[] row : rows) {
                        insert.setLong(1, (Long) row[0]);
                        insert.setString(2, (String) row[1]);
                        insert.setLong(3, (Long) row[2]);
                        insert.setLong(4, (Long) row[3]);
                        insert.setObject(5, row[4]);
                        insert.setString(6, "m" + row[0]);
                        insert.executeUpdate();
                    }
                }
                return null;
            });
            try (Database migrated = Database.open(legacy.jdbcUrl(), legacy.user(), legacy.password())) {
                MessageStore store = new MessageStore(migrated);
                assertThat(store.privateConversationsOf(1)).extracting(MessageStore.ConversationSummary::conversation,
                        MessageStore.ConversationSummary::lastSeq).containsExactly(tuple(new ConversationKey("dm:1:2"), 2L));
                assertThat(store.privateConversationsOf(2)).extracting(MessageStore.ConversationSummary::conversation)
                        .containsExactlyInAnyOrder(new ConversationKey("dm:1:2"), new ConversationKey("dm:2:3"));
                assertThat(store.privateConversationsOf(3)).extracting(MessageStore.ConversationSummary::conversation)
                        .containsExactlyInAnyOrder(new ConversationKey("dm:2:3"), new ConversationKey("dm:3:3"));
            }
        }
    }

    @Test
    void historyMarksOnlyEverMoveForward() {
        UserRecord user = user("marker");
        messages.clearThrough(user.id(), ConversationKey.GROUP, 10);
        messages.clearThrough(user.id(), ConversationKey.GROUP, 4);
        assertThat(messages.clearedThrough(user.id(), ConversationKey.GROUP)).isEqualTo(10);
    }

    @Test
    void readMarksOnlyEverMoveForwardAndEachUserSeesTheirOwnAndTheirPeers() {
        UserRecord ann = user("ann");
        UserRecord ben = user("ben");
        UserRecord cat = user("cat");
        ConversationKey annBen = ConversationKey.direct(ann.id(), ben.id());
        try (MessageLog log = log(100)) {
            log.start();
            log.append(new Append(ann.id(), annBen, ben.id(), "a1", "hi ben", null, 0)).join();
        }
        ReadMarkStore marks = new ReadMarkStore(db);
        marks.raise(List.of(new ReadMarkStore.ReadMark(ann.id(), annBen, 5), new ReadMarkStore.ReadMark(ben.id(), annBen, 3),
                new ReadMarkStore.ReadMark(cat.id(), ConversationKey.GROUP, 7)));
        marks.raise(List.of(new ReadMarkStore.ReadMark(ann.id(), annBen, 2), new ReadMarkStore.ReadMark(ben.id(), annBen, 4)));

        assertThat(marks.readThrough(ann.id(), annBen)).as("never lowered").isEqualTo(5);
        assertThat(marks.marksOf(annBen)).containsOnly(entry(ann.id(), 5L), entry(ben.id(), 4L));
        assertThat(marks.marksOf(ConversationKey.GROUP)).containsOnly(entry(cat.id(), 7L));
        ReadMarkStore.MarksOfUser seenByAnn = marks.marksOfUser(ann.id());
        assertThat(seenByAnn.own()).containsOnly(entry(annBen, 5L));
        assertThat(seenByAnn.peers()).containsOnly(entry(annBen, 4L));
        assertThat(marks.marksOfUser(cat.id()).peers()).as("cat is in no private conversation").isEmpty();
    }

    @Test
    void aPresenceStateReplacesTheLastAndTheDefaultLeavesNoRow() {
        UserRecord ann = user("ann");
        UserRecord ben = user("ben");
        PresenceStore states = new PresenceStore(db);
        states.set(ann.id(), UserState.of(PresenceState.AWAY, "Lunch"));
        states.set(ann.id(), UserState.of(PresenceState.BUSY, "会议中 🙂"));
        states.set(ben.id(), UserState.of(PresenceState.AWAY, null));
        assertThat(states.all()).containsOnly(entry("ann", UserState.of(PresenceState.BUSY, "会议中 🙂")),
                entry("ben", UserState.of(PresenceState.AWAY, null)));

        states.set(ben.id(), UserState.DEFAULT);
        assertThat(states.all()).containsOnlyKeys("ann");
        long rows = db.query("counting presence states", c -> {
            try (var count = c.prepareStatement("SELECT COUNT(*) FROM presence_states"); var result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
        assertThat(rows).as("available with no text is no row").isEqualTo(1);
    }

    /**
     * A file counts once in the total however many uploaded it, and wholly in the share of each uploader who has not
     * sent it yet. A user's upload
     * none of their messages carried is found for the sweep once old enough; forgetting it takes the file along only
     * with the last upload of it, and never an upload sent meanwhile.
     */
    @Test
    void uploadsNeverSentAreForgottenOneByOneAndTheFileWithTheLast() {
        AttachmentStore files = new AttachmentStore(db);
        AttachedFile plan = new AttachedFile("a".repeat(64), 3000, "application/pdf", null, null);
        AttachedFile notes = new AttachedFile("b".repeat(64), 500, "text/plain", null, null);
        files.stored(plan, 1, clock);
        files.stored(plan, 2, clock + 10);
        files.stored(notes, 1, clock + 20);
        assertThat(files.totalBytes()).isEqualTo(3500);
        assertThat(files.bytesNotSentBy(1)).isEqualTo(3500);
        assertThat(files.bytesNotSentBy(2)).as("a second uploader's share counts the whole file").isEqualTo(3000);
        assertThat(files.bytesNotSentBy(3)).isZero();

        files.sent(notes.fileId(), 1, clock + 30);
        assertThat(files.bytesNotSentBy(1)).as("notes sent: only the plan counts").isEqualTo(3000);
        assertThat(files.neverSentBefore(clock + 10, 10)).containsExactly(new AttachmentStore.Uploader(plan.fileId(), 1));
        assertThat(files.neverSentBefore(clock + 100, 10)).containsExactly(new AttachmentStore.Uploader(plan.fileId(), 1),
                new AttachmentStore.Uploader(plan.fileId(), 2));

        assertThat(files.forgetNeverSent(new AttachmentStore.Uploader(plan.fileId(), 1), clock + 100))
                .as("user 2's upload of it is left").isFalse();
        assertThat(files.find(plan.fileId())).isPresent();
        assertThat(files.uploadedBy(plan.fileId(), 1)).isFalse();
        assertThat(files.bytesNotSentBy(1)).as("the plan forgotten, the notes sent").isZero();
        files.sent(plan.fileId(), 2, clock + 40);
        assertThat(files.forgetNeverSent(new AttachmentStore.Uploader(plan.fileId(), 2), clock + 100))
                .as("sent since it was found").isFalse();
        assertThat(files.uploadedBy(plan.fileId(), 2)).isTrue();

        files.stored(new AttachedFile("c".repeat(64), 700, "text/plain", null, null), 3, clock + 50);
        assertThat(files.forgetNeverSent(new AttachmentStore.Uploader("c".repeat(64), 3), clock + 100))
                .as("the only upload").isTrue();
        assertThat(files.find("c".repeat(64))).isEmpty();
        assertThat(files.totalBytes()).isEqualTo(3500);
        assertThat(files.neverSentBefore(Long.MAX_VALUE, 10)).isEmpty();
    }

    /**
     * Version 19 records when each upload was made and whether its user sent it; the uploads recorded before count as
     * sent, so an upgrade deletes nothing that was kept, and takes nothing from anyone's share.
     */
    @Test
    void afterVersion19UploadsRecordedBeforeCountAsSent() throws Exception {
        try (TestDatabase legacy = newDatabase(dir.resolve("legacy19"))) {
            atVersion(legacy, "18", c -> {
                try (var statement = c.createStatement()) {
                    statement.executeUpdate("INSERT INTO attachments (file_id, size_bytes, media_type, width, height,"
                            + " stored_at, last_sent_at) VALUES ('" + "d".repeat(64) + "', 900, 'text/plain', NULL, NULL, 5, 5)");
                    statement.executeUpdate("INSERT INTO attachment_uploaders (file_id, user_id) VALUES ('"
                            + "d".repeat(64) + "', 7)");
                }
                return null;
            });
            try (Database migrated = Database.open(legacy.jdbcUrl(), legacy.user(), legacy.password())) {
                AttachmentStore files = new AttachmentStore(migrated);
                assertThat(files.neverSentBefore(Long.MAX_VALUE, 10)).isEmpty();
                assertThat(files.bytesNotSentBy(7)).as("counted as sent").isZero();
                files.stored(new AttachedFile("e".repeat(64), 100, "text/plain", null, null), 7, clock);
                assertThat(files.neverSentBefore(Long.MAX_VALUE, 10))
                        .containsExactly(new AttachmentStore.Uploader("e".repeat(64), 7));
            }
        }
    }

    @Test
    void sessionsAreFoundUntilTheyExpire() {
        UserRecord user = user("sessioned");
        SessionStore sessions = new SessionStore(db);
        assertThat(sessions.insertWhilePasswordIs(user.passwordHash(), "a".repeat(64), user.id(), clock, clock + 1000)).isTrue();
        assertThat(sessions.find("a".repeat(64), clock + 999)).isPresent();
        assertThat(sessions.find("a".repeat(64), clock + 1000)).isEmpty();
        assertThat(sessions.deleteExpired(clock + 1000)).isEqualTo(1);
    }

    /**
     * A logout ends the credentials of the keys its session was issued (PROTOCOL §5.15), including one issued to the
     * session after it logged out (a connection still holding the token), until every credential has expired.
     */
    @Test
    void aSessionsLogoutEndsItsPeerKeysUntilTheirCredentialsAreForgotten() {
        UserRecord user = user("keyed");
        SessionStore sessions = new SessionStore(db);
        PeerKeyStore peerKeys = new PeerKeyStore(db);
        byte[] key = {1, 2, 3};
        byte[] otherKey = {4, 5, 6};
        String session = "d".repeat(64);
        assertThat(sessions.insertWhilePasswordIs(user.passwordHash(), session, user.id(), clock, clock + 1000)).isTrue();
        peerKeys.issued(session, user.id(), key, clock + 500, clock);
        assertThat(peerKeys.loggedOutAt(user.id(), key)).as("while the session lasts").isZero();

        sessions.logOut(session, clock + 10);
        assertThat(sessions.find(session, clock + 10)).isEmpty();
        assertThat(peerKeys.loggedOutAt(user.id(), key)).isEqualTo(clock + 10);
        peerKeys.issued(session, user.id(), key, clock + 520, clock + 20);
        assertThat(peerKeys.loggedOutAt(user.id(), key)).as("issued after the logout").isEqualTo(clock + 20);
        assertThat(peerKeys.loggedOutAt(user.id(), otherKey)).isZero();

        assertThat(peerKeys.deleteExpiredBefore(clock + 520)).as("the later credential has not expired").isZero();
        assertThat(peerKeys.deleteExpiredBefore(clock + 521)).isEqualTo(1);
        assertThat(peerKeys.loggedOutAt(user.id(), key)).isZero();
    }

    /** A password reset between a login's check and its token: the token would outlive the reset. */
    @Test
    void noSessionIsStoredForAPasswordThatIsNoLongerTheAccounts() {
        UserRecord user = user("reset");
        SessionStore sessions = new SessionStore(db);
        String checked = user.passwordHash();
        users.setPasswordHash(user.id(), "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA");

        assertThat(sessions.insertWhilePasswordIs(checked, "b".repeat(64), user.id(), clock, clock + 1000)).isFalse();
        assertThat(sessions.find("b".repeat(64), clock)).isEmpty();
        assertThat(users.replacePasswordHash(user.id(), checked, "$argon2id$rehashed")).as("a rehash does not undo the reset")
                .isFalse();
        assertThat(users.findById(user.id()).orElseThrow().passwordHash()).endsWith("$bmV3aGFzaA");
        assertThat(sessions.insertWhilePasswordIs("$argon2id$v=19$m=19456,t=2,p=1$bmV3$BMV3AGFZAA", "c".repeat(64),
                user.id(), clock, clock + 1000)).as("hashes compare with their case, whatever the collation").isFalse();
        assertThat(sessions.insertWhilePasswordIs("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA", "c".repeat(64),
                user.id(), clock, clock + 1000)).isTrue();
    }

    @Test
    void whenTheDatabaseVanishesSendsFailAndNothingIsAcknowledged() {
        UserRecord user = user("unlucky");
        MessageLog log = log(100);
        log.start();
        log.append(group(user.id(), "before", "stored")).join();
        db.close(); // the database is gone: every connection attempt now fails
        CompletableFuture<Accepted> lost = log.append(group(user.id(), "after", "not stored"));
        assertThatThrownBy(() -> lost.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreUnavailableException.class);
        log.close();
        assertThat(relayed).extracting(StoredMessage::text).containsExactly("stored");
        db = Database.open(testDatabase.jdbcUrl(), testDatabase.user(), testDatabase.password()); // for close()
    }
}
