package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    void aGroupCommitOnAServerIsItsStatementsAndACommitWithoutSwitchingAutoCommitOffAndOn() throws SQLException {
        int transactions = 40;
        long setsBefore = serverCounter("Com_set_option");
        for (int i = 1; i <= transactions; i++) {
            try (MessageJournal.Transaction tx = messages.begin()) {
                tx.lockForCommit();
                assertThat(tx.maxId()).isEqualTo(i - 1);
                tx.insert(List.of(message(i)));
                tx.commit();
            }
        }
        // A pooled connection switched in and out of auto-commit made two SET statements per transaction.
        assertThat(serverCounter("Com_set_option") - setsBefore).isLessThan(transactions);
        assertThat(messages.lastCommittedId()).isEqualTo(transactions);
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

    /** A server-wide status counter: this test's database is the only one in use while it runs. */
    private long serverCounter(String name) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rows.next();
            return rows.getLong(2);
        }
    }
}
