package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.StoredMessage;

/**
 * The {@code messages}, {@code history_marks} and {@code pending_deliveries} tables. As a
 * {@link MessageJournal} it runs each group-commit batch in one transaction on one connection.
 */
public final class MessageStore implements MessageJournal, PendingDeliveries {
    private static final String COLUMNS =
            "id, conversation, seq, sender_id, recipient_id, client_msg_id, body_text, sticker, sent_at, kind, target_seq,"
            + " attachment";
    /** Keeps IN lists well below every engine's limit on statement size. */
    private static final int LOOKUP_CHUNK = 200;

    /** Which way to page through a conversation. */
    public enum Direction { OLDER, NEWER }

    /** A conversation the user takes part in, as {@code conversations} reports it. */
    public record ConversationSummary(ConversationKey conversation, long lastSeq) {
    }

    /** Stored (sender, client message id) keys in message id order, and the id of the last message read. */
    public record ClientIdPage(List<SenderClientId> keys, long lastId) {
    }

    private final Database db;
    private final ReadBarrier written;

    public MessageStore(Database db) {
        this(db, ReadBarrier.NONE);
    }

    private MessageStore(Database db, ReadBarrier written) {
        this.db = db;
        this.written = written;
    }

    /**
     * The same tables, read only once {@code written} says the database holds every message committed before the read:
     * for everyone but the writer when a journal writes the messages behind.
     */
    public MessageStore readingAfter(ReadBarrier barrier) {
        return new MessageStore(db, barrier);
    }

    @Override
    public Transaction begin() {
        return new SqlTransaction(this, db);
    }

    // ---- used by the group-commit writer, inside its transaction ----

    @Override
    public boolean shared() {
        return !db.embedded();
    }

    /** The unique key uq_messages_sender_client_id (V1) refuses a stored (sender, client message id). */
    @Override
    public boolean refusesStoredClientIds() {
        return true;
    }

