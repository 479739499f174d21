package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.testing.ScenarioFigures;
import org.lanchat.appliance.testing.SmallFileSystem;
import org.lanchat.appliance.testing.TestDatabase;
import org.slf4j.LoggerFactory;

/**
 * The embedded database on a file system that fills up and is then freed: sends fail while it is full,
 * nothing failed is acknowledged, the log says "disk is full" once rather than once per send, and once
 * there is room again the database writes by itself, without a restart.
 */
class DiskFullRecoveryTest {
    @TempDir
    Path dir;
    SmallFileSystem disk;
    Database db;
    MessageLog messageLog;
    final List<StoredMessage> relayed = new ArrayList<>();
    final ListAppender<ILoggingEvent> healthLog = new ListAppender<>();
    final AtomicInteger ids = new AtomicInteger();
    final List<DatabaseHealth.Condition> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        disk = SmallFileSystem.mount(dir.resolve("small"), 8);
        TestDatabase h2 = TestDatabase.h2(disk.root());
        db = Database.open(h2.jdbcUrl(), h2.user(), h2.password());
        messageLog = new MessageLog(new MessageStore(db), id -> true, (m, origin) -> {
            synchronized (relayed) {
                relayed.add(m);
            }
        }, System::currentTimeMillis, 1000, 10_000);
        messageLog.start();
        Logger logger = (Logger) LoggerFactory.getLogger(DatabaseHealth.class);
        healthLog.start();
        logger.addAppender(healthLog);
    }

    @AfterEach
    void close() throws Exception {
        ((Logger) LoggerFactory.getLogger(DatabaseHealth.class)).detachAppender(healthLog);
        if (messageLog != null) {
            messageLog.close();
        }
        if (db != null) {
            db.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void afterTheDiskIsFreedTheDatabaseWritesAgainWithoutARestart() throws Exception {
        db.health().onChange(changes::add);
        long sender = new UserStore(db).create("filler", "filler", Set.of("filler"), "x", 1L).orElseThrow().id();
        assertThat(send(sender).join().duplicate()).isFalse();

        disk.fill();
        List<CompletableFuture<Accepted>> duringOutage = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            CompletableFuture<Accepted> attempt = send(sender);
            duringOutage.add(attempt);
            return failed(attempt);
        });
        for (int i = 0; i < 50; i++) { // many more refusals: none may add a log line
            CompletableFuture<Accepted> attempt = send(sender);
            duringOutage.add(attempt);
            failed(attempt);
        }
        assertThat(db.health().condition().fault()).contains(StorageFault.DISK_FULL);

        disk.free();
        long freedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> db.health().condition().healthy());
        Accepted after = send(sender).get(30, TimeUnit.SECONDS);
        long healedMs = Duration.ofNanos(System.nanoTime() - freedAt).toMillis();
        assertThat(after.duplicate()).isFalse();

        List<String> acknowledged = new ArrayList<>();
        for (CompletableFuture<Accepted> f : duringOutage) {
            if (!f.isCompletedExceptionally()) {
                acknowledged.add(f.join().message().clientMsgId());
            }
        }
        List<String> stored = new MessageStore(db).page(ConversationKey.GROUP, 0, MessageStore.Direction.NEWER, 0, 500)
                .messages().stream().map(StoredMessage::clientMsgId).toList();
        assertThat(stored).as("every acknowledged message is stored").containsAll(acknowledged).contains(after.message().clientMsgId());
        assertThat(changes).as("two changes of state: full, then writing again")
                .extracting(DatabaseHealth.Condition::fault).containsExactly(Optional.of(StorageFault.DISK_FULL), Optional.empty());
        // Other tests may log meanwhile (tests run in parallel): only this one's disk is really full, and
        // DatabaseHealthTest's made-up faults say "test:".
        assertThat(logged()).as("one line per change of state, naming the cause")
                .filteredOn(DiskFullRecoveryTest::aboutThisDisk)
                .extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.INFO);
        String scenario = "disk full (embedded H2)";
        ScenarioFigures.record(scenario, "file system", "tmpfs of 8 MiB, filled to the last byte");
        ScenarioFigures.record(scenario, "sends while full: refused store_unavailable / acknowledged",
                duringOutage.stream().filter(CompletableFuture::isCompletedExceptionally).count() + " / " + acknowledged.size());
        ScenarioFigures.record(scenario, "acknowledged sends missing afterwards", 0);
        ScenarioFigures.record(scenario, "from freeing space to the next send committed (ms), no restart", healedMs);
        ScenarioFigures.record(scenario, "log lines about it (one when full, one when healed)",
                logged().stream().filter(DiskFullRecoveryTest::aboutThisDisk).count());
    }

    /** What the health logger said so far; copied under the appender's lock, as other tests log meanwhile. */
    private List<ILoggingEvent> logged() {
        synchronized (healthLog) {
            return List.copyOf(healthLog.list);
        }
    }

    private static boolean aboutThisDisk(ILoggingEvent event) {
        String line = event.getFormattedMessage();
        return line.contains("the disk is full") && !line.contains("test:");
    }

    private CompletableFuture<Accepted> send(long sender) {
        int n = ids.incrementAndGet();
        return messageLog.append(new Append(sender, ConversationKey.GROUP, null, "m-" + n, "message " + n, null, 0));
    }

    /** Waits for the outcome; true when the send was refused as the store being unavailable. */
    private static boolean failed(CompletableFuture<Accepted> attempt) {
        try {
            attempt.get(30, TimeUnit.SECONDS);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StoreUnavailableException.class);
            return true;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

}
