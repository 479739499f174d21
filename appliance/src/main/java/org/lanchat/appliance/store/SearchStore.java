package org.lanchat.appliance.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanchat.appliance.core.ConversationKey;

/**
 * Finds messages by their current text (docs/PROTOCOL.md §7.22) with one statement on the shared database, so every
 * member of a cluster gives the same answer the moment a message is committed, and membership, clears, edits and
 * deletes are the same joins history uses. It scans the text (docs/PERFORMANCE.md "Search" says why that beats a
 * full-text index here): a substring test finds 会议 inside 明天的会议改到三点, which word-based indexes do not.
 */
public final class SearchStore {
    /** A message whose current text matched. */
    public record Found(long messageId, ConversationKey conversation, long seq, long senderId, long sentAt,
                        String text) {
    }

    /**
     * A message's current text is its own when nobody edited or deleted it (first branch), else its latest edit's
     * when it is not deleted (second branch: the edit joined to its message through the unique key). Each branch
     * tests the text first and looks for later entries through ix_messages_target (V13) only for rows that matched.
     * Deleted messages are recognised by their delete entry rather than by deleted_messages, whose conversation
     * column V10 created in the database's default collation: on MySQL/MariaDB comparing it with
     * messages.conversation is an "illegal mix of collations". Membership, clear marks and paging apply to the
     * matches of both. Parameters: pattern, pattern, user (membership), user (clear marks), before, the conversation
     * when filtered, limit.
     */
    private static final String SQL = """
            SELECT id, conversation, seq, sender_id, sent_at, current_text FROM (
                SELECT m.id, m.conversation, m.seq, m.sender_id, m.sent_at, m.body_text AS current_text
                FROM messages m
                WHERE (m.kind IS NULL OR m.kind = 'reply') AND LOWER(m.body_text) LIKE ? %1$s
                  AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.conversation = m.conversation
                                  AND e.target_seq = m.seq AND (e.kind = 'edit' OR e.kind = 'delete'))
                UNION ALL
                SELECT t.id, t.conversation, t.seq, t.sender_id, t.sent_at, r.body_text
                FROM messages r JOIN messages t ON t.conversation = r.conversation AND t.seq = r.target_seq
                WHERE r.kind = 'edit' AND LOWER(r.body_text) LIKE ? %1$s
                  AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.conversation = t.conversation AND e.target_seq = t.seq
                                  AND (e.kind = 'delete' OR (e.kind = 'edit' AND e.seq > r.seq)))
            ) hits
            WHERE (hits.conversation = 'group'
                   OR hits.conversation IN (SELECT u.conversation FROM user_conversations u WHERE u.user_id = ?))
              AND hits.seq > COALESCE((SELECT h.cleared_through FROM history_marks h
                                       WHERE h.user_id = ? AND h.conversation = hits.conversation), 0)
              AND hits.id < ?
              %2$s
            ORDER BY hits.id DESC
            LIMIT ?
            """;

    private final Database db;
    private final ReadBarrier written;
    private final String all;
    private final String inOne;

    public SearchStore(Database db) {
        this(db, ReadBarrier.NONE);
    }

    /** Searches once {@code written} says the database holds every message committed before the search. */
    public SearchStore(Database db, ReadBarrier written) {
        this.db = db;
        this.written = written;
        // MySQL and MariaDB compare utf8mb4 ignoring accents as well as case (e = é); a binary comparison of
        // the lower-cased text matches what H2, which compares exactly, does.
        String exactly = db.embedded() ? "" : "COLLATE utf8mb4_bin";
        this.all = SQL.formatted(exactly, "");
        this.inOne = SQL.formatted(exactly, "AND hits.conversation = ?");
    }

    /**
     * The newest messages below {@code beforeId} whose current text contains {@code text} ignoring case, in the
     * conversations {@code userId} is a member of (or only {@code only}, when not null), above the user's clear
     * marks; at most {@code limit}.
     */
    public List<Found> find(long userId, String text, ConversationKey only, long beforeId, int limit) {
        written.awaitWritten();
        String pattern = "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
        return db.query("searching messages", c -> {
            try (PreparedStatement select = c.prepareStatement(only == null ? all : inOne)) {
                int p = 1;
                select.setString(p++, pattern);
                select.setString(p++, pattern);
                select.setLong(p++, userId);
                select.setLong(p++, userId);
                select.setLong(p++, beforeId);
                if (only != null) {
                    select.setString(p++, only.value());
                }
                select.setInt(p, limit);
                List<Found> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Found(rows.getLong(1), new ConversationKey(rows.getString(2)), rows.getLong(3),
                                rows.getLong(4), rows.getLong(5), rows.getString(6)));
                    }
                }
                return found;
            }
        });
    }

    /** The text as a LIKE pattern matching itself: both engines take a backslash as the escape by default. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
