package org.lanchat.bench.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.IntFunction;
import org.lanchat.appliance.account.PasswordHasher;
import org.lanchat.appliance.store.Database;
import org.lanchat.protocol.message.Usernames;

/**
 * Puts benchmark accounts and resume tokens straight into a fresh appliance database, before the
 * appliance starts: registering 19,000 users through the protocol would cost 19,000 argon2 hashes.
 * Rows are exactly what the appliance writes itself (users with an argon2id PHC hash; sessions keyed
 * by the SHA-256 of the token), so {@code resume} works unchanged. User {@code i + 1} is member {@code i}.
 */
public final class AccountSeeder {
    private static final int BATCH = 1000;
    private static final long TOKEN_LIFETIME_MILLIS = 30L * 24 * 3600 * 1000;

    private AccountSeeder() {
    }

    public static void seed(String jdbcUrl, String user, String password, int count,
                            IntFunction<String> username, IntFunction<String> token) throws SQLException {
        // One real hash for everyone: nobody logs in with the password, but the row must be valid.
        String hash = new PasswordHasher().hash("bench-password-not-used");
        long now = System.currentTimeMillis();
        try (Database db = Database.open(jdbcUrl, user, password); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement users = c.prepareStatement("INSERT INTO users "
                    + "(id, username, username_key, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, FALSE, ?)");
                 PreparedStatement sessions = c.prepareStatement(
                         "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    String name = username.apply(i);
                    users.setLong(1, i + 1L);
                    users.setString(2, name);
                    users.setString(3, Usernames.key(name));
                    users.setString(4, hash);
                    users.setLong(5, now);
                    users.addBatch();
                    sessions.setString(1, sha256Hex(token.apply(i)));
                    sessions.setLong(2, i + 1L);
                    sessions.setLong(3, now);
                    sessions.setLong(4, now + TOKEN_LIFETIME_MILLIS);
                    sessions.addBatch();
                    if ((i + 1) % BATCH == 0 || i == count - 1) {
                        users.executeBatch();
                        sessions.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
