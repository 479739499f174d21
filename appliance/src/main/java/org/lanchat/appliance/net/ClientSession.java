package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.lanchat.appliance.Refused;
import org.lanchat.appliance.account.AccountService.Authenticated;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.avatar.AvatarImage;
import org.lanchat.appliance.avatar.AvatarService.UserAvatar;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.chat.StoredMessage;
import org.lanchat.appliance.relay.ClientLink;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.Frames;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ClientMessage.ClearHistory;
import org.lanchat.protocol.message.ClientMessage.ConversationsRequest;
import org.lanchat.protocol.message.ClientMessage.GetAvatar;
import org.lanchat.protocol.message.ClientMessage.Hello;
import org.lanchat.protocol.message.ClientMessage.HistoryRequest;
import org.lanchat.protocol.message.ClientMessage.Login;
import org.lanchat.protocol.message.ClientMessage.Logout;
import org.lanchat.protocol.message.ClientMessage.Ping;
import org.lanchat.protocol.message.ClientMessage.Register;
import org.lanchat.protocol.message.ClientMessage.Resume;
import org.lanchat.protocol.message.ClientMessage.RosterRequest;
import org.lanchat.protocol.message.ClientMessage.Send;
import org.lanchat.protocol.message.ClientMessage.SetAvatar;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.ServerMessage.Ack;
import org.lanchat.protocol.message.ServerMessage.Avatar;
import org.lanchat.protocol.message.ServerMessage.Bye;
import org.lanchat.protocol.message.ServerMessage.HistoryPage;
import org.lanchat.protocol.message.ServerMessage.ConversationList;
import org.lanchat.protocol.message.ServerMessage.Ok;
import org.lanchat.protocol.message.ServerMessage.Pong;
import org.lanchat.protocol.message.ServerMessage.Roster;
import org.lanchat.protocol.message.ServerMessage.SessionStarted;
import org.lanchat.protocol.message.ServerMessage.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its state (said hello, logged in as whom), its requests, and its share of
 * deliveries. Netty calls the handler methods on the connection's I/O thread; state that changes after
 * blocking work changes back on that thread, so only {@link #identity} is read elsewhere.
 *
 * <p>States: waiting for {@code hello}; then for {@code register}/{@code login}/{@code resume}; then
 * logged in. {@code logout} returns to the second state. Unauthenticated connections are closed after
 * the login timeout, silent ones after the idle timeout, and a connection whose unsent backlog exceeds
 * the outbound bound is closed as a slow consumer (it catches up from history when it returns).
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements ClientLink {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong LINK_IDS = new AtomicLong();
    /** Protocol errors in a row before we stop listening to a peer that is clearly not a client. */
    static final int MAX_CONSECUTIVE_ERRORS = 20;
    /** Requests doing blocking work at once, per connection; more are answered {@code busy}. */
    static final int MAX_IN_FLIGHT = 32;
    /** Offline messages handed over at login; more stay pending and are fetched by history catch-up. */
    private static final int MAX_PENDING_AT_LOGIN = 10_000;

    private record Held(long messageId, ByteBuf frame) {
    }

    private final Services services;
    private final long linkId = LINK_IDS.incrementAndGet();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** One history page at a time on its way to this client (see sendHistoryPage). */
    private final Semaphore pageOnItsWay = new Semaphore(1, true);
    private Channel channel;
    private String peer = "?";
    private String peerAddress = "?";
    private boolean helloDone;
    private boolean authInFlight;
    private volatile Identity identity;
    private int consecutiveErrors;
    private ScheduledFuture<?> loginTimer;
    /** While offline messages are fetched at login, live chat messages wait here so order and uniqueness hold. */
    private List<Held> held;
    /**
     * Ids written by the offline hand-over. A message committed just as the user logged in can be both
     * pending and routed live, and its live copy may reach this connection after the hand-over: such
     * copies are dropped so one connection never sees a message twice. Relaying is in commit order, so
     * once a live message newer than all of these arrives no copy can follow and the set is dropped.
     */
    private Set<Long> handedOver = Set.of();
    private long handedOverMax = -1;
    private boolean closing;

    ClientSession(Services services) {
        this.services = services;
    }

    // ---------------------------------------------------------------- Netty events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            peerAddress = inet.getAddress().getHostAddress();
            peer = peerAddress + ":" + inet.getPort();
        }
        log.info("Connection {} opened from {}", linkId, peer);
        startLoginTimer();
        ctx.fireChannelActive();
    }

    private void startLoginTimer() {
        loginTimer = channel.eventLoop().schedule(() -> {
            if (identity == null && !authInFlight) {
                bye(ErrorCode.LOGIN_TIMEOUT, "no login within " + services.loginTimeout().toSeconds() + " s");
            }
        }, services.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        Identity was = identity;
        services.registry().remove(this); // before forgetting who we were: the registry asks userId()
        identity = null;
        releaseHeld();
        log.info("Connection {} closed ({})", linkId, was == null ? "not logged in" : "was " + was.username());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] body = (byte[]) msg;
        ClientMessage request;
        try {
            request = services.codec().decodeClient(body);
        } catch (ProtocolException e) {
            protocolError(e);
            return;
        }
        consecutiveErrors = 0;
        if (log.isDebugEnabled()) {
            log.debug("Connection {} received {}", linkId, request.getClass().getSimpleName());
        }
        handle(request);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            // A client waiting for our reply (a register/login hash, a database read) is not silent; the handler
            // fires again after another idle period if it still sends nothing.
            if (inFlight.get() == 0 && !authInFlight) {
                bye(ErrorCode.IDLE_TIMEOUT, "nothing received for too long; clients should ping");
            }
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            log.info("Connection {} from {}: TLS handshake failed: {}", linkId, peer, handshake.cause().getMessage());
            channel.close();
        } else if (event == FrameInbound.TruncatedStream.INSTANCE) {
            log.info("Connection {} from {} ended inside a frame ({})", linkId, peer, ErrorCode.FRAME_TRUNCATED.wireName());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException framing) {
            log.info("Connection {} from {}: {} ({}); closing", linkId, peer, framing.getMessage(), framing.code().wireName());
            send(ServerMessage.Error.of(null, framing.code(), framing.getMessage()));
            closeAfterFlush();
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            log.info("Connection {} from {}: TLS error: {}", linkId, peer, cause.getMessage());
            channel.close();
        } else if (cause instanceof IOException) {
            log.debug("Connection {} from {}: {}", linkId, peer, cause.getMessage());
            channel.close();
        } else {
            log.warn("Connection {} from {}: unexpected failure; closing", linkId, peer, cause);
            channel.close();
        }
    }

    // ---------------------------------------------------------------- requests

    private void handle(ClientMessage request) {
        switch (request) {
            case Ping ping -> send(new Pong(ping.id()));
            case Hello hello -> onHello(hello);
            default -> {
                if (!helloDone) {
                    error(request.id(), ErrorCode.HELLO_REQUIRED, "send hello first");
                } else {
                    handleAfterHello(request);
                }
            }
        }
    }

    private void handleAfterHello(ClientMessage request) {
        switch (request) {
            case Register r -> authenticate(r.id(),
                    () -> services.accounts().register(r.username(), r.password(), r.avatar(), peerAddress));
            case Login l -> authenticate(l.id(), () -> services.accounts().login(l.username(), l.password(), peerAddress));
            case Resume r -> authenticate(r.id(), () -> services.accounts().resume(r.token(), peerAddress));
            default -> {
                Identity me = identity;
                if (me == null) {
                    error(request.id(), authInFlight ? ErrorCode.BUSY : ErrorCode.NOT_AUTHENTICATED,
                            authInFlight ? "wait for the login to finish" : "log in first");
                } else {
                    handleLoggedIn(request, me);
                }
            }
        }
    }

    private void handleLoggedIn(ClientMessage request, Identity me) {
        switch (request) {
            case Send s -> onSend(s, me);
            case RosterRequest r -> {
                RosterSnapshot roster = services.presence().roster();
                send(new Roster(r.id(), roster.users(), roster.count()));
            }
            case HistoryRequest h -> runBlocking(h.id(), () -> sendHistoryPage(h, me));
            case ConversationsRequest c -> blocking(c.id(),
                    () -> new ConversationList(c.id(), services.chat().conversations(me.userId())));
            case ClearHistory c -> blocking(c.id(), () -> {
                services.chat().clearHistory(c.conversation(), me.userId());
                return new Ok(c.id());
            });
            case SetAvatar a -> blocking(a.id(), () -> {
                services.avatars().set(me.userId(), a.image());
                return new Ok(a.id());
            });
            case GetAvatar g -> blocking(g.id(), () -> avatarReply(g));
            case Logout l -> onLogout(l, me);
            default -> throw new IllegalStateException("unhandled request " + request.getClass().getSimpleName());
        }
    }

    private void onHello(Hello hello) {
        if (hello.protocol() != Protocol.VERSION) {
            log.info("Connection {} from {} speaks protocol {} ({})", linkId, peer, hello.protocol(), hello.client());
            send(ServerMessage.Error.of(hello.id(), ErrorCode.UNSUPPORTED_VERSION, "this appliance speaks protocol "
                    + Protocol.VERSION + ", the client " + hello.protocol() + "; update the client or the appliance"));
            closeAfterFlush();
            return;
        }
        helloDone = true;
        Welcome w = services.welcome();
        send(new Welcome(hello.id(), w.protocol(), w.applianceName(), w.applianceVersion(), w.limits(), w.stickers()));
    }

    private void authenticate(String requestId, Supplier<Authenticated> work) {
        if (identity != null) {
            error(requestId, ErrorCode.ALREADY_AUTHENTICATED, "already logged in; log out first");
            return;
        }
        if (authInFlight) {
            error(requestId, ErrorCode.BUSY, "a login is already in progress on this connection");
            return;
        }
        authInFlight = true;
        Executor lane = channel.eventLoop();
        boolean started = runBlocking(requestId, () -> {
            try {
                Authenticated done = work.get();
                lane.execute(() -> onAuthenticated(requestId, done));
            } catch (RuntimeException e) {
                lane.execute(this::onAuthenticationFailed);
                throw e;
            }
        });
        if (!started) {
            authInFlight = false;
        }
    }

    private void onAuthenticationFailed() {
        authInFlight = false;
        if (loginTimer != null && loginTimer.isDone()) {
            startLoginTimer(); // the timeout passed while this attempt ran: give the next one a fresh limit
        }
    }

    private void onAuthenticated(String requestId, Authenticated who) {
        authInFlight = false;
        if (!channel.isActive() || closing) {
            return;
        }
        identity = new Identity(who.userId(), who.username(), who.token());
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        send(new SessionStarted(requestId, who.username(), who.token(), who.tokenExpiresAt()));
        held = new ArrayList<>();
        services.registry().add(this);
        channel.writeAndFlush(Unpooled.wrappedBuffer(services.rosterFrame().current()), channel.voidPromise());
        log.info("Connection {} from {} logged in as {}", linkId, peer, who.username());
        long userId = who.userId();
        runBackground(() -> handOverPending(userId));
    }

    /** Runs on a worker: fetches messages that arrived while the user was offline. */
    private void handOverPending(long userId) {
        List<StoredMessage> pending;
        try {
            pending = services.messages().pendingFor(userId, MAX_PENDING_AT_LOGIN);
        } catch (StoreUnavailableException e) {
            log.warn("Connection {}: could not fetch offline messages ({}); they stay pending", linkId, e.getMessage());
            pending = List.of();
        }
        List<Long> ids = new ArrayList<>(pending.size());
        List<byte[]> frames = new ArrayList<>(pending.size());
        for (StoredMessage m : pending) {
            ids.add(m.id());
            frames.add(services.codec().encodeFrame(services.views().view(m, userId)));
        }
        channel.eventLoop().execute(() -> {
            boolean delivered = finishCatchUp(userId, ids, frames);
            if (delivered && !ids.isEmpty()) {
                runBackground(() -> services.messages().deletePending(userId, ids));
            }
        });
    }

    private boolean finishCatchUp(long userId, List<Long> ids, List<byte[]> frames) {
        Identity me = identity;
        if (held == null || me == null || me.userId() != userId) {
            return false; // logged out or closed meanwhile: leave them pending
        }
        Set<Long> written = new HashSet<>(ids);
        for (byte[] frame : frames) {
            channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
        }
        List<Held> live = held;
        held = null;
        if (!ids.isEmpty()) {
            handedOver = written;
            handedOverMax = ids.stream().mapToLong(Long::longValue).max().orElse(-1);
        }
        for (Held h : live) {
            if (written.contains(h.messageId())) {
                h.frame().release();
            } else {
                channel.write(h.frame(), channel.voidPromise());
            }
        }
        channel.flush();
        if (!ids.isEmpty()) {
            log.info("Connection {}: delivered {} messages that arrived while {} was offline", linkId, ids.size(), me.username());
        }
        return true;
    }

    private void onSend(Send send, Identity me) {
        try {
            var prepared = services.chat().prepareSend(send, me.userId(), linkId, false);
            if (prepared.isPresent()) {
                append(send, me, prepared.get());
            } else {
                // The recipient is not in the in-memory directory: look them up off the I/O thread.
                runBlocking(send.id(), () -> append(send, me,
                        services.chat().prepareSend(send, me.userId(), linkId, true).orElseThrow()));
            }
        } catch (Refused e) {
            error(send.id(), e.code(), e.getMessage());
        }
    }

    private void append(Send send, Identity me, MessageLog.Append append) {
        services.messageLog().append(append).whenComplete((accepted, failure) -> {
            if (failure != null) {
                fail(send.id(), failure);
                return;
            }
            StoredMessage m = accepted.message();
            send(new Ack(send.id(), send.clientMsgId(), m.id(),
                    services.views().conversationFor(m.conversation(), me.userId()), m.seq(), m.sentAt(),
                    accepted.duplicate()));
        });
    }

    /**
     * Builds one history page and writes it, holding one of the appliance's page permits until the page
     * has gone to the socket, not merely been queued: a crowd catching up at once (after a restart, or
     * stalled readers coming back) then holds a few pages in memory rather than one per client. Each
     * connection has one page on its way at a time, so one client cannot take every permit; one that asks
     * for pages and then stops reading is cut off as a slow consumer when its page has not gone out within
     * the idle timeout (the longest the appliance waits on a client for anything), and its permit returns
     * at once rather than after the TLS close.
     */
    private void sendHistoryPage(HistoryRequest request, Identity me) {
        pageOnItsWay.acquireUninterruptibly();
        Semaphore permits = services.historyPages();
        permits.acquireUninterruptibly();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
                pageOnItsWay.release();
            }
        };
        if (!channel.isActive()) { // gone while it waited its turn: nobody to build the page for
            release.run();
            return;
        }
        ChannelFuture written;
        try {
            written = channel.writeAndFlush(Unpooled.wrappedBuffer(fittedFrame(services.chat().history(request, me.userId()))));
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
        long deadline = services.welcome().limits().idleTimeoutSeconds();
        ScheduledFuture<?> cutOff = channel.eventLoop().schedule(() -> {
            if (!written.isDone()) {
                if (!closing) {
                    log.info("Connection {} ({}) has not read a history page in {} s; disconnecting ({})", linkId,
                            username(), deadline, ErrorCode.SLOW_CONSUMER.wireName());
                    closing = true;
                    channel.close();
                }
                release.run();
            }
        }, deadline, TimeUnit.SECONDS);
        written.addListener(done -> {
            cutOff.cancel(false);
            release.run();
        });
    }

    /**
     * The page as one frame. A page of long messages can outgrow the frame limit (200 x 4000 CJK
     * characters is ~2.4 MB): it is cut short (§7.6) until it fits, nearest first, saying there is more.
     */
    private byte[] fittedFrame(HistoryPage page) {
        int budget = services.codec().limits().maxFrameBytes();
        HistoryPage fitted = page;
        byte[] body = services.codec().encodeBody(fitted);
        while (body.length > budget && fitted.messages().size() > 1) {
            fitted = new HistoryPage(fitted.id(), fitted.conversation(),
                    fitted.messages().subList(0, fitted.messages().size() / 2), true, fitted.clearedThrough());
            body = services.codec().encodeBody(fitted);
        }
        return Frames.frame(body, services.codec().limits()); // one message too long for any frame: frame_too_large
    }

    private Avatar avatarReply(GetAvatar request) {
        UserDirectory.Entry user = services.directory().byName(request.username()).orElseThrow(() ->
                new Refused(ErrorCode.UNKNOWN_RECIPIENT, "there is no user called '" + request.username() + "'"));
        UserAvatar avatar = services.avatars().of(user.id(), user.username());
        AvatarImage image = avatar.image();
        boolean unchanged = image.sha256().equals(request.ifNoneMatch());
        return new Avatar(request.id(), user.username(), image.sha256(), image.contentType(),
                unchanged ? null : image.png(), avatar.generated());
    }

    private void onLogout(Logout logout, Identity me) {
        blocking(logout.id(), () -> {
            services.accounts().logout(me.token());
            channel.eventLoop().execute(() -> {
                if (identity == me) {
                    services.registry().remove(this);
                    identity = null;
                    releaseHeld();
                    startLoginTimer(); // logged out is not logged in: the same limit applies again
                    log.info("Connection {}: {} logged out", linkId, me.username());
                }
            });
            return new Ok(logout.id());
        });
    }

    // ---------------------------------------------------------------- deliveries (ClientLink)

    @Override
    public long linkId() {
        return linkId;
    }

    @Override
    public long userId() {
        Identity me = identity;
        return me == null ? -1 : me.userId();
    }

    @Override
    public String username() {
        Identity me = identity;
        return me == null ? "" : me.username();
    }

    @Override
    public Executor lane() {
        return channel.eventLoop();
    }

    @Override
    public void deliver(long messageId, ByteBuf frame) {
        if (closing || !channel.isActive()) {
            frame.release();
            return;
        }
        if (held != null && messageId >= 0) {
            held.add(new Held(messageId, frame));
            return;
        }
        if (messageId >= 0 && handedOverMax >= 0) {
            if (messageId <= handedOverMax && handedOver.contains(messageId)) {
                frame.release(); // already handed over at login
                return;
            }
            if (messageId > handedOverMax) {
                handedOver = Set.of();
                handedOverMax = -1;
            }
        }
        channel.write(frame, channel.voidPromise());
        ChannelOutboundBuffer backlog = channel.unsafe().outboundBuffer();
        if (backlog == null) {
            return;
        }
        long queued = backlog.totalPendingWriteBytes();
        long bound = services.maxOutboundBytes();
        // Under memory pressure a connection an eighth of the way to its bound is already far behind the
        // ones that read (they hold a few frames); cutting it early keeps the memory for them.
        if (queued > bound || (queued > bound / 8 && DirectMemory.underPressure())) {
            log.info("Connection {} ({}) is not reading: {} bytes queued, more than {}{}; disconnecting ({})",
                    linkId, username(), queued, queued > bound ? bound : bound / 8,
                    queued > bound ? "" : " while direct memory is short", ErrorCode.SLOW_CONSUMER.wireName());
            closing = true;
            channel.close();
        }
    }

    @Override
    public void flush() {
        if (!closing) {
            channel.flush();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs blocking work on a virtual thread and sends its reply (or the error it throws). */
    private void blocking(String requestId, Supplier<? extends ServerMessage> work) {
        runBlocking(requestId, () -> send(work.get()));
    }

    /** @return false when the work was refused (too many in flight, or shutting down) */
    private boolean runBlocking(String requestId, Runnable work) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            error(requestId, ErrorCode.BUSY, "too many requests in progress on this connection", 1000L);
            return false;
        }
        try {
            services.workers().execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    fail(requestId, e);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            error(requestId, ErrorCode.SHUTTING_DOWN, "the appliance is shutting down");
            return false;
        }
    }

    private void runBackground(Runnable work) {
        try {
            services.workers().execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Connection {}: background work failed: {}", linkId, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Connection {}: shutting down, background work skipped", linkId);
        }
    }

    /** Turns any failure of a request into the error reply a client can act on. */
    private void fail(String requestId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        switch (cause) {
            case Refused e -> error(requestId, e.code(), e.getMessage(),
                    e.retryAfter() == null ? null : e.retryAfter().toMillis());
            case ProtocolException e -> error(requestId, e.code(), e.getMessage());
            case StoreUnavailableException e -> {
                log.warn("Connection {}: request {} failed, database unavailable: {}", linkId, requestId, e.getMessage());
                error(requestId, ErrorCode.STORE_UNAVAILABLE,
                        "the appliance cannot reach its database right now; nothing was saved, try again shortly", 2000L);
            }
            default -> {
                log.error("Connection {}: request {} failed unexpectedly", linkId, requestId, cause);
                error(requestId, ErrorCode.INTERNAL_ERROR, "the appliance failed to handle this request");
            }
        }
    }

    private void protocolError(ProtocolException e) {
        error(e.requestId(), e.code(), e.getMessage());
        if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
            bye(ErrorCode.TOO_MANY_ERRORS, consecutiveErrors + " invalid messages in a row");
        }
    }

    private void error(String requestId, ErrorCode code, String message) {
        error(requestId, code, message, null);
    }

    private void error(String requestId, ErrorCode code, String message, Long retryAfterMs) {
        send(new ServerMessage.Error(requestId, code, message, retryAfterMs));
    }

    /** Encodes and writes one reply; safe from any thread. */
    private void send(ServerMessage message) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(services.codec().encodeFrame(message)), channel.voidPromise());
        }
    }

    @Override
    public void bye(ErrorCode reason, String message) {
        log.info("Connection {} from {}: closing, {} ({})", linkId, peer, message, reason.wireName());
        send(new Bye(reason, message));
        closeAfterFlush();
    }

    private void closeAfterFlush() {
        closing = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void releaseHeld() {
        if (held != null) {
            held.forEach(h -> h.frame().release());
            held = null;
        }
        handedOver = Set.of();
        handedOverMax = -1;
    }
}