    /**
     * Takes the commit lock row (migration V5). A locking read waits for whichever batch holds it, on any
     * appliance; InnoDB then takes the transaction's read snapshot at its first plain read, which comes after
     * this, so the counters and earlier sends read next include everything committed before.
     */
    void lockForCommit(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT locked_at FROM commit_lock WHERE id = 1 FOR UPDATE");
             ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the commit lock row is missing (migration V5)");
            }
        }
    }

    long maxId(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT MAX(id) FROM messages");
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /**
     * The highest sequence number of each conversation (0 for none). On a server, one statement for a whole batch,
     * which MySQL and MariaDB answer from the (conversation, seq) index; on H2, a seek per conversation (see
     * {@link #findByClientIds} for why).
     */
    Map<ConversationKey, Long> maxSeqs(Connection c, Collection<ConversationKey> conversations) throws SQLException {
        Map<ConversationKey, Long> seqs = new HashMap<>();
        for (ConversationKey conversation : conversations) {
            seqs.put(conversation, 0L);
        }
        if (db.embedded()) {
            for (ConversationKey conversation : conversations) {
                seqs.put(conversation, maxSeq(c, conversation));
            }
            return seqs;
        }
        List<ConversationKey> all = new ArrayList<>(conversations);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<ConversationKey> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = c.prepareStatement("SELECT conversation, MAX(seq) FROM messages"
                    + " WHERE conversation IN (" + marks + ") GROUP BY conversation")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i).value());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        seqs.put(new ConversationKey(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
        }
        return seqs;
    }

    long maxSeq(Connection c, ConversationKey conversation) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(LAST_SEQ_SQL)) {
            select.setString(1, conversation.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * Already-stored messages for (sender, client message id) pairs, keyed the same way.
     *
     * <p>The plan differs by engine because each one's optimizer does. MySQL and MariaDB turn an OR of
     * key equalities into index ranges, so one statement per chunk saves a network round trip per key.
     * H2 answers the same OR with a scan of the whole index, which made every group commit cost time
     * proportional to the history's size; embedded, a seek per key costs a method call, not a round trip.
     */
    Map<SenderClientId, StoredMessage> findByClientIds(Connection c, Collection<SenderClientId> ids)
            throws SQLException {
        Map<SenderClientId, StoredMessage> found = new HashMap<>();
        if (db.embedded()) {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM messages WHERE sender_id = ? AND client_msg_id = ?")) {
                for (SenderClientId id : ids) {
                    select.setLong(1, id.senderId());
                    select.setString(2, id.clientMsgId());
                    readInto(select, found);
                }
            }
            return found;
        }
        List<SenderClientId> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<SenderClientId> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages WHERE ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(sender_id = ? AND client_msg_id = ?)");
            }
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (SenderClientId id : chunk) {
                    select.setLong(p++, id.senderId());
                    select.setString(p++, id.clientMsgId());
                }
                readInto(select, found);
            }
        }
        return found;
    }

    private static void readInto(PreparedStatement select, Map<SenderClientId, StoredMessage> found)
            throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                StoredMessage m = read(rows);
                found.put(new SenderClientId(m.senderId(), m.clientMsgId()), m);
            }
        }
    }

    void insertBatch(Connection c, List<StoredMessage> messages) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO messages (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredMessage m : messages) {
                insert.setLong(1, m.id());
                insert.setString(2, m.conversation().value());
                insert.setLong(3, m.seq());
                insert.setLong(4, m.senderId());
                if (m.recipientId() == null) {
                    insert.setNull(5, Types.BIGINT);
                } else {
                    insert.setLong(5, m.recipientId());
                }
                insert.setString(6, m.clientMsgId());
                insert.setString(7, m.text());
                insert.setString(8, m.sticker());
                insert.setLong(9, m.sentAt());
                if (m.relation() == null) {
                    insert.setNull(10, Types.VARCHAR);
                    insert.setNull(11, Types.BIGINT);
                } else {
                    insert.setString(10, m.relation().kind().stored());
                    insert.setLong(11, m.relation().targetSeq());
                }
                insert.setString(12, m.attachment() == null ? null : m.attachment().stored());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        insertNewConversations(c, messages);
        recordDeletions(c, messages);
    }

    /**
     * Marks the targets of the batch's delete entries as deleted, in the same transaction. IGNORE because two deletes
     * of one message may both be stored (the checks run before the commit, §7.19) and the second changes nothing.
     */
    private static void recordDeletions(Connection c, List<StoredMessage> messages) throws SQLException {
        List<StoredMessage> deletes = messages.stream()
                .filter(m -> m.relation() != null && m.relation().kind() == Relation.Kind.DELETE).toList();
        if (deletes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT IGNORE INTO deleted_messages (conversation, seq) VALUES (?, ?)")) {
            for (StoredMessage m : deletes) {
                insert.setString(1, m.conversation().value());
                insert.setLong(2, m.relation().targetSeq());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Records who is in each private conversation that the batch opens (V7): its first message has sequence number
     * 1, and the commit lock (or the embedded database's single writer) gives that number out once per conversation.
     * IGNORE (H2 knows it in MySQL mode) because a row left from before must never make the database refuse the
     * message itself.
     */
    private static void insertNewConversations(Connection c, List<StoredMessage> messages) throws SQLException {
        List<StoredMessage> opening = messages.stream().filter(m -> m.seq() == 1 && m.recipientId() != null).toList();
        if (opening.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT IGNORE INTO user_conversations (user_id, conversation) VALUES (?, ?)")) {
            for (StoredMessage m : opening) {
                long recipient = m.recipientId();
                List<Long> members = m.senderId() == recipient ? List.of(recipient) : List.of(m.senderId(), recipient);
                for (long member : members) {
                    insert.setLong(1, member);
                    insert.setString(2, m.conversation().value());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    void insertPending(Connection c, Map<Long, Long> messageIdToUserId) throws SQLException {
        if (messageIdToUserId.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO pending_deliveries (user_id, message_id) VALUES (?, ?)")) {
            for (Map.Entry<Long, Long> e : messageIdToUserId.entrySet()) {
                insert.setLong(1, e.getValue());
                insert.setLong(2, e.getKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    // ---- queries on their own connection ----

    /**
     * One page of a conversation, skipping what the user cleared. OLDER pages go newest first from
     * {@code before} (exclusive); NEWER pages go oldest first from {@code after} (exclusive). Fetches one
     * row more than asked to tell whether there is more.
     */
    public Page page(ConversationKey conversation, long clearedThrough, Direction direction, long bound, int limit) {
        written.awaitWritten();
        String sql = pageSql(direction);
        return db.query("reading history", c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setString(1, conversation.value());
                select.setLong(2, clearedThrough);
                select.setLong(3, bound);
                select.setInt(4, limit + 1);
                List<StoredMessage> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
                boolean more = rows.size() > limit;
                return new Page(more ? rows.subList(0, limit) : rows, more);
            }
        });
    }

    /*
     * Both statements walk the (conversation, seq) index and stop after the page. ORDER BY names the
     * conversation although it is fixed: H2 uses an index for the order only when the ORDER BY columns
     * start the index, and otherwise reads and sorts every row past the bound, message bodies included
     * (MySQL and MariaDB see through it either way).
     */
    static final String LAST_SEQ_SQL =
            "SELECT seq FROM messages WHERE conversation = ? ORDER BY conversation DESC, seq DESC LIMIT 1";

    /** Parameters: conversation, cleared-through mark, bound (exclusive), limit. */
    static String pageSql(Direction direction) {
        return direction == Direction.OLDER
                ? "SELECT " + COLUMNS + " FROM messages WHERE conversation = ? AND seq > ? AND seq < ? "
                        + "ORDER BY conversation DESC, seq DESC LIMIT ?"
                : "SELECT " + COLUMNS + " FROM messages WHERE conversation = ? AND seq > ? AND seq > ? "
                        + "ORDER BY conversation ASC, seq ASC LIMIT ?";
    }

    /** The entry with this sequence number in a conversation, if there is one (§7.19: what a change may target). */
    public Optional<StoredMessage> entry(ConversationKey conversation, long seq) {
        written.awaitWritten();
        return db.query("reading a message", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM messages WHERE conversation = ? AND seq = ?")) {
                select.setString(1, conversation.value());
                select.setLong(2, seq);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Whether the sender already stored an entry under this client message id (a resend, §7.3). */
    public boolean stored(long senderId, String clientMsgId) {
        written.awaitWritten();
        return db.query("reading a message", c -> !findByClientIds(c, List.of(new SenderClientId(senderId, clientMsgId)))
                .isEmpty());
    }

    /** Whether a delete entry targets this message: one key lookup in the table the commit writes (V10). */
    public boolean deleted(ConversationKey conversation, long seq) {
        written.awaitWritten();
        return db.query("reading a message", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT seq FROM deleted_messages WHERE conversation = ? AND seq = ?")) {
                select.setString(1, conversation.value());
                select.setLong(2, seq);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Messages of one page and whether more lie beyond. */
    public record Page(List<StoredMessage> messages, boolean hasMore) {
        public Page {
            messages = List.copyOf(messages);
        }
    }

    public long clearedThrough(long userId, ConversationKey conversation) {
        return db.query("reading a history mark", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT cleared_through FROM history_marks WHERE user_id = ? AND conversation = ?")) {
                select.setLong(1, userId);
                select.setString(2, conversation.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    public Map<ConversationKey, Long> clearedThroughAll(long userId) {
        return db.query("reading history marks", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT conversation, cleared_through FROM history_marks WHERE user_id = ?")) {
                select.setLong(1, userId);
                Map<ConversationKey, Long> marks = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        marks.put(new ConversationKey(rows.getString(1)), rows.getLong(2));
                    }
                }
                return marks;
            }
        });
    }

    /** Raises the user's mark for a conversation; never lowers it. */
    public void clearThrough(long userId, ConversationKey conversation, long seq) {
        db.query("clearing history", c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO history_marks (user_id, conversation, cleared_through) VALUES (?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE cleared_through = GREATEST(cleared_through, VALUES(cleared_through))")) {
                upsert.setLong(1, userId);
                upsert.setString(2, conversation.value());
                upsert.setLong(3, seq);
                return upsert.executeUpdate();
            }
        });
    }

    /** The conversation's newest sequence number, without waiting for a journal to write behind (read marks ask often). */
    public long lastSeq(ConversationKey conversation) {
        long unwritten = written.unwrittenLastSeq(conversation);
        if (unwritten > 0) {
            return unwritten;
        }
        return db.query("reading a conversation", c -> maxSeq(c, conversation));
    }

    /** The highest message id committed so far, by any appliance on this database. */
    public long lastCommittedId() {
        written.awaitWritten();
        return db.query("reading the message counter", c -> {
            return maxId(c);
        });
    }

    /** The keys of up to {@code limit} committed messages with ids above {@code afterId}, in id order. */
    public ClientIdPage clientIdsAfter(long afterId, int limit) {
        written.awaitWritten();
        return db.query("reading client message ids", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, sender_id, client_msg_id FROM messages WHERE id > ? ORDER BY id LIMIT ?")) {
                select.setLong(1, afterId);
                select.setInt(2, limit);
                List<SenderClientId> keys = new ArrayList<>();
                long lastId = afterId;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lastId = rows.getLong(1);
                        keys.add(new SenderClientId(rows.getLong(2), rows.getString(3)));
                    }
                }
                return new ClientIdPage(keys, lastId);
            }
        });
    }

    /** Committed messages with {@code after < id < before}, in id order, at most {@code limit}. */
    @Override
    public List<StoredMessage> committedBetween(long after, long before, int limit) {
        written.awaitWritten();
        return db.query("reading committed messages", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM messages WHERE id > ? AND id < ? ORDER BY id LIMIT ?")) {
                select.setLong(1, after);
                select.setLong(2, before);
                select.setInt(3, limit);
                List<StoredMessage> list = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(read(rows));
                    }
                }
                return list;
            }
        });
    }

    /**
     * Every private conversation and named room the user is in (both are rows of user_conversations, V7 and V14),
     * with its newest sequence number.
     */
    public List<ConversationSummary> privateConversationsOf(long userId) {
        written.awaitWritten();
        return db.query("listing conversations", c -> {
            List<ConversationKey> conversations = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT conversation FROM user_conversations WHERE user_id = ? ORDER BY conversation")) {
                select.setLong(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        conversations.add(new ConversationKey(rows.getString(1)));
                    }
                }
            }
            Map<ConversationKey, Long> lastSeqs = maxSeqs(c, conversations);
            return conversations.stream().map(k -> new ConversationSummary(k, lastSeqs.get(k))).toList();
        });
    }

    /** Messages waiting for a user who was offline, oldest first. */
    @Override
    public List<StoredMessage> pendingFor(long userId, int limit) {
        written.awaitWritten();
        return db.query("reading pending messages", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + prefixed("m") + " FROM pending_deliveries p "
                    + "JOIN messages m ON m.id = p.message_id WHERE p.user_id = ? ORDER BY m.id LIMIT ?")) {
                select.setLong(1, userId);
                select.setInt(2, limit);
                List<StoredMessage> list = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(read(rows));
                    }
                }
                return list;
            }
        });
    }

    @Override
    public void deletePending(long userId, Collection<Long> messageIds) {
        written.awaitWritten();
        if (messageIds.isEmpty()) {
            return;
        }
        db.query("marking messages delivered", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM pending_deliveries WHERE user_id = ? AND message_id = ?")) {
                for (long id : messageIds) {
                    delete.setLong(1, userId);
                    delete.setLong(2, id);
                    delete.addBatch();
                }
                return delete.executeBatch().length;
            }
        });
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static StoredMessage read(ResultSet rows) throws SQLException {
        long recipient = rows.getLong(5);
        Long recipientId = rows.wasNull() ? null : recipient;
        String kind = rows.getString(10);
        Relation relation = kind == null ? null : new Relation(Relation.Kind.fromStored(kind), rows.getLong(11));
        return new StoredMessage(rows.getLong(1), new ConversationKey(rows.getString(2)), rows.getLong(3),
                rows.getLong(4), recipientId, rows.getString(6), rows.getString(7), rows.getString(8), rows.getLong(9),
                relation, AttachedFile.parse(rows.getString(12)));
    }
}
