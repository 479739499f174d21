package org.lanchat.appliance.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code users} table. */
public final class UserStore {
    private static final String COLUMNS = "id, username, password_hash, disabled";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    /** Inserts an account; empty when the name (ignoring case) is already taken. */
    public Optional<UserRecord> create(String username, String usernameKey, String passwordHash, long now) {
        try {
            return Optional.of(db.call("creating an account", c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO users (username, username_key, password_hash, disabled, created_at) VALUES (?, ?, ?, FALSE, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setString(1, username);
                    insert.setString(2, usernameKey);
                    insert.setString(3, passwordHash);
                    insert.setLong(4, now);
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        return new UserRecord(keys.getLong(1), username, passwordHash, false);
                    }
                }
            }));
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            return Optional.empty();
        }
    }

    public Optional<UserRecord> findByKey(String usernameKey) {
        return db.query("looking up an account", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE username_key = ?")) {
                select.setString(1, usernameKey);
                return one(select);
            }
        });
    }

    public Optional<UserRecord> findById(long id) {
        return db.query("looking up an account", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
                select.setLong(1, id);
                return one(select);
            }
        });
    }

    public List<UserRecord> all() {
        return db.query("listing accounts", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY username_key")) {
                List<UserRecord> users = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.add(read(rows));
                    }
                }
                return users;
            }
        });
    }

    public boolean setDisabled(long id, boolean disabled) {
        return db.query("changing an account", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET disabled = ? WHERE id = ?")) {
                update.setBoolean(1, disabled);
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    public boolean setPasswordHash(long id, String passwordHash) {
        return db.query("changing a password", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
                update.setString(1, passwordHash);
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static Optional<UserRecord> one(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
    }

    private static UserRecord read(ResultSet rows) throws SQLException {
        return new UserRecord(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4));
    }
}
