package org.lanchat.appliance.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.concurrent.Executor;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.protocol.message.MessageCodec;

/**
 * Builds the session of each new connection from the parts every connection shares. Each per-connection
 * part gets the two or three collaborators it uses, and nothing else.
 */
public final class ClientSessions {
    /** The requests of a logged-in user, each answered by its part. */
    public record Requests(ChatRequests chat, AvatarRequests avatars, HistoryPages history, PeerRequests peers,
                           DirectSubmissions direct, ProfileRequests profiles, ReadRequests reads,
                           PresenceRequests presence, SearchRequests searches, RoomRequests rooms,
                           AttachmentRequests files, TransferConnections transfers) {
    }

    /**
     * What a login joins: the registry of logged-in connections, the roster shown on joining, and the
     * messages kept while the user was away.
     */
    public record Relay(SessionRegistry registry, RosterFrame roster, OfflineMessages offline) {
    }

    private final MessageCodec codec;
    private final Executor workers;
    private final long maxOutboundBytes;
    private final SignIn signIn;
    private final Relay relay;
    private final Requests requests;

    /**
     * @param workers          runs blocking work (hashing, database), one virtual thread per task
     * @param maxOutboundBytes unsent bytes a connection may queue before it is cut off as a slow consumer
     */
    public ClientSessions(MessageCodec codec, Executor workers, long maxOutboundBytes, SignIn signIn, Relay relay,
                          Requests requests) {
        this.codec = codec;
        this.workers = workers;
        this.maxOutboundBytes = maxOutboundBytes;
        this.signIn = signIn;
        this.relay = relay;
        this.requests = requests;
    }

    MessageCodec codec() {
        return codec;
    }

    /** The last handler of a new connection's pipeline. */
    ChannelHandler newSession(Channel channel) {
        Connection connection = new Connection(channel, codec, maxOutboundBytes);
        RequestRunner runner = new RequestRunner(connection, workers);
        OfflineHandOver handOver = new OfflineHandOver(relay.offline(), connection, runner);
        RelayLink link = new RelayLink(connection, handOver, relay.registry(), relay.roster());
        Authentication auth = new Authentication(signIn, connection, runner, link);
        return new ClientSession(connection, runner, auth, requests, new HistoryPager(requests.history(), connection),
                relay.roster());
    }
}
