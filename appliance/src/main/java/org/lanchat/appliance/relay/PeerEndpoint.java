package org.lanchat.appliance.relay;

/**
 * Where a logged-in user's client takes peer links: the IP address it is connected from, and the port it gave.
 * Also what members of a cluster tell each other in their heartbeats.
 */
public record PeerEndpoint(long userId, String username, String address, int port) {
}
