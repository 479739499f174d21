package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The {@code users} table. */
public final class UserStore {
    private static final String COLUMNS = "id, username, password_hash, disabled, display_name";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    /**
     * Inserts an account with its look-alike skeletons, all or nothing; empty when the name (ignoring case)
     * is already taken, or one of the {@code skeletons} already belongs to another account.
     */
    public Optional<UserRecord> create(String username, String usernameKey, Set<String> skeletons, String passwordHash, long now) {
        return create(username, usernameKey, skeletons, ShownName.NONE, passwordHash, now);
    }

    /**
     * As {@link #create(String, String, Set, String, long)}, with a display name whose skeletons must be free too
     * (or the account's own login name's).
     */
    public Optional<UserRecord> create(String username, String usernameKey, Set<String> skeletons, ShownName displayName,
                                       String passwordHash, long now) {
        try {
            return Optional.ofNullable(db.call("creating an account", c -> Transactions.run(c, () -> {
                long id = insertUser(c, username, usernameKey, passwordHash, now);
                for (String skeleton : skeletons) {
                    insertSkeleton(c, skeleton, id);
                }
                if (!claimDisplayName(c, id, displayName)) {
                    return null;
                }
                if (displayName.name() != null) {
                    updateDisplayName(c, id, displayName.name());
                }
                return new UserRecord(id, username, passwordHash, false, displayName.name());
            })));
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            return Optional.empty();
        }
    }

    /** A display name as stored, with its look-alike skeletons; {@link #NONE} for no display name. */
    public record ShownName(String name, Set<String> skeletons) {
        public static final ShownName NONE = new ShownName(null, Set.of());

        public ShownName {
            skeletons = Set.copyOf(skeletons);
        }
    }

