package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** The {@code sessions} table: resume tokens by their SHA-256. */
public final class SessionStore {
    /** A live token: whose it is and until when. */
    public record TokenRow(long userId, long expiresAt) {
    }

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /**
     * Stores a token for a user whose password was checked against {@code checkedPasswordHash}, unless the account's
     * password is no longer that one. The account's row stays locked from that comparison to the commit, so a password
     * reset either comes first (and nothing is stored) or waits, and then ends this session with all the others: a
     * login racing a reset cannot leave behind a token that outlives it.
     *
     * @return false when the password changed after it was checked
     */
    public boolean insertWhilePasswordIs(String checkedPasswordHash, String tokenHash, long userId, long createdAt,
            long expiresAt) {
        return db.query("storing a session", c -> Transactions.run(c, () -> {
            if (!UserStore.lockWhilePasswordHashIs(c, userId, checkedPasswordHash)) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, tokenHash);
                insert.setLong(2, userId);
                insert.setLong(3, createdAt);
                insert.setLong(4, expiresAt);
                insert.executeUpdate();
            }
            return true;
        }));
    }

    /** Stores many tokens (hash to user id) on the caller's connection, inside its transaction. */
    public void insertAll(Connection c, Map<String, Long> tokenHashToUserId, long createdAt, long expiresAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Long> token : tokenHashToUserId.entrySet()) {
                insert.setString(1, token.getKey());
                insert.setLong(2, token.getValue());
                insert.setLong(3, createdAt);
                insert.setLong(4, expiresAt);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public Optional<TokenRow> find(String tokenHash, long now) {
        return db.query("checking a session", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?")) {
                select.setString(1, tokenHash);
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new TokenRow(rows.getLong(1), rows.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Ends a session that logged out at {@code now}: its token, and the credentials of the peer keys it was issued
     * ({@link PeerKeyStore}), in one transaction, so that neither outlives the other.
     */
    public void logOut(String tokenHash, long now) {
        db.query("ending a session", c -> Transactions.run(c, () -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                delete.setString(1, tokenHash);
                delete.executeUpdate();
            }
            PeerKeyStore.loggedOut(c, tokenHash, now);
            return true;
        }));
    }

    /** Revokes every token of a user (password reset, account disabled). */
    public int deleteAllOf(long userId) {
        return db.query("ending sessions", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
                delete.setLong(1, userId);
                return delete.executeUpdate();
            }
        });
    }

    public int deleteExpired(long now) {
        return db.query("expiring sessions", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                delete.setLong(1, now);
                return delete.executeUpdate();
            }
        });
    }
}
