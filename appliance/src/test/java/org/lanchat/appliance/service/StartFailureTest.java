package org.lanchat.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.store.StoreUnavailableException;

/** Which failures at start waiting cannot mend, and the one sentence each gets instead of a retry or a stack trace. */
class StartFailureTest {
    @Test
    void anotherAppliancesOpenDatabaseInTheDataDirectoryIsNamed() {
        // What H2 throws, wrapped as the store wraps it, when another process has the database file open.
        SQLException locked = new SQLException("Database may be already in use: /data/db/lanchat.mv.db", "90020", 90020);
        StoreUnavailableException atStart = new StoreUnavailableException("cannot connect to the database: locked", locked);

        assertThat(StartFailure.of(atStart, 7447, "/data")).get().extracting(Throwable::getMessage).isEqualTo(
                "the data directory /data is in use by another appliance (its database is open there); stop that one"
                        + " first, or give this one its own --data-dir");
    }

    @Test
    void aTakenPortIsNamedWhetherTheJdkOrNettySaysSo() {
        assertThat(StartFailure.of(new IOException("listen", new BindException("Address already in use")), 7447, "/d"))
                .get().extracting(Throwable::getMessage).asString().startsWith("cannot listen on port 7447:");
        assertThat(StartFailure.of(new IOException("bind(..) failed with error(-98): Address already in use"), 7447, "/d"))
                .isPresent();
    }

    @Test
    void aLoginTheDatabaseServerRefusesIsNamedNotRetried() {
        SQLException denied = new SQLException("Access denied for user 'lanchat'@'127.0.0.1' (using password: NO)",
                "28000", 1045);
        StoreUnavailableException atStart = new StoreUnavailableException("cannot connect to the database: denied",
                new RuntimeException("pool", denied));

        assertThat(StartFailure.of(atStart, 7447, "/data")).get().extracting(Throwable::getMessage).asString()
                .startsWith("the database refused the appliance's login (Access denied for user 'lanchat'@'127.0.0.1'")
                .contains("--database-password-file");
    }

    @Test
    void aDatabaseThatIsDownIsWaitedForNotRefused() {
        StoreUnavailableException down = new StoreUnavailableException("cannot connect to the database: Connection refused",
                new SQLException("Connection refused", "08001", 0));
        assertThat(StartFailure.of(down, 7447, "/data")).isEmpty();
    }
}
