package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.UserRecord;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Accounts created in bulk (as the benchmark seeds them) are ordinary accounts to the running appliance: their
 * tokens resume over the protocol, their password logs in, and registering goes on after them.
 */
class BulkAccountsTest {
    private static final String PASSWORD = "shared by every bulk account";

    @TempDir
    Path dir;

    private static void create(TestDatabase db, List<BulkAccounts.Account> accounts) {
        try (Database database = Database.open(db.jdbcUrl(), db.user(), db.password())) {
            BulkAccounts.create(database, accounts, PASSWORD, System.currentTimeMillis());
        }
    }

    private void theRunningApplianceTakesThemAsItsOwn(TestDatabase db) {
        create(db, List.of(new BulkAccounts.Account("bench0", "tok-seed-0"), new BulkAccounts.Account("Bench1", "tok-seed-1")));
        try (RunningAppliance appliance = RunningAppliance.start(dir, db)) {
            assertThat(appliance.connect().resume("tok-seed-0").username()).isEqualTo("bench0");
            assertThat(appliance.connect().resume("tok-seed-1").username()).isEqualTo("Bench1");
            assertThat(appliance.connect().login("bench1", PASSWORD).username()).as("case-folded like a registration")
                    .isEqualTo("Bench1");
            assertThat(appliance.newUser("carol").token()).as("registering goes on after them").isNotEmpty();
            assertThat(appliance.connect().requestError(new SessionRequest.Register("r", "benchl", "another password", null)).code())
                    .as("a look-alike of one of them (l for 1) is taken, as of a registered name").isEqualTo(ErrorCode.USERNAME_TAKEN);
        }
    }

    @Test
    void onTheEmbeddedDatabase() {
        theRunningApplianceTakesThemAsItsOwn(TestDatabase.h2(dir));
    }

    @Test
    void onMariaDb() {
        try (TestDatabase db = TestDatabase.mysql()) {
            theRunningApplianceTakesThemAsItsOwn(db);
        }
    }

    @Test
    void aTakenNameOrALookAlikeOfOneCreatesNoneOfThem() {
        TestDatabase db = TestDatabase.h2(dir);
        create(db, List.of(new BulkAccounts.Account("alice", "tok-a")));
        for (String clash : List.of("ALICE", "aIice")) { // another case; a capital i where alice has an l
            assertThatThrownBy(() -> create(db, List.of(new BulkAccounts.Account("bob", "tok-b"), new BulkAccounts.Account(clash, "tok-c"))))
                    .as(clash).isInstanceOf(IllegalStateException.class).hasMessageContaining("already taken");
        }
        try (Database database = Database.open(db.jdbcUrl(), null, null)) {
            assertThat(new UserStore(database).all()).extracting(UserRecord::username).containsExactly("alice");
        }
    }

    @Test
    void aNameTheAppliancesRulesRefuseIsRefusedHereToo() {
        assertThatThrownBy(() -> new BulkAccounts.Account("bob smith", "tok")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bob smith");
        assertThatThrownBy(() -> new BulkAccounts.Account("bobby", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }
}
