package org.lanchat.appliance.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ConversationRequest.ClearHistory;
import org.lanchat.protocol.message.ConversationRequest.ConversationsRequest;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.ConversationRequest.MarkRead;
import org.lanchat.protocol.message.ConversationRequest.ReadMarksRequest;
import org.lanchat.protocol.message.ConversationRequest.Search;
import org.lanchat.protocol.message.ConversationRequest.Typing;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.FileRequest.GetThumbnail;
import org.lanchat.protocol.message.FileRequest.Transfer;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;
import org.lanchat.protocol.message.FileRequest.UploadBegin;
import org.lanchat.protocol.message.FileRequest.UploadChunk;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.message.PeerRequest.PeersRequest;
import org.lanchat.protocol.message.PeerRequest.SubmitDirect;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileRequest.GetAvatar;
import org.lanchat.protocol.message.ProfileRequest.ProfilesRequest;
import org.lanchat.protocol.message.ProfileRequest.RosterRequest;
import org.lanchat.protocol.message.ProfileRequest.SetAvatar;
import org.lanchat.protocol.message.ProfileRequest.SetPresence;
import org.lanchat.protocol.message.ProfileRequest.SetProfile;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomRequest.ForRoom;
import org.lanchat.protocol.message.RoomRequest.RoomsRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Pong;
import org.lanchat.protocol.message.SessionRequest.Hello;
import org.lanchat.protocol.message.SessionRequest.Login;
import org.lanchat.protocol.message.SessionRequest.Logout;
import org.lanchat.protocol.message.SessionRequest.Ping;
import org.lanchat.protocol.message.SessionRequest.Register;
import org.lanchat.protocol.message.SessionRequest.Resume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of a connection's pipeline: frame bodies in, each decoded and handed to the part of the
 * session that answers it. Netty calls it on the connection's I/O thread. The login state machine is
 * {@link Authentication}, the relay's side {@link RelayLink}, blocking work {@link RequestRunner}; this
 * class only dispatches, and turns connection events (idle, TLS failure, framing error) into replies.
 * Connections are built by {@link ClientSessions}.
 */
