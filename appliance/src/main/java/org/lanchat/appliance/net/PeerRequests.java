package org.lanchat.appliance.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lanchat.appliance.account.PeerCredentialIssuer;
import org.lanchat.appliance.relay.MessageRouter;
import org.lanchat.appliance.relay.PeerEndpoint;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerLinkMessage.PeerList;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.message.PeerRequest.PeersRequest;

/**
 * What a client needs for when the appliance is away (PROTOCOL §7.13, §7.15): {@code peer_credential}, which
 * signs its peer key and notes the port it takes peer links on, and {@code peers}, where the other users
 * online take theirs. Shared by every connection.
 */
public final class PeerRequests {
    /**
     * Connections listed per user: a person's computers. One account holding a thousand connections, each naming a
     * port, made the list outgrow a frame for everyone who asked.
     */
    static final int MAX_PER_USER = 8;

    private final PeerCredentialIssuer issuer;
    private final MessageRouter router;

    /** @param router knows the users online on this appliance, and in a cluster on the other members too */
    public PeerRequests(PeerCredentialIssuer issuer, MessageRouter router) {
        this.issuer = issuer;
        this.router = router;
    }

    void credential(PeerCredentialRequest request, Identity me, Connection connection, RequestRunner runner) {
        runner.reply(request.id(), () -> {
            PeerCredentialIssued issued = new PeerCredentialIssued(request.id(), issuer.issue(me.token(), me.userId(), me.username(), request.publicKey()));
            connection.peerPort(request.port() == null ? 0 : request.port());
            return issued;
        });
    }

    void peers(PeersRequest request, Identity me, Connection connection) {
        Map<String, Integer> listedPerUser = new HashMap<>();
        List<PeerAddress> listed = new ArrayList<>();
        for (PeerEndpoint endpoint : router.peerEndpoints(me.userId())) {
            if (listedPerUser.merge(endpoint.username().toLowerCase(Locale.ROOT), 1, Integer::sum) <= MAX_PER_USER) {
                listed.add(new PeerAddress(endpoint.username(), endpoint.address(), endpoint.port()));
            }
        }
        connection.send(new PeerList(request.id(), listed));
    }
}
