package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.core.ConversationKey;

/**
 * The {@code read_marks} table: how far each user has read each conversation, one row per user and
 * conversation. Marks only grow: every write keeps the greater of the stored and the written value, so
 * writes may arrive late, twice or from two appliances in any order.
 */
public final class ReadMarkStore {
    /** A user's mark for one conversation: every message with {@code seq <= readThrough} is read. */
    public record ReadMark(long userId, ConversationKey conversation, long readThrough) {
    }

    private final Database db;

    public ReadMarkStore(Database db) {
        this.db = db;
    }

    /** Raises every mark given (none is ever lowered), in one transaction. */
    public void raise(Collection<ReadMark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        // One order for every writer: two appliances raising the same rows cannot deadlock.
        List<ReadMark> ordered = marks.stream().sorted(Comparator.comparing((ReadMark m) -> m.conversation().value())
                .thenComparingLong(ReadMark::userId)).toList();
        db.query("saving read marks", c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO read_marks (conversation, user_id, read_through) VALUES (?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE read_through = GREATEST(read_through, VALUES(read_through))")) {
                for (ReadMark mark : ordered) {
                    upsert.setString(1, mark.conversation().value());
                    upsert.setLong(2, mark.userId());
                    upsert.setLong(3, mark.readThrough());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /** The user's mark for one conversation, 0 when they never marked it. */
    public long readThrough(long userId, ConversationKey conversation) {
        return db.query("reading a read mark", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT read_through FROM read_marks WHERE conversation = ? AND user_id = ?")) {
                select.setString(1, conversation.value());
                select.setLong(2, userId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    /** Every member's mark for one conversation: user id to mark. */
    public Map<Long, Long> marksOf(ConversationKey conversation) {
        return db.query("reading read marks", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT user_id, read_through FROM read_marks WHERE conversation = ?")) {
                select.setString(1, conversation.value());
                return longsByLong(select);
            }
        });
    }

    /** The user's own marks, and the other member's mark of each of the user's private conversations. */
    public record MarksOfUser(Map<ConversationKey, Long> own, Map<ConversationKey, Long> peers) {
    }

    public MarksOfUser marksOfUser(long userId) {
        return db.query("reading read marks", c -> new MarksOfUser(own(c, userId), peers(c, userId)));
    }

    private static Map<ConversationKey, Long> own(Connection c, long userId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT conversation, read_through FROM read_marks WHERE user_id = ?")) {
            select.setLong(1, userId);
            return byConversation(select);
        }
    }

    private static Map<ConversationKey, Long> peers(Connection c, long userId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT r.conversation, r.read_through FROM user_conversations u "
                        + "JOIN read_marks r ON r.conversation = u.conversation AND r.user_id <> u.user_id "
                        // Private conversations only: a room's other marks are many, and read_marks asks for them.
                        + "WHERE u.user_id = ? AND u.conversation LIKE 'dm:%'")) {
            select.setLong(1, userId);
            return byConversation(select);
        }
    }

    private static Map<ConversationKey, Long> byConversation(PreparedStatement select) throws SQLException {
        Map<ConversationKey, Long> marks = new HashMap<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                marks.put(new ConversationKey(rows.getString(1)), rows.getLong(2));
            }
        }
        return marks;
    }

    private static Map<Long, Long> longsByLong(PreparedStatement select) throws SQLException {
        Map<Long, Long> marks = new HashMap<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                marks.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return marks;
    }
}
