package org.lanchat.appliance.store.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.MessageJournal.Transaction;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.RowRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts journaled batches into the database: behind the journal while it runs, and what a crash left at the next start. */
final class JournalToDatabase {
    private static final Logger log = LoggerFactory.getLogger(JournalToDatabase.class);

    private JournalToDatabase() {
    }

    /**
     * Writes the messages of {@code recovered} that the database does not hold yet, up to
     * {@link JournaledMessages#MAX_WRITE_BATCH} per transaction, and returns the last message id the database then holds.
     */
    static long replay(List<JournalBatch> recovered, MessageStore database) {
        long inDatabase = database.lastCommittedId();
        List<JournalBatch> missing = new ArrayList<>();
        for (JournalBatch batch : recovered) {
            List<StoredMessage> newer = batch.messages().stream().filter(m -> m.id() > inDatabase).toList();
            if (!newer.isEmpty()) {
                Map<Long, Long> pending = new HashMap<>(batch.pending());
                pending.keySet().removeIf(id -> id <= inDatabase);
                missing.add(new JournalBatch(newer, pending));
            }
        }
        if (missing.isEmpty()) {
            return inDatabase;
        }
        int count = missing.stream().mapToInt(b -> b.messages().size()).sum();
        for (int from = 0; from < missing.size(); ) {
            int to = from;
            int messages = 0;
            while (to < missing.size()
                    && (to == from || messages + missing.get(to).messages().size() <= JournaledMessages.MAX_WRITE_BATCH)) {
                messages += missing.get(to++).messages().size();
            }
            write(database, missing.subList(from, to));
            from = to;
        }
        log.info("Wrote {} messages from the journal into the database (committed before the appliance stopped)", count);
        return missing.getLast().lastId();
    }

    /**
     * Writes batches into the database in one transaction. Should the database refuse one message's data (it checks
     * nothing the appliance did not check before accepting it), the batches are written one message at a time and that
     * message is left out, logged as an error: it stays in the journal's history of this run only.
     */
    static void write(MessageStore database, List<JournalBatch> batches) {
        List<StoredMessage> messages = new ArrayList<>();
        Map<Long, Long> pending = new HashMap<>();
        for (JournalBatch batch : batches) {
            messages.addAll(batch.messages());
            pending.putAll(batch.pending());
        }
        try {
            insert(database, messages, pending);
        } catch (RowRefusedException refused) {
            for (StoredMessage m : messages) {
                Long owed = pending.get(m.id());
                try {
                    insert(database, List.of(m), owed == null ? Map.of() : Map.of(m.id(), owed));
                } catch (RowRefusedException e) {
                    log.error("The database refused message {} (user {}, '{}') after it was journaled and acknowledged;"
                            + " it is left out of history: {}", m.id(), m.senderId(), m.clientMsgId(), e.getMessage());
                }
            }
        }
    }

    private static void insert(MessageStore database, List<StoredMessage> messages, Map<Long, Long> pending) {
        try (Transaction tx = database.begin()) {
            tx.insert(messages);
            tx.insertPending(pending);
            tx.commit();
        }
    }
}
