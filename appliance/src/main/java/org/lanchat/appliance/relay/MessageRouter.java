package org.lanchat.appliance.relay;

import org.lanchat.appliance.chat.StoredMessage;

/**
 * The seam between accepting a message and delivering it. Everything that must reach sessions after a
 * commit goes through here, so routing across appliances (via NATS) is a different implementation, not a
 * change to the session or store code.
 */
public interface MessageRouter {
    /**
     * Delivers a committed message to everyone who should see it now: for the group, every session but
     * the sender's originating one; for a private message, every session of the recipient and the
     * sender's other sessions. Called in commit order.
     */
    void route(StoredMessage message, long originLinkId);
}
