package org.lanchat.appliance.net;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lanchat.appliance.account.Accounts.Authenticated;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.SessionMessage.Ok;
import org.lanchat.protocol.message.SessionMessage.SessionStarted;
import org.lanchat.protocol.message.SessionMessage.Welcome;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.message.SessionRequest.Hello;
import org.lanchat.protocol.message.SessionRequest.Logout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's login state (PROTOCOL §4.1): waiting for {@code hello}; then for {@code register},
 * {@code login} or {@code resume}, one at a time; then logged in, until {@code logout} returns it to
 * the second state. A connection not logged in within the login timeout is closed, and so is one that
 * logs out and then does not log in again in time.
 *
 * <p>State changes on the connection's I/O thread only; {@link #identity()} may be read anywhere.
 */
final class Authentication {
    private static final Logger log = LoggerFactory.getLogger(Authentication.class);
    /**
     * Logged-in connections one account may hold at once. A few devices each keep one; without a limit, one token
     * resumed on thousands of connections (no password to check) took every descriptor the appliance had.
     */
    static final int MAX_CONNECTIONS_PER_ACCOUNT = 64;

    /** What happens to the rest of the session when the user logs in or out. Called on the I/O thread. */
    interface Listener {
        /** Whether the user may log in on one more connection ({@link #MAX_CONNECTIONS_PER_ACCOUNT}). */
        boolean hasRoomFor(long userId);

        /** Taken before an account is checked: see {@link org.lanchat.appliance.core.Revocations}. */
        long revocationsNow();

        /**
         * The user is logged in. If the administrator ended the account's sessions after {@code checkedAt}, the
         * listener ends this one too.
         */
        void loggedIn(Identity who, long checkedAt);

        /** The user logged out or the connection closed; {@link #identity()} is still {@code who} meanwhile. */
        void loggedOut(Identity who);
    }

    private final SignIn signIn;
    private final Connection connection;
    private final RequestRunner runner;
    private final Listener listener;
    private boolean helloDone;
    private boolean inFlight;
    private volatile Identity identity;
    private ScheduledFuture<?> loginTimer;

    Authentication(SignIn signIn, Connection connection, RequestRunner runner, Listener listener) {
        this.signIn = signIn;
        this.connection = connection;
        this.runner = runner;
        this.listener = listener;
    }

    /** Who the connection is logged in as, or null. */
    Identity identity() {
        return identity;
    }

    /** True once {@code hello} was answered: the connection left the CONNECTED state (§4.1). */
    boolean greeted() {
        return helloDone;
    }

    /** True while a register, login or resume is being checked: the client is owed a reply. */
    boolean inFlight() {
        return inFlight;
    }

