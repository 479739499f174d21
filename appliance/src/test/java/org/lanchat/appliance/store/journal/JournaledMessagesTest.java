package org.lanchat.appliance.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.MessageJournal;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The journal in front of a real embedded database (H2 on disk): an acknowledged message is readable at once through
 * every read that waits for the database, resends are recognised whether or not their original has reached the
 * database, and what a crash left in the journal is written into the database on the next start, exactly once.
 * (The appliance killed with SIGKILL mid-load is {@code SigkillUnderLoadTest} in the fault suite.)
 */
class JournaledMessagesTest {
    static final ConversationKey ALICE_BOB = ConversationKey.direct(1, 2);

    @TempDir
    Path dir;
    Database db;
    MessageStore stored;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void openDatabase() {
        TestDatabase h2 = TestDatabase.h2(dir.resolve("db"));
        db = Database.open(h2.jdbcUrl(), h2.user(), h2.password());
        stored = new MessageStore(db);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        db.close();
    }

    @Test
    void everyAcknowledgedMessageIsReadableAtOnceWithContiguousSequenceNumbers() {
        JournaledMessages journal = journal();
        MessageStore messages = stored.readingAfter(journal);
        MessageLog log = messageLog(journal);
        List<CompletableFuture<Accepted>> acks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long sender = 1 + i % 40;
            long recipient = 41 + i % 10;
            acks.add(log.append(new Append(sender, ConversationKey.direct(sender, recipient), recipient, "m" + i,
                    "hello " + i, null, 0)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        for (long sender = 1; sender <= 40; sender++) {
            ConversationKey c = ConversationKey.direct(sender, 41 + (sender - 1) % 10);
            assertThat(messages.lastSeq(c)).as("newest seq of %s (read marks ask without waiting)", c).isEqualTo(50);
        }
        for (long sender = 1; sender <= 40; sender++) {
            ConversationKey c = ConversationKey.direct(sender, 41 + (sender - 1) % 10);
            List<StoredMessage> page = messages.page(c, 0, MessageStore.Direction.NEWER, 0, 1_000).messages();
            assertThat(page).as("conversation %s, read right after the last ack", c).hasSize(50);
            assertThat(page).extracting(StoredMessage::seq).containsExactly(
                    java.util.stream.LongStream.rangeClosed(1, 50).boxed().toArray(Long[]::new));
        }
        assertThat(messages.lastCommittedId()).isEqualTo(2_000);
    }

    @Test
    void aResendIsAnsweredWithTheOriginalBeforeAndAfterTheDatabaseHasIt() {
        JournaledMessages journal = journal();
        MessageLog log = messageLog(journal);
        List<CompletableFuture<Accepted>> firsts = new ArrayList<>();
        List<CompletableFuture<Accepted>> resends = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Append send = new Append(1, ALICE_BOB, 2L, "m" + i, "text " + i, null, 0);
            firsts.add(log.append(send));
            resends.add(log.append(send)); // queued right behind it: often in the same batch or the next one
        }
        for (int i = 0; i < 500; i++) {
            Accepted first = firsts.get(i).join();
            Accepted again = resends.get(i).join();
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).as("resend of m%d", i).isTrue();
            assertThat(again.message().id()).isEqualTo(first.message().id());
        }
        journal.awaitWritten();
        Accepted late = log.append(new Append(1, ALICE_BOB, 2L, "m7", "text 7", null, 0)).join();
        assertThat(late.duplicate()).as("a resend once the database has the original").isTrue();
        assertThat(stored.lastCommittedId()).isEqualTo(500);
    }

    @Test
    void aResendOfAMessageStoredBeforeTheLastStartIsStillRecognisedOnceStoredIdsAreLoaded() {
        JournaledMessages first = journal();
        MessageLog before = messageLog(first);
        for (int i = 0; i < 300; i++) {
            before.append(new Append(1 + i % 3, ConversationKey.direct(1 + i % 3, 9), 9L, "m" + i, "text " + i, null, 0));
        }
        Accepted last = before.append(new Append(1, ConversationKey.direct(1, 9), 9L, "last", "bye", null, 0)).join();
        before.close();
        first.close();
        open.clear();

        JournaledMessages journal = journal();
        await().atMost(Duration.ofSeconds(10)).until(journal::knowsStoredClientIds);
        MessageLog log = messageLog(journal);
        Accepted resend = log.append(new Append(3, ConversationKey.direct(3, 9), 9L, "m200", "text 200", null, 0)).join();
        assertThat(resend.duplicate()).as("resend of m200 by user 3, stored before the restart").isTrue();
        Accepted conflict = log.append(new Append(1, ConversationKey.direct(1, 9), 9L, "last", "other", null, 0))
                .handle((ok, e) -> ok).join();
        assertThat(conflict).as("the same client message id with other text is refused, not stored again").isNull();
        Accepted fresh = log.append(new Append(2, ConversationKey.direct(2, 9), 9L, "m200", "text 200", null, 0)).join();
        assertThat(fresh.duplicate()).as("user 2 never sent m200: a new message").isFalse();
        assertThat(fresh.message().id()).isEqualTo(last.message().id() + 1);
    }

