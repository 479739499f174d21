package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The writer's transactions on a server run on connections held in transaction mode: counted with a server-wide
 * status counter, so this class runs alone ({@link Isolated}) and no other test's statements are in the count.
 */
@Isolated
class MariaDbTransactionModeTest {
    private TestDatabase testDatabase;
    private Database db;
    private MessageStore messages;

    @BeforeEach
    void open() {
        testDatabase = TestDatabase.mysql();
        db = Database.open(testDatabase.jdbcUrl(), testDatabase.user(), testDatabase.password());
        messages = new MessageStore(db);
    }

    @AfterEach
    void close() {
        db.close();
        testDatabase.close();
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

    private static StoredMessage message(long id) {
        return new StoredMessage(id, ConversationKey.direct(1, 2), id, 1, 2L, "c" + id, "hello " + id, null,
                1_700_000_000_000L + id);
    }

    private long serverCounter(String name) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rows.next();
            return rows.getLong(2);
        }
    }
}