    /** Starts the login timeout; call when the connection opens. */
    void start() {
        loginTimer = connection.channel().eventLoop().schedule(() -> {
            if (identity == null && !inFlight) {
                connection.bye(ErrorCode.LOGIN_TIMEOUT, "no login within " + signIn.loginTimeout().toSeconds() + " s");
            }
        }, signIn.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void hello(Hello hello) {
        if (hello.protocol() != Protocol.VERSION) {
            log.info("Connection {} from {} speaks protocol {} ({})", connection.id(), connection.peer(), hello.protocol(),
                    hello.client());
            connection.error(hello.id(), ErrorCode.UNSUPPORTED_VERSION, "this appliance speaks protocol "
                    + Protocol.VERSION + ", the client " + hello.protocol() + "; update the client or the appliance");
            connection.closeAfterFlush();
            return;
        }
        helloDone = true;
        Welcome w = signIn.welcome();
        connection.send(new Welcome(hello.id(), w.protocol(), w.applianceName(), w.applianceVersion(), w.limits(), w.stickers()));
    }

    void register(SessionRequest.Register r) {
        authenticate(r.id(), () -> signIn.accounts().register(r.username(), r.password(), r.avatar(),
                r.displayName(), connection.address()));
    }

    void login(SessionRequest.Login l) {
        authenticate(l.id(), () -> signIn.accounts().login(l.username(), l.password(), l.deviceCookie(), connection.address()));
    }

    void resume(SessionRequest.Resume r) {
        authenticate(r.id(), () -> signIn.accounts().resume(r.token(), connection.address()));
    }

    /**
     * Who may make {@code request}, a request that needs a login: the identity, or null after replying
     * with the error that says why not.
     */
    Identity admit(ClientMessage request) {
        Identity me = identity;
        if (!helloDone) {
            connection.error(request.id(), ErrorCode.HELLO_REQUIRED, "send hello first");
        } else if (me == null) {
            connection.error(request.id(), inFlight ? ErrorCode.BUSY : ErrorCode.NOT_AUTHENTICATED,
                    inFlight ? "wait for the login to finish" : "log in first");
        }
        return helloDone ? me : null;
    }

    void logout(Logout logout, Identity me) {
        runner.reply(logout.id(), () -> {
            signIn.accounts().logout(me.token());
            connection.lane().execute(() -> {
                if (identity == me) {
                    listener.loggedOut(me);
                    identity = null;
                    connection.peerPort(0); // noted with the credential; whoever logs in next here gave none
                    start(); // logged out is not logged in: the same limit applies again
                    log.info("Connection {}: {} logged out", connection.id(), me.username());
                }
            });
            return new Ok(logout.id());
        });
    }

    /** The connection closed: forgets the login. Returns who was logged in, or null. */
    Identity closed() {
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        Identity was = identity;
        if (was != null) {
            listener.loggedOut(was);
            identity = null;
        }
        return was;
    }

    private void authenticate(String requestId, Supplier<Authenticated> work) {
        if (!helloDone) {
            connection.error(requestId, ErrorCode.HELLO_REQUIRED, "send hello first");
            return;
        }
        if (identity != null) {
            connection.error(requestId, ErrorCode.ALREADY_AUTHENTICATED, "already logged in; log out first");
            return;
        }
        if (inFlight) {
            connection.error(requestId, ErrorCode.BUSY, "a login is already in progress on this connection");
            return;
        }
        inFlight = true;
        Executor lane = connection.lane();
        long checkedAt = listener.revocationsNow();
        boolean started = runner.run(requestId, () -> {
            try {
                Authenticated done = work.get();
                lane.execute(() -> succeeded(requestId, done, checkedAt));
            } catch (RuntimeException e) {
                lane.execute(this::failed);
                throw e;
            }
        });
        if (!started) {
            inFlight = false;
        }
    }

    private void failed() {
        inFlight = false;
        if (loginTimer != null && loginTimer.isDone()) {
            start(); // the timeout passed while this attempt ran: give the next one a fresh limit
        }
    }

    private void succeeded(String requestId, Authenticated who, long checkedAt) {
        inFlight = false;
        if (!connection.isOpen()) {
            return;
        }
        if (signIn.limited().test(connection.address()) && !listener.hasRoomFor(who.userId())) {
            failed();
            if (who.deviceCookie() != null) {
                // register and login made a token for this connection alone; resume's belongs to another login
                runner.background(() -> signIn.accounts().logout(who.token()));
            }
            connection.error(requestId, ErrorCode.RATE_LIMITED, "this account is logged in on "
                    + MAX_CONNECTIONS_PER_ACCOUNT + " connections, the most one account may; close one first",
                    ApplianceServer.CONNECTION_RETRY_AFTER.toMillis());
            return;
        }
        identity = new Identity(who.userId(), who.username(), who.token(), checkedAt);
        if (loginTimer != null) {
            loginTimer.cancel(false);
            loginTimer = null; // a held connection keeps no spent timer (64 bytes each; a logout starts a new one)
        }
        // The client may send the moment it reads this: it must already be in the relay by then, or a message
        // committed right after could pass it by. So it leaves only after the listener has registered it.
        connection.queue(new SessionStarted(requestId, who.username(), who.token(), who.tokenExpiresAt(), who.deviceCookie()));
        listener.loggedIn(identity, checkedAt);
        connection.flush();
        log.info("Connection {} from {} logged in as {}", connection.id(), connection.peer(), who.username());
    }
}
