package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * What a client keeps for chatting directly while the appliance is away (docs/PROTOCOL.md §6.14, §6.15, §7.13,
 * §7.15): its signed credential and where the others online take peer links.
 */
public sealed interface PeerLinkMessage extends ServerMessage {
    /** Where another user's client takes peer links: the address it is connected from and the port it gave. */
    record PeerAddress(String username, String address, int port) {
    }

    /** Reply to {@code peers}: every other user online whose client gave a peer port (§7.15). */
    @JsonTypeName("peers")
    record PeerList(String id, List<PeerAddress> peers) implements PeerLinkMessage, Reply {
        public PeerList {
            peers = List.copyOf(peers);
        }
    }

    /** Reply to {@code peer_credential}: the signed credential for the logged-in user and the key sent. */
    @JsonTypeName("peer_credential")
    record PeerCredentialIssued(String id, PeerCredential credential) implements PeerLinkMessage, Reply {
    }
}
