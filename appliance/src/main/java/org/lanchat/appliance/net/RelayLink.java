package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.lanchat.appliance.core.Revocations.Revocation;
import org.lanchat.appliance.relay.ClientLink;
import org.lanchat.appliance.relay.PeerEndpoint;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.protocol.ErrorCode;

/**
 * A connection's place in the relay: it joins the registry when its user logs in (and gets the roster),
 * leaves when they log out or the connection closes, and in between takes the frames the relay
 * delivers. A client that stops reading is cut off once its unsent backlog passes the outbound bound
 * (PROTOCOL §7.10); it catches up from history when it returns.
 */
final class RelayLink implements ClientLink, Authentication.Listener {
    private final Connection connection;
    private final OfflineHandOver handOver;
    private final SessionRegistry registry;
    private final RosterFrame roster;
    /** Who is logged in; read by the registry from any thread. */
    private volatile Identity who;

    RelayLink(Connection connection, OfflineHandOver handOver, SessionRegistry registry, RosterFrame roster) {
        this.connection = connection;
        this.handOver = handOver;
        this.registry = registry;
        this.roster = roster;
    }

    @Override
    public boolean hasRoomFor(long userId) {
        return registry.connectionsOf(userId) < Authentication.MAX_CONNECTIONS_PER_ACCOUNT;
    }

    @Override
    public long revocationsNow() {
        return registry.revocations().now();
    }

    @Override
    public void loggedIn(Identity identity, long checkedAt) {
        who = identity;
        registry.add(this);
        Optional<Revocation> ended = registry.revocations().since(identity.userId(), checkedAt);
        if (ended.isPresent()) { // checked before the administrator disabled the account (or reset it), joined after
            bye(ended.get().reason(), ended.get().message());
            return;
        }
        connection.send(roster.current());
        // After joining: a message committed from now on is relayed live (and held until the hand-over is
        // done), one committed before is pending and fetched. Deliveries run on this thread, so none
        // arrives between joining and holding.
        handOver.begin(identity);
    }

    @Override
    public void loggedOut(Identity identity) {
        registry.remove(this); // before forgetting who we were: the registry asks userId()
        who = null;
        handOver.end();
    }

    @Override
    public long linkId() {
        return connection.id();
    }

    @Override
    public long userId() {
        Identity me = who;
        return me == null ? -1 : me.userId();
    }

    @Override
    public String username() {
        Identity me = who;
        return me == null ? "" : me.username();
    }

    @Override
    public Optional<PeerEndpoint> peerEndpoint() {
        Identity me = who;
        int port = connection.peerPort();
        return me == null || port == 0 ? Optional.empty() : Optional.of(new PeerEndpoint(me.userId(), me.username(), connection.address(), port));
    }

    @Override
    public Executor lane() {
        return connection.lane();
    }

    @Override
    public void deliver(long messageId, ByteBuf frame) {
        if (!connection.isOpen()) {
            frame.release();
            return;
        }
        if (!handOver.admit(messageId, frame)) {
            return;
        }
        connection.write(frame);
        connection.cutOffIfNotReading("(" + username() + ") ");
    }

    @Override
    public void flush() {
        if (connection.isOpen()) {
            connection.flush();
        }
    }

    @Override
    public void bye(ErrorCode reason, String message) {
        connection.bye(reason, message);
    }
}