    /**
     * Replaces the user's display name ({@link ShownName#NONE} clears it), all or nothing; false when one of its
     * skeletons belongs to another account, as a login name's or a display name's.
     */
    public boolean setDisplayName(long userId, ShownName displayName) {
        try {
            return db.call("changing a display name", c -> Transactions.run(c, () -> {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM username_skeletons WHERE user_id = ? AND display_name = TRUE")) {
                    delete.setLong(1, userId);
                    delete.executeUpdate();
                }
                if (!claimDisplayName(c, userId, displayName)) {
                    return false;
                }
                updateDisplayName(c, userId, displayName.name());
                return true;
            }));
        } catch (SQLIntegrityConstraintViolationException lookAlike) {
            return false; // another writer claimed one of the skeletons between our look and our insert
        }
    }

    /**
     * Stores the display name's skeletons for the user, but for those its own login name already holds (a user may
     * show their login name in other letters); false when another account holds one (the caller rolls back).
     */
    private static boolean claimDisplayName(Connection c, long userId, ShownName displayName) throws SQLException {
        for (String skeleton : displayName.skeletons()) {
            try (PreparedStatement owner = c.prepareStatement("SELECT user_id FROM username_skeletons WHERE skeleton = ?")) {
                owner.setString(1, skeleton);
                try (ResultSet rows = owner.executeQuery()) {
                    if (rows.next()) {
                        if (rows.getLong(1) != userId) {
                            return false;
                        }
                        continue;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO username_skeletons (skeleton, user_id, display_name) VALUES (?, ?, TRUE)")) {
                insert.setString(1, skeleton);
                insert.setLong(2, userId);
                insert.executeUpdate();
            }
        }
        return true;
    }

    private static void updateDisplayName(Connection c, long userId, String displayName) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE users SET display_name = ? WHERE id = ?")) {
            update.setString(1, displayName);
            update.setLong(2, userId);
            update.executeUpdate();
        }
    }

    private static long insertUser(Connection c, String username, String usernameKey, String passwordHash, long now) throws SQLException {
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
                return keys.getLong(1);
            }
        }
    }

    private static void insertSkeleton(Connection c, String skeleton, long userId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO username_skeletons (skeleton, user_id) VALUES (?, ?)")) {
            insert.setString(1, skeleton);
            insert.setLong(2, userId);
            insert.executeUpdate();
        }
    }

    /**
     * Gives every account without skeletons (registered before they were stored) its own, oldest account
     * first. A skeleton an older account already owns is left out: the newer account keeps working, and no
     * new look-alike of either can be registered.
     *
     * @return the names that were left without at least one of their skeletons
     */
    public List<String> fillMissingSkeletons(Function<String, Set<String>> skeletonsOf) {
        List<UserRecord> missing = db.query("finding accounts without skeletons", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM users u WHERE NOT EXISTS"
                    + " (SELECT 1 FROM username_skeletons s WHERE s.user_id = u.id AND s.display_name = FALSE) ORDER BY id")) {
                List<UserRecord> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
        List<String> lookAlikes = new ArrayList<>();
        for (UserRecord user : missing) {
            for (String skeleton : skeletonsOf.apply(user.username())) {
                try {
                    db.call("storing a skeleton", c -> {
                        insertSkeleton(c, skeleton, user.id());
                        return null;
                    });
                } catch (SQLIntegrityConstraintViolationException lookAlike) {
                    if (!lookAlikes.contains(user.username())) {
                        lookAlikes.add(user.username());
                    }
                }
            }
        }
        return lookAlikes;
    }

    /** Whether any of the skeletons belongs to an account, as a login name's or a display name's. */
    public boolean anyTaken(Set<String> skeletons) {
        return db.query("looking for look-alike names", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM username_skeletons WHERE skeleton = ?")) {
                for (String skeleton : skeletons) {
                    select.setString(1, skeleton);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            return true;
                        }
                    }
                }
                return false;
            }
        });
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

    /** Replaces the password hash only if it is still {@code expected}: a rehash at login must not undo a reset. */
    public boolean replacePasswordHash(long id, String expected, String passwordHash) {
        return db.query("rehashing a password", c -> Transactions.run(c, () -> {
            if (!lockWhilePasswordHashIs(c, id, expected)) {
                return false;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
                update.setString(1, passwordHash);
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        }));
    }

    /**
     * Locks the account's row until the caller's transaction ends, so that a password reset waits for it, and says whether
     * its password hash is {@code expected}. Compared here, not in SQL: MariaDB's default collation ignores case, and
     * a hash is base64.
     */
    static boolean lockWhilePasswordHashIs(Connection c, long id, String expected) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT password_hash FROM users WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, id);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && expected.equals(row.getString(1));
            }
        }
    }

    /**
     * Peer credentials of this account issued before {@code fromMillis} are no longer taken from anyone but the user
     * (PROTOCOL §5.15): after a password reset or a disable, a key someone else obtained with the account stops working.
     */
    public boolean endPeerCredentials(long id, long fromMillis) {
        return db.query("ending an account's peer credentials", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET credentials_from = ? WHERE id = ?")) {
                update.setLong(1, fromMillis);
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** When the account's peer credentials were last ended ({@link #endPeerCredentials}); 0 if never or no account. */
    public long peerCredentialsFrom(long id) {
        return db.query("reading when an account's peer credentials were ended", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT credentials_from FROM users WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    /** An account for {@link #insertAll}: the name as typed, its case-folded key and its look-alike skeletons. */
    public record NewUser(String username, String usernameKey, Set<String> skeletons) {
        public NewUser {
            skeletons = Set.copyOf(skeletons);
        }
    }

    /**
     * Inserts accounts that share one password hash on the caller's connection, so that one transaction holds a bulk
     * import of thousands; returns them with their new ids, in the order given. A taken name, or one that looks like a
     * taken one (a skeleton already stored, see {@link #create}), fails the batch with an integrity violation.
     */
    public List<UserRecord> insertAll(Connection c, List<NewUser> users, String passwordHash, long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO users (username, username_key, password_hash, disabled, created_at) VALUES (?, ?, ?, FALSE, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (NewUser user : users) {
                insert.setString(1, user.username());
                insert.setString(2, user.usernameKey());
                insert.setString(3, passwordHash);
                insert.setLong(4, now);
                insert.addBatch();
            }
            insert.executeBatch();
            List<UserRecord> created = new ArrayList<>(users.size());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (NewUser user : users) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned " + created.size() + " ids for " + users.size() + " new accounts");
                    }
                    created.add(new UserRecord(keys.getLong(1), user.username(), passwordHash, false));
                }
            }
            try (PreparedStatement skeletons = c.prepareStatement("INSERT INTO username_skeletons (skeleton, user_id) VALUES (?, ?)")) {
                for (int i = 0; i < users.size(); i++) {
                    for (String skeleton : users.get(i).skeletons()) {
                        skeletons.setString(1, skeleton);
                        skeletons.setLong(2, created.get(i).id());
                        skeletons.addBatch();
                    }
                }
                skeletons.executeBatch();
            }
            return created;
        }
    }

    private static Optional<UserRecord> one(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
    }

    private static UserRecord read(ResultSet rows) throws SQLException {
        return new UserRecord(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4), rows.getString(5));
    }
}
