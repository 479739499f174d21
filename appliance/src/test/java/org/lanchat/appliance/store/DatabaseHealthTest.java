package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The database's health on a clock the test moves: causes named, one line per change, reminders rate-limited. */
class DatabaseHealthTest {
    final AtomicLong now = new AtomicLong();
    final DatabaseHealth health = new DatabaseHealth(now::get);
    final List<DatabaseHealth.Condition> changes = new ArrayList<>();
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void watch() {
        health.onChange(changes::add);
        lines.start();
        ((Logger) LoggerFactory.getLogger(DatabaseHealth.class)).addAppender(lines);
    }

    @AfterEach
    void unwatch() {
        ((Logger) LoggerFactory.getLogger(DatabaseHealth.class)).detachAppender(lines);
    }

    private List<String> mine() {
        // Other tests' databases log through the same logger; this one's causes carry "test:".
        // The appender adds under its own lock while other tests log: copy under the same lock.
        List<ILoggingEvent> logged;
        synchronized (lines) {
            logged = List.copyOf(lines.list);
        }
        return logged.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("test:")).toList();
    }

    @Test
    void eachCauseIsNamedFromTheWholeChainOfErrors() {
        assertThat(StorageFault.of(new SQLException("General error", new IOException("No space left on device"))))
                .isEqualTo(StorageFault.DISK_FULL);
        assertThat(StorageFault.of(new SQLException("x", new IOException("Read-only file system")))).isEqualTo(StorageFault.READ_ONLY);
        assertThat(StorageFault.of(new SQLException("x", new AccessDeniedException("/var/lib/lanchat/db")))).isEqualTo(StorageFault.NO_PERMISSION);
        assertThat(StorageFault.of(new SQLException("Connection refused"))).isEqualTo(StorageFault.UNAVAILABLE);
    }

    @Test
    void aThousandFailuresOfOneCauseMakeOneLineAndAReminderAMinute() {
        for (int i = 0; i < 1000; i++) {
            health.failed(new IOException("test: No space left on device"));
            now.addAndGet(Duration.ofMillis(100).toNanos()); // 100 s in all
        }
        health.wrote();
        assertThat(mine()).hasSize(3);
        assertThat(mine().get(0)).startsWith("Database unusable: the disk is full");
        assertThat(mine().get(1)).startsWith("Database still unusable after 60 s").contains("600 operations failed in the last 60 s");
        assertThat(mine().get(2)).startsWith("Database writes again after 100 s");
        assertThat(changes).extracting(DatabaseHealth.Condition::fault)
                .containsExactly(Optional.of(StorageFault.DISK_FULL), Optional.empty());
    }

    @Test
    void errorsThatNameNoCauseDoNotReplaceAKnownOne() {
        health.failed(new IOException("test: No space left on device"));
        health.failed(new SQLException("The database has been closed"));
        assertThat(health.condition().fault()).contains(StorageFault.DISK_FULL);
        assertThat(changes).hasSize(1);
        health.failed(new IOException("test: Read-only file system"));
        assertThat(health.condition().fault()).contains(StorageFault.READ_ONLY);
        assertThat(mine()).hasSize(2);
    }

    @Test
    void aFaultCountsAsTooLongOnlyPastTheLimit() {
        health.failed(new IOException("test: No space left on device"));
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(health.faultLongerThan(Duration.ofMinutes(2))).isFalse();
        now.addAndGet(1);
        assertThat(health.faultLongerThan(Duration.ofMinutes(2))).isTrue();
        health.wrote();
        assertThat(health.faultLongerThan(Duration.ofMinutes(2))).isFalse();
    }
}