    @Test
    void batchesACrashLeftInTheJournalAreWrittenOnTheNextStartExactlyOnce() throws Exception {
        Path journalDir = dir.resolve("journal");
        try (JournalFile file = JournalFile.open(journalDir)) {
            file.append(JournalFileTest.batch(1, 3));
            file.append(JournalFileTest.batch(4, 6));
            file.append(JournalFileTest.batch(7, 9));
        }
        long recordsEnd = Stream.of(JournalFileTest.batch(1, 3), JournalFileTest.batch(4, 6), JournalFileTest.batch(7, 9))
                .mapToLong(b -> 8 + b.encode().length).sum();
        try (var channel = java.nio.channels.FileChannel.open(onlySegment(journalDir), java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 1, 2}), recordsEnd); // half a record's header
        }
        // The database had taken the first batch before the crash.
        try (MessageJournal.Transaction tx = stored.begin()) {
            tx.insert(JournalFileTest.batch(1, 3).messages());
            tx.insertPending(JournalFileTest.batch(1, 3).pending());
            tx.commit();
        }

        JournaledMessages journal = journal();
        assertThat(stored.lastCommittedId()).isEqualTo(9);
        assertThat(stored.committedBetween(0, 10, 100)).extracting(StoredMessage::id)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(stored.committedBetween(0, 10, 100)).containsExactlyElementsOf(
                Stream.of(JournalFileTest.batch(1, 3), JournalFileTest.batch(4, 6), JournalFileTest.batch(7, 9))
                        .flatMap(b -> b.messages().stream()).toList());
        assertThat(stored.pendingFor(2, 100)).extractingResultOf("id").containsExactlyInAnyOrder(1L, 3L, 5L, 7L, 9L);
        assertThat(segments(journalDir)).as("the journal starts empty").isEmpty();

        MessageLog log = messageLog(journal);
        Accepted next = log.append(new Append(1, ALICE_BOB, 2L, "after", "after the crash", null, 0)).join();
        assertThat(next.message().id()).as("ids go on after the replayed ones").isEqualTo(10);
        Accepted resend = log.append(new Append(1, ConversationKey.direct(1, 2), 2L, "c5", null, "cat",
                0, null, new org.lanchat.appliance.core.Relation(org.lanchat.appliance.core.Relation.Kind.REPLY, 4))).join();
        assertThat(resend.duplicate()).as("a resend of a replayed message").isTrue();
    }

    @Test
    void aCleanShutdownLeavesEveryMessageInTheDatabaseAndTheJournalEmpty() throws Exception {
        JournaledMessages journal = JournaledMessages.open(dir.resolve("journal"), stored, db);
        MessageLog log = new MessageLog(journal, id -> false, (m, origin) -> { }, System::currentTimeMillis, 1000, 10_000);
        log.start();
        List<CompletableFuture<Accepted>> acks = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            acks.add(log.append(new Append(1, ALICE_BOB, 2L, "m" + i, "text " + i, null, 0)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        log.close();
        journal.close();
        assertThat(segments(dir.resolve("journal"))).isEmpty();
        assertThat(stored.lastCommittedId()).isEqualTo(3_000);
        assertThat(stored.pendingFor(2, 5_000)).as("bob was offline for all of them").hasSize(3_000);
    }

    @Test
    void aSegmentIsDeletedOnlyOnceTheDatabaseFileIsSyncedPastIt() throws Exception {
        // The input: syncs of the database's file that fail (as on a disk that stopped taking writes) while 3,000
        // messages of 500 characters fill the first 1 MiB segment and the database has committed all of them.
        AtomicBoolean syncFails = new AtomicBoolean();
        AtomicInteger syncs = new AtomicInteger();
        Path journalDir = dir.resolve("journal");
        JournaledMessages journal = JournaledMessages.open(journalDir, stored, db, () -> {
            if (syncFails.get()) {
                throw new org.lanchat.appliance.store.StoreUnavailableException("sync failed (test)", null);
            }
            syncs.incrementAndGet();
            db.syncToDisk();
        });
        open.add(journal);
        assertThat(syncs).as("the start syncs before it empties the journal").hasValue(1);
        syncFails.set(true);
        MessageLog log = messageLog(journal);
        String text = "x".repeat(500);
        List<CompletableFuture<Accepted>> acks = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            acks.add(log.append(new Append(1, ALICE_BOB, 2L, "m" + i, text, null, 0)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        journal.awaitWritten();
        Path first = segments(journalDir).stream().sorted().findFirst().orElseThrow();
        assertThat(segments(journalDir)).as("3,000 messages of 500 characters fill more than the first segment")
                .hasSizeGreaterThan(1);

        log.append(new Append(1, ALICE_BOB, 2L, "after", "written, not synced", null, 0)).join();
        journal.awaitWritten();
        assertThat(first).as("written into the database, but only the journal has it on the disk").exists();

        syncFails.set(false);
        AtomicInteger more = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            log.append(new Append(1, ALICE_BOB, 2L, "more" + more.incrementAndGet(), "after the sync", null, 0)).join();
            assertThat(first).as("deleted once a sync covers it").doesNotExist();
        });
        assertThat(syncs).hasValueGreaterThan(1);
        assertThat(stored.lastCommittedId()).isGreaterThanOrEqualTo(3_001);
    }

    private JournaledMessages journal() {
        try {
            JournaledMessages journal = JournaledMessages.open(dir.resolve("journal"), stored, db);
            open.add(journal);
            return journal;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private MessageLog messageLog(JournaledMessages journal) {
        MessageLog log = new MessageLog(journal, id -> true, (m, origin) -> { }, System::currentTimeMillis, 1000, 10_000);
        log.start();
        open.add(log);
        return log;
    }

    private static Path onlySegment(Path journalDir) throws java.io.IOException {
        List<Path> all = segments(journalDir);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static List<Path> segments(Path journalDir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.toList();
        }
    }
}
