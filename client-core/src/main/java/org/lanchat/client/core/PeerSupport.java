package org.lanchat.client.core;

/**
 * What a client on a user's computer brings to peer assistance (PROTOCOL.md §10) besides its peer links: where
 * it keeps its credential and what went directly, and how it finds colleagues on the LAN.
 *
 * @param store     on disk in the data directory, or null to keep nothing there
 * @param discovery DNS-SD, or {@link PeerDiscovery#NONE}
 */
public record PeerSupport(PeerAssistStore store, PeerDiscovery discovery) {
    /** Nothing on disk, nobody found but the colleagues the appliance lists. */
    public static final PeerSupport NONE = new PeerSupport(null, PeerDiscovery.NONE);
}
