package org.lanchat.appliance.relay;

/** Where a logged-in user's client takes peer links: the IP address it is connected from, and the port it gave. */
public record PeerEndpoint(String username, String address, int port) {
}
