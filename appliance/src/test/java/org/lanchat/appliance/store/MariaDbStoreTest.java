package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The store contract on a real MySQL-compatible server: MariaDB on 127.0.0.1:3306 in CI, or whatever
 * {@code LANCHAT_TEST_MYSQL_URL} names. Each test gets its own database, dropped afterwards.
 */
class MariaDbStoreTest extends StoreContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.mysql();
    }

    @Override
    long rowsRead(Connection c, String sql) throws SQLException {
        return MySqlPlans.rowsRead(c, sql);
    }

    @Test
    void aTransactionClosedWithoutACommitLeavesNothingBehindForTheNextOnTheSameConnection() {
        try (MessageJournal.Transaction tx = messages.begin()) {
            tx.insert(List.of(message(1)));
        }
        try (MessageJournal.Transaction tx = messages.begin()) {
            assertThat(tx.maxId()).isZero();
            tx.insert(List.of(message(2)));
            tx.commit();
        }
        assertThat(messages.committedBetween(0, 3, 10)).extracting(StoredMessage::id).containsExactly(2L);
    }

    private static StoredMessage message(long id) {
        return new StoredMessage(id, ConversationKey.direct(1, 2), id, 1, 2L, "c" + id, "hello " + id, null,
                1_700_000_000_000L + id);
    }
}
