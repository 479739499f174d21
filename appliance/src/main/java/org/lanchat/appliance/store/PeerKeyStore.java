package org.lanchat.appliance.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The {@code peer_key_sessions} table: which peer keys each session had signed (PROTOCOL §7.13), and whether that
 * session has logged out. A credential names its user and key, not the session it was issued to, so a logout ends
 * the credentials of the key: the private key is what a client keeps on disk until logout, and what a copy taken
 * before it leaks. Rows stay until the latest credential they stand for can no longer be handed in at all.
 */
public final class PeerKeyStore {
    private final Database db;

    public PeerKeyStore(Database db) {
        this.db = db;
    }

    /**
     * Notes that the session of {@code tokenHash} was issued a credential for {@code publicKey} that expires at
     * {@code expiresAt}. The session's row is locked for it, so a logout either comes first (and the credential counts
     * as issued to a session that has logged out, at {@code now}) or waits, and then ends it with the others.
     */
    public void issued(String tokenHash, long userId, byte[] publicKey, long expiresAt, long now) {
        db.query("noting a peer key's session", c -> Transactions.run(c, () -> {
            boolean loggedIn;
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM sessions WHERE token_hash = ? FOR UPDATE")) {
                lock.setString(1, tokenHash);
                try (ResultSet row = lock.executeQuery()) {
                    loggedIn = row.next();
                }
            }
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO peer_key_sessions (token_hash, key_hash, user_id, expires_at, logged_out_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                            + " expires_at = GREATEST(expires_at, VALUES(expires_at)),"
                            + " logged_out_at = GREATEST(logged_out_at, VALUES(logged_out_at))")) {
                upsert.setString(1, tokenHash);
                upsert.setString(2, keyHash(publicKey));
                upsert.setLong(3, userId);
                upsert.setLong(4, expiresAt);
                upsert.setLong(5, loggedIn ? 0 : now);
                upsert.executeUpdate();
            }
            return true;
        }));
    }

    /** The session of {@code tokenHash} logged out at {@code now}: on the caller's connection, in its transaction. */
    static void loggedOut(Connection c, String tokenHash, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE peer_key_sessions SET logged_out_at = ? WHERE token_hash = ? AND logged_out_at = 0")) {
            update.setLong(1, now);
            update.setString(2, tokenHash);
            update.executeUpdate();
        }
    }

    /**
     * When a session that was issued a credential of this user for {@code publicKey} last logged out, epoch ms; 0 if
     * none has (or its row is gone, being past any use).
     */
    public long loggedOutAt(long userId, byte[] publicKey) {
        return db.query("reading when a peer key's session logged out", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT MAX(logged_out_at) FROM peer_key_sessions WHERE user_id = ? AND key_hash = ?")) {
                select.setLong(1, userId);
                select.setString(2, keyHash(publicKey));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L; // MAX of no rows is NULL, read as 0
                }
            }
        });
    }

    /** Forgets the sessions whose every credential expired before {@code expiredBefore}; returns how many. */
    public int deleteExpiredBefore(long expiredBefore) {
        return db.query("forgetting the sessions of expired peer keys", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM peer_key_sessions WHERE expires_at < ?")) {
                delete.setLong(1, expiredBefore);
                return delete.executeUpdate();
            }
        });
    }

    private static String keyHash(byte[] publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