final class ClientSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    /** Protocol errors in a row before we stop listening to a peer that is clearly not a client. */
    static final int MAX_CONSECUTIVE_ERRORS = 20;

    private final Connection connection;
    private final RequestRunner runner;
    private final Authentication auth;
    private final ClientSessions.Requests requests;
    private final HistoryPager history;
    private final RosterFrame roster;
    private int consecutiveErrors;

    ClientSession(Connection connection, RequestRunner runner, Authentication auth, ClientSessions.Requests requests,
                  HistoryPager history, RosterFrame roster) {
        this.connection = connection;
        this.runner = runner;
        this.auth = auth;
        this.requests = requests;
        this.history = history;
        this.roster = roster;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.info("Connection {} opened from {}", connection.id(), connection.peer());
        auth.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Identity was = auth.closed();
        log.info("Connection {} closed ({})", connection.id(), was == null ? "not logged in" : "was " + was.username());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ClientMessage request;
        try {
            request = connection.codec().decodeClient((byte[]) msg);
        } catch (ProtocolException e) {
            connection.error(e.requestId(), e.code(), e.getMessage());
            if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                connection.bye(ErrorCode.TOO_MANY_ERRORS, consecutiveErrors + " invalid messages in a row");
            }
            return;
        }
        consecutiveErrors = 0;
        if (log.isDebugEnabled()) {
            log.debug("Connection {} received {}", connection.id(), request.getClass().getSimpleName());
        }
        handle(request);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            // A client waiting for our reply (a register/login hash, a database read) is not silent; the handler
            // fires again after another idle period if it still sends nothing.
            if (runner.idle() && !auth.inFlight()) {
                connection.bye(ErrorCode.IDLE_TIMEOUT, "nothing received for too long; clients should ping");
            }
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            log.info("Connection {} from {}: TLS handshake failed: {}", connection.id(), connection.peer(),
                    handshake.cause().getMessage());
            connection.close();
        } else if (event == FrameInbound.TruncatedStream.INSTANCE) {
            log.info("Connection {} from {} ended inside a frame ({})", connection.id(), connection.peer(),
                    ErrorCode.FRAME_TRUNCATED.wireName());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException framing) {
            log.info("Connection {} from {}: {} ({}); closing", connection.id(), connection.peer(), framing.getMessage(),
                    framing.code().wireName());
            connection.send(SessionMessage.Error.of(null, framing.code(), framing.getMessage()));
            connection.closeAfterFlush();
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            log.info("Connection {} from {}: TLS error: {}", connection.id(), connection.peer(), cause.getMessage());
            connection.close();
        } else if (cause instanceof IOException) {
            log.debug("Connection {} from {}: {}", connection.id(), connection.peer(), cause.getMessage());
            connection.close();
        } else {
            log.warn("Connection {} from {}: unexpected failure; closing", connection.id(), connection.peer(), cause);
            connection.close();
        }
    }

    private void handle(ClientMessage request) {
        switch (request) {
            case Ping ping -> connection.send(new Pong(ping.id()));
            case Hello hello -> auth.hello(hello);
            case Register r -> auth.register(r);
            case Login l -> auth.login(l);
            case Resume r -> auth.resume(r);
            case Transfer t -> transfer(t);
            default -> {
                Identity me = auth.admit(request);
                if (me != null) {
                    handleLoggedIn(request, me);
                }
            }
        }
    }

    /**
     * {@code transfer} opens a transfer connection (§7.25), so only a connection that is nothing else yet may send it: in
     * CONNECTED. The session then leaves the pipeline; its login timer goes with it.
     */
    private void transfer(Transfer request) {
        if (auth.greeted()) {
            connection.error(request.id(), ErrorCode.INVALID_FIELD,
                    "transfer is only the first frame of a new connection, in place of hello");
            return;
        }
        auth.closed();
        requests.transfers().open(request, connection, connection.channel().pipeline().get(FrameInbound.class));
    }

    private void handleLoggedIn(ClientMessage request, Identity me) {
        switch (request) {
            case Posting p -> requests.chat().send(p, me, connection, runner);
            case RosterRequest r -> connection.send(roster.reply(r.id()));
            case HistoryRequest h -> runner.run(h.id(), () -> history.send(h, me));
            case ConversationsRequest c -> requests.chat().conversations(c, me, connection, runner);
            case ClearHistory c -> requests.chat().clearHistory(c, me, runner);
            case SetAvatar a -> requests.avatars().set(a, me, connection, runner);
            case GetAvatar g -> requests.avatars().get(g, runner);
            case PeerCredentialRequest p -> requests.peers().credential(p, me, connection, runner);
            case PeersRequest p -> requests.peers().peers(p, me, connection);
            case SubmitDirect d -> requests.direct().submit(d, me, connection, runner);
            case SetProfile p -> requests.profiles().set(p, me, connection, runner);
            case ProfilesRequest p -> requests.profiles().get(p, runner);
            case MarkRead m -> requests.reads().markRead(m, me, connection, runner);
            case ReadMarksRequest r -> requests.reads().readMarks(r, me, runner);
            case Typing t -> requests.reads().typing(t, me, connection, runner);
            case SetPresence p -> requests.presence().set(p, me, connection, runner);
            case Search s -> requests.searches().search(s, me, connection, runner);
            case CreateRoom c -> requests.rooms().create(c, me, connection, runner);
            case RoomsRequest r -> requests.rooms().list(r, me, runner);
            case ForRoom r -> requests.rooms().handle(r, me, connection, runner);
            case UploadBegin u -> requests.files().begin(u, me, connection, runner);
            case UploadChunk u -> requests.files().chunk(u, me, runner);
            case Download d -> requests.files().download(d, me, connection, runner);
            case GetThumbnail t -> requests.files().thumbnail(t, me, runner);
            case TransferTicketRequest t -> requests.files().ticket(t, me, connection, runner);
            case Logout l -> auth.logout(l, me);
            default -> throw new IllegalStateException("unhandled request " + request.getClass().getSimpleName());
        }
    }
}
