package org.lanchat.appliance.store;

import java.util.Collection;
import java.util.List;
import org.lanchat.appliance.core.StoredMessage;

/**
 * Private messages kept for a recipient who had no connection when they were committed, until they are
 * handed over at a login. {@link MessageStore} keeps them in the database. Both methods block.
 */
public interface PendingDeliveries {
    /** The oldest {@code limit} messages kept for the user, oldest first. */
    List<StoredMessage> pendingFor(long userId, int limit);

    /** Forgets messages once they have been handed over. */
    void deletePending(long userId, Collection<Long> messageIds);
}
