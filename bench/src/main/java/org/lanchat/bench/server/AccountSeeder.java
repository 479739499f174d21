package org.lanchat.bench.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.lanchat.appliance.account.BulkAccounts;
import org.lanchat.appliance.store.Database;

/**
 * Creates the benchmark's accounts in a fresh appliance database before the appliance starts, through the
 * appliance's own {@link BulkAccounts}: the same stores, schema and token hashing as a registration, so a change
 * there reaches the bench by itself. Registering 19,000 users over the protocol would cost 19,000 argon2 hashes
 * (minutes on two cores); the bulk path hashes one shared password once and writes everything in one transaction.
 * Each member gets a resume token the load generators derive from the run's seed ({@code RunSpec.token}), so no list
 * of 19,000 secrets has to travel to the generator processes.
 */
public final class AccountSeeder {
    private AccountSeeder() {
    }

    public static void seed(String jdbcUrl, String user, String password, int count,
                            IntFunction<String> username, IntFunction<String> token) {
        List<BulkAccounts.Account> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            accounts.add(new BulkAccounts.Account(username.apply(i), token.apply(i)));
        }
        try (Database db = Database.open(jdbcUrl, user, password)) {
            // Nobody logs in with the password: members resume with their tokens.
            BulkAccounts.create(db, accounts, "bench-password-not-used", System.currentTimeMillis());
        }
    }
}
