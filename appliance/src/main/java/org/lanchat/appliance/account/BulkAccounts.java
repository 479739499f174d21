package org.lanchat.appliance.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.appliance.store.UserRecord;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.protocol.message.Usernames;

/**
 * Many accounts at once, each with a resume token the caller chose, written by the same stores and token hashing
 * as a registration: what the benchmark seeds its 20,000 members with before it starts the appliance, and whose
 * load generators then {@code resume} with tokens they derive themselves. Every account gets the hash of one
 * password, computed once, because 20,000 argon2 hashes would take minutes; so these are accounts nobody is meant
 * to log in to with a password. All of them are written in one transaction: a taken name writes none.
 */
public final class BulkAccounts {
    /** Rows per JDBC batch: a round trip each, and well below every engine's limit on statement size. */
    private static final int BATCH = 1000;

    /** One account to create and the resume token that will log it in. */
    public record Account(String username, String resumeToken) {
        public Account {
            Usernames.problem(username).ifPresent(p -> {
                throw new IllegalArgumentException("username '" + username + "': " + p);
            });
            if (resumeToken.isBlank()) {
                throw new IllegalArgumentException("the resume token of '" + username + "' is blank");
            }
        }
    }

    private BulkAccounts() {
    }

    /**
     * Creates {@code accounts} in {@code database} (migrated), all with the password {@code password}, their tokens
     * valid for {@link AccountService#TOKEN_LIFETIME} from {@code nowMillis}.
     *
     * @throws IllegalStateException if one of the names is taken; then nothing is written
     * @throws StoreUnavailableException if the database fails
     */
    public static void create(Database database, List<Account> accounts, String password, long nowMillis) {
        String hash = new PasswordHasher().hash(password);
        UserStore users = new UserStore(database);
        SessionStore sessions = new SessionStore(database);
        long expires = nowMillis + AccountService.TOKEN_LIFETIME.toMillis();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                for (int from = 0; from < accounts.size(); from += BATCH) {
                    List<Account> batch = accounts.subList(from, Math.min(from + BATCH, accounts.size()));
                    List<UserStore.NewUser> names = new ArrayList<>(batch.size());
                    batch.forEach(a -> names.add(new UserStore.NewUser(a.username(), Usernames.key(a.username()),
                            ConfusableNames.skeletons(a.username()))));
                    List<UserRecord> created = users.insertAll(c, names, hash, nowMillis);
                    Map<String, Long> tokens = new LinkedHashMap<>();
                    for (int i = 0; i < batch.size(); i++) {
                        tokens.put(Tokens.hash(batch.get(i).resumeToken()), created.get(i).id());
                    }
                    sessions.insertAll(c, tokens, nowMillis, expires);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (takenName(e)) {
                throw new IllegalStateException("an account name is already taken; none was created: " + e.getMessage(), e);
            }
            throw new StoreUnavailableException("database error while creating accounts: " + e.getMessage(), e);
        }
    }

    /**
     * A batch reports a duplicate as a BatchUpdateException whose cause or next exception is the violation (SQL
     * state class 23, integrity constraint).
     */
    private static boolean takenName(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause() : nextOf(t)) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static SQLException nextOf(Throwable t) {
        return t instanceof SQLException sql ? sql.getNextException() : null;
    }
}
