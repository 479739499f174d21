package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.TcpProxy;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * The MariaDB server goes away (a TCP proxy in front of it resets every connection and refuses new ones, as when its
 * host is gone): the first request finds out the hard way, every later one is refused at once without waiting for a
 * connection, and the first probe that reaches the server again ends it, with no request needed.
 */
class DatabaseUnreachableTest {

    @Test
    void whileTheServerDoesNotAnswerWorkIsRefusedAtOnceAndServiceResumesByItself() throws Exception {
        try (TestDatabase mysql = TestDatabase.mysql();
             TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", 3306));
             Database db = Database.open(proxy.jdbcUrl(mysql.jdbcUrl()), mysql.user(), mysql.password())) {
            assertThat(selectOne(db)).isEqualTo(1);

            proxy.reset();
            assertThatThrownBy(() -> selectOne(db)).as("the first request after the server went away")
                    .isInstanceOf(StoreUnavailableException.class).hasCauseInstanceOf(SQLException.class);
            assertThat(db.health().condition().fault()).contains(StorageFault.UNAVAILABLE);

            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> selectOne(db)).as("request %d while it does not answer", i)
                        .isInstanceOf(StoreUnavailableException.class).hasNoCause()
                        .hasMessageContaining("did not answer the last attempt");
            }
            assertThatThrownBy(db::connection).as("a transaction's connection")
                    .isInstanceOf(StoreUnavailableException.class).hasNoCause();

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).until(() -> db.health().condition().healthy());
            assertThat(selectOne(db)).as("the first request after the probe reached the server").isEqualTo(1);
        }
    }

    @Test
    void aFailedStatementIsNotALostConnection() {
        assertThat(Database.lostConnection(new SQLException("Duplicate entry", "23000"))).isFalse();
        assertThat(Database.lostConnection(new SQLException("Lock wait timeout exceeded", "HY000"))).isFalse();
        assertThat(Database.lostConnection(new StoreUnavailableException("wrapped",
                new SQLException("Communications link failure", "08S01")))).isTrue();
        assertThat(Database.lostConnection(new java.sql.SQLTransientConnectionException(
                "lanchat-db - Connection is not available, request timed out after 5000ms"))).isTrue();
    }

    private static int selectOne(Database db) {
        return db.query("selecting one", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
                r.next();
                return r.getInt(1);
            }
        });
    }
}
