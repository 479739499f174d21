package org.lanchat.appliance.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.MessageJournal.SenderClientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group-commit transaction on one connection, with auto-commit off until it is closed: a server's transaction
 * connection is in that mode already, and only an embedded one is switched (see {@link Database#transactionConnection}).
 */
final class SqlTransaction implements MessageJournal.Transaction {
    private static final Logger log = LoggerFactory.getLogger(SqlTransaction.class);

    @FunctionalInterface
    private interface Statement<T> {
        T run(Connection c) throws SQLException;
    }

    private final MessageStore store;
    private final Database db;
    private final Connection connection;
    /** Whether auto-commit was switched off for this transaction, and is switched on again when it closes. */
    private boolean switched;
    private boolean committed;

    SqlTransaction(MessageStore store, Database db) {
        this.store = store;
        this.db = db;
        this.connection = db.transactionConnection();
        try {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                switched = true;
            }
        } catch (SQLException e) {
            committed = true; // nothing begun, nothing to roll back
            close();
            db.failed(e);
            throw new StoreUnavailableException("could not store messages: " + e.getMessage(), e);
        }
    }

    @Override
    public void lockForCommit() {
        sql(c -> {
            store.lockForCommit(c);
            return null;
        });
    }

    @Override
    public long maxId() {
        return sql(store::maxId);
    }

    @Override
    public long maxSeq(ConversationKey conversation) {
        return sql(c -> store.maxSeq(c, conversation));
    }

    @Override
    public Map<ConversationKey, Long> maxSeqs(Collection<ConversationKey> conversations) {
        return sql(c -> store.maxSeqs(c, conversations));
    }

    @Override
    public Map<SenderClientId, StoredMessage> findByClientIds(Collection<SenderClientId> ids) {
        return sql(c -> store.findByClientIds(c, ids));
    }

    @Override
    public void insert(List<StoredMessage> messages) {
        sql(c -> {
            store.insertBatch(c, messages);
            return null;
        });
    }

    @Override
    public void insertPending(Map<Long, Long> messageIdToUserId) {
        sql(c -> {
            store.insertPending(c, messageIdToUserId);
            return null;
        });
    }

    @Override
    public void commit() {
        sql(c -> {
            c.commit();
            return null;
        });
        committed = true;
        db.wrote();
    }

    @Override
    public void close() {
        try (connection) {
            if (!committed) {
                connection.rollback();
            }
            if (switched) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            log.debug("Ending a message transaction failed: {}", e.getMessage());
        }
    }

    private <T> T sql(Statement<T> statement) {
        try {
            return statement.run(connection);
        } catch (SQLException e) {
            if (RowRefusedException.refusesData(e)) {
                throw new RowRefusedException("the database refused a message: " + e.getMessage(), e);
            }
            db.failed(e);
            throw new StoreUnavailableException("could not store messages: " + e.getMessage(), e);
        }
    }
}
