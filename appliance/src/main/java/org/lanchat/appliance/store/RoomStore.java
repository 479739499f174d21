package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lanchat.appliance.core.ConversationKey;

/**
 * The {@code rooms} table and room membership, which is a {@code user_conversations} row per member (V14), so a
 * room is listed among a member's conversations and searched exactly while they are a member.
 */
public final class RoomStore {
    private static final String COLUMNS = "id, name, topic, private_room, archived, creator_id";

    /** A room as stored. */
    public record RoomRecord(long id, String name, String topic, boolean privateRoom, boolean archived, long creatorId) {
    }

    private final Database db;

    public RoomStore(Database db) {
        this.db = db;
    }

    /**
     * Creates a room with its creator as its only member, all or nothing; empty when {@code publicKey} (null for a
     * private room) is already another public room's.
     */
    public Optional<RoomRecord> create(String name, String publicKey, String topic, boolean privateRoom, long creatorId,
                                       long now) {
        try {
            return Optional.of(db.call("creating a room", c -> Transactions.run(c, () -> {
                long id;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO rooms (name, topic, private_room, archived,"
                        + " creator_id, created_at, public_key) VALUES (?, ?, ?, FALSE, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setString(1, name);
                    insert.setString(2, topic);
                    insert.setBoolean(3, privateRoom);
                    insert.setLong(4, creatorId);
                    insert.setLong(5, now);
                    insert.setString(6, publicKey);
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                addMember(c, id, creatorId);
                return new RoomRecord(id, name, topic, privateRoom, false, creatorId);
            })));
        } catch (SQLIntegrityConstraintViolationException taken) {
            return Optional.empty();
        }
    }

    public Optional<RoomRecord> find(long roomId) {
        return db.query("reading a room", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM rooms WHERE id = ?")) {
                select.setLong(1, roomId);
                List<RoomRecord> found = read(select);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
            }
        });
    }

    /** Every room, by id. */
    public List<RoomRecord> allRooms() {
        return db.query("listing rooms", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM rooms ORDER BY id")) {
                return read(select);
            }
        });
    }

    /** The public rooms that are not archived: the ones anyone may join. */
    public List<RoomRecord> openRooms() {
        return db.query("listing rooms", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM rooms WHERE private_room = FALSE AND archived = FALSE")) {
                return read(select);
            }
        });
    }

    /** The ids of the rooms the user is a member of. */
    public List<Long> roomsOf(long userId) {
        return db.query("listing a user's rooms", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT conversation FROM user_conversations WHERE user_id = ? AND conversation LIKE 'room:%'")) {
                select.setLong(1, userId);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(new ConversationKey(rows.getString(1)).roomId());
                    }
                }
                return ids;
            }
        });
    }

    /** The user ids of a room's members. */
    public Set<Long> members(long roomId) {
        return db.query("listing a room's members", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT user_id FROM user_conversations WHERE conversation = ?")) {
                select.setString(1, ConversationKey.room(roomId).value());
                Set<Long> members = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(rows.getLong(1));
                    }
                }
                return members;
            }
        });
    }

    /** Makes the user a member; false when they already were. */
    public boolean addMember(long roomId, long userId) {
        return db.query("adding a room member", c -> addMember(c, roomId, userId));
    }

    /** Ends the user's membership; false when they were not a member. */
    public boolean removeMember(long roomId, long userId) {
        return db.query("removing a room member", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM user_conversations WHERE user_id = ? AND conversation = ?")) {
                delete.setLong(1, userId);
                delete.setString(2, ConversationKey.room(roomId).value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Renames a room and sets its topic (null for none); false when {@code publicKey} is another public room's. */
    public boolean update(long roomId, String name, String publicKey, String topic) {
        try {
            return db.call("changing a room", c -> {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE rooms SET name = ?, public_key = ?, topic = ? WHERE id = ?")) {
                    update.setString(1, name);
                    update.setString(2, publicKey);
                    update.setString(3, topic);
                    update.setLong(4, roomId);
                    update.executeUpdate();
                    return true;
                }
            });
        } catch (SQLIntegrityConstraintViolationException taken) {
            return false;
        }
    }

    /** Archives a room; its name is free for a new public room from then on. */
    public void archive(long roomId) {
        db.query("archiving a room", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE rooms SET archived = TRUE, public_key = NULL WHERE id = ?")) {
                update.setLong(1, roomId);
                return update.executeUpdate();
            }
        });
    }

    private static boolean addMember(Connection c, long roomId, long userId) throws SQLException {
        // IGNORE (H2 knows it in MySQL mode): joining twice, or two appliances adding one member at once, is no fault.
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT IGNORE INTO user_conversations (user_id, conversation) VALUES (?, ?)")) {
            insert.setLong(1, userId);
            insert.setString(2, ConversationKey.room(roomId).value());
            return insert.executeUpdate() > 0;
        }
    }

    private static List<RoomRecord> read(PreparedStatement select) throws SQLException {
        List<RoomRecord> rooms = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                rooms.add(new RoomRecord(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
                        rows.getBoolean(5), rows.getLong(6)));
            }
        }
        return rooms;
    }
}
