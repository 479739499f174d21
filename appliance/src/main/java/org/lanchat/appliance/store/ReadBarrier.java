package org.lanchat.appliance.store;

import org.lanchat.appliance.core.ConversationKey;

/**
 * Lets a read of the messages wait until the database holds every message committed before it. Committed messages
 * reach the database at once unless a journal stands in front of it ({@code store.journal.JournaledMessages}), which
 * writes them behind: then history, catch-up, search and the checks on replies and edits must wait for it.
 */
@FunctionalInterface
public interface ReadBarrier {
    /** Committed messages are in the database as soon as they are committed. */
    ReadBarrier NONE = () -> { };

    /**
     * Returns once the database holds every message committed before the call.
     *
     * @throws StoreUnavailableException when the database has not caught up within a few seconds
     */
    void awaitWritten();

    /**
     * The highest sequence number of {@code conversation} committed and not yet in the database, or 0 when the database
     * holds every committed message of it: then a read of that conversation's newest sequence number need not wait.
     */
    default long unwrittenLastSeq(ConversationKey conversation) {
        return 0;
    }
}
