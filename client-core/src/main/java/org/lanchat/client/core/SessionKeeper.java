package org.lanchat.client.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.lanchat.client.core.ClientEvent.EndReason;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.lanchat.protocol.message.SessionMessage.Welcome;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.message.Usernames;

/**
 * The session and the status the user sees: logging in (by password, registration or resume token), and
 * coming back after a lost connection — reconnecting with backoff and resuming with the token — until the user
 * logs out or the appliance refuses for good (PROTOCOL.md §7.12). Confined to the client's loop.
 */
final class SessionKeeper {

    /** What the rest of the client does when a session starts or ends. Called on the loop. */
    interface Observer {
        /** Logged in or resumed; {@code newUser} when it is another user than the last session's. */
        void sessionStarted(Session session, boolean newUser);

        /** The connection is gone; the session comes back by itself if it can. */
        void connectionLost();

        /** The session is over and will not come back by itself. */
        void sessionEnded(EndReason reason, String message);
    }

    private final Link link;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final ClientListener events;
    private final Observer observer;
    private final DeviceCookies cookies;
    private ConnectionStatus status = ConnectionStatus.OFFLINE;
    private volatile Session session;
    /**
     * The user of the last session, kept across a lost connection so that messages typed while reconnecting
     * are queued as theirs. Written on the loop, read on the caller's thread.
     */
    private volatile String lastUser;
    private String token;
    /** Logged in and meant to stay so: a lost connection is re-established. */
    private boolean wantOnline;
    private boolean closed;
    private int reconnectAttempt;
    private Future<?> reconnect;

    SessionKeeper(Link link, Scheduler scheduler, Backoff backoff, ClientListener events, Observer observer,
                  DeviceCookies cookies) {
        this.link = link;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.events = events;
        this.observer = observer;
        this.cookies = cookies;
    }

    /**
     * Logs in with the password, presenting the device cookie kept for this account on the appliance the
     * connection reached (PROTOCOL.md §7.11). On the loop.
     */
    CompletableFuture<Session> login(String username, String password) {
        return authenticate(id -> new SessionRequest.Login(id, username, password,
                link.appliance().flatMap(appliance -> cookies.cookieFor(appliance, username)).orElse(null)));
    }

    /** Connects if needed and sends the login, registration or resume {@code build} makes. On the loop. */
    CompletableFuture<Session> authenticate(Function<String, ClientMessage> build) {
        cancelReconnect();
        status(ConnectionStatus.CONNECTING, "Connecting…", Optional.empty());
        return link.connect()
                .thenCompose(w -> link.request(build, SessionMessage.SessionStarted.class))
                .thenApply(started -> begin(started, false))
                .whenComplete((s, failure) -> {
                    if (failure != null && status != ConnectionStatus.ONLINE) {
                        status(ConnectionStatus.OFFLINE, Failures.describe(failure), Optional.empty(),
                                Optional.of(ClientProblem.of(failure)));
                    }
                });
    }

    /** Logs out (revoking the token) if logged in, and disconnects. On the loop. */
    CompletableFuture<Void> logout() {
        CompletableFuture<Void> done = link.isOpen() && session != null
                ? link.request(SessionRequest.Logout::new, SessionMessage.Ok.class).thenAccept(ok -> { })
                : CompletableFuture.completedFuture(null);
        return done.handle((ok, failure) -> {
            end(EndReason.LOGGED_OUT, "Logged out.", Optional.empty());
            token = null;
            link.disconnect();
            return null;
        });
    }

    /** The connection was lost: come back if the session should, else say so. On the loop. */
    void lost(String why, Optional<Bye> bye) {
        observer.connectionLost();
        Optional<EndReason> loginOver = bye.flatMap(SessionKeeper::loginOver);
        if (wantOnline && !closed && loginOver.isPresent()) {
            end(loginOver.get(), bye.get().message(), Optional.empty());
        } else if (wantOnline && !closed) {
            scheduleReconnect(why, Optional.empty(), ClientProblem.of(ClientProblem.Kind.CONNECTION_LOST, why));
        } else if (status != ConnectionStatus.OFFLINE && status != ConnectionStatus.CONNECTING) {
            status(ConnectionStatus.OFFLINE, why, Optional.empty(),
                    Optional.of(ClientProblem.of(ClientProblem.Kind.CONNECTION_LOST, why)));
        }
    }

    /** Skips the rest of the backoff, if a reconnect is waiting. On the loop. */
    void reconnectNow() {
        if (reconnect == null || reconnect.isDone() || !wantOnline || closed) {
            return;
        }
        cancelReconnect();
        status(ConnectionStatus.RECONNECTING, "Reconnecting now…", Optional.empty());
        reconnect();
    }

    Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** Who messages are queued as: the session's user, or the last one's while reconnecting. Any thread. */
    Optional<String> user() {
        Session current = session;
        return Optional.ofNullable(current != null ? current.username() : lastUser);
    }

    /** Logged in on an open connection: requests can go out. */
    boolean online() {
        return status == ConnectionStatus.ONLINE && link.isOpen();
    }

    void close() {
        closed = true;
        wantOnline = false;
        cancelReconnect();
    }

    private Session begin(SessionMessage.SessionStarted started, boolean resumed) {
        boolean newUser = lastUser != null && !Usernames.key(lastUser).equals(Usernames.key(started.username()));
        Welcome welcome = link.welcome().orElseThrow(() -> new IllegalStateException("logged in without a welcome"));
        lastUser = started.username();
        token = started.token();
        if (started.deviceCookie() != null) {
            link.appliance().ifPresent(appliance -> cookies.remember(appliance, started.username(), started.deviceCookie()));
        }
        Session current = new Session(started.username(), welcome.applianceName(), welcome.applianceVersion(),
                welcome.limits(), welcome.stickers(),
                new ResumeToken(started.token(), Instant.ofEpochMilli(started.tokenExpiresAt())));
        session = current;
        wantOnline = true;
        reconnectAttempt = 0;
        status(ConnectionStatus.ONLINE, "Connected to " + welcome.applianceName(), Optional.empty());
        events.onEvent(new ClientEvent.SessionStarted(current, resumed));
        link.keepAlive(welcome.limits().idleTimeoutSeconds());
        observer.sessionStarted(current, newUser);
        return current;
    }

    private void scheduleReconnect(String why, Optional<Duration> hint, ClientProblem problem) {
        if (reconnect != null && !reconnect.isDone()) {
            return;
        }
        Duration delay = hint.orElseGet(() -> backoff.delay(reconnectAttempt));
        reconnectAttempt++;
        String detail = capitalise(why) + ". Reconnecting in " + seconds(delay) + "…";
        status(ConnectionStatus.RECONNECTING, detail, Optional.of(delay), Optional.of(problem));
        reconnect = scheduler.after(delay, this::reconnect);
    }

    private void reconnect() {
        reconnect = null;
        if (!wantOnline || closed || token == null) {
            return;
        }
        String resumeToken = token;
        link.connect()
                .thenCompose(w -> link.request(id -> new SessionRequest.Resume(id, resumeToken), SessionMessage.SessionStarted.class))
                .whenComplete((started, failure) -> {
                    if (failure == null) {
                        begin(started, true);
                        return;
                    }
                    Throwable cause = Failures.unwrap(failure);
                    Optional<EndReason> permanent = permanentFailure(cause);
                    if (permanent.isPresent()) {
                        end(permanent.get(), Failures.describe(cause), Optional.of(ClientProblem.of(cause)));
                        link.disconnect();
                        return;
                    }
                    Optional<Duration> hint = cause instanceof ChatException chat ? chat.retryAfter() : Optional.empty();
                    scheduleReconnect(Failures.describe(cause), hint, ClientProblem.of(cause));
                    if (!(cause instanceof ChatException)) {
                        link.disconnect();
                    }
                });
    }

    /**
     * A {@code bye} that ends the login, not only the connection (PROTOCOL.md §8): an administrator disabled
     * the account, or reset its password and so ended its saved sessions. Resuming could only be refused with
     * the same code.
     */
    private static Optional<EndReason> loginOver(Bye bye) {
        return switch (bye.reason()) {
            case ACCOUNT_DISABLED -> Optional.of(EndReason.ACCOUNT_DISABLED);
            case TOKEN_INVALID -> Optional.of(EndReason.TOKEN_INVALID);
            default -> Optional.empty();
        };
    }

    private static Optional<EndReason> permanentFailure(Throwable cause) {
        if (cause instanceof CertificateMismatchException) {
            return Optional.of(EndReason.CERTIFICATE_CHANGED);
        }
        if (cause instanceof ChatException chat) {
            return switch (chat.code()) {
                case TOKEN_INVALID -> Optional.of(EndReason.TOKEN_INVALID);
                case ACCOUNT_DISABLED -> Optional.of(EndReason.ACCOUNT_DISABLED);
                case UNSUPPORTED_VERSION -> Optional.of(EndReason.UNSUPPORTED_VERSION);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private void end(EndReason reason, String message, Optional<ClientProblem> problem) {
        wantOnline = false;
        cancelReconnect();
        link.stopKeepAlive();
        session = null;
        if (reason == EndReason.TOKEN_INVALID) {
            token = null;
        }
        status(ConnectionStatus.OFFLINE, message, Optional.empty(), problem);
        events.onEvent(new ClientEvent.SessionEnded(reason, message, problem));
        observer.sessionEnded(reason, message);
    }

    private void cancelReconnect() {
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    private void status(ConnectionStatus newStatus, String detail, Optional<Duration> retryIn) {
        status(newStatus, detail, retryIn, Optional.empty());
    }

    private void status(ConnectionStatus newStatus, String detail, Optional<Duration> retryIn, Optional<ClientProblem> problem) {
        status = newStatus;
        events.onEvent(new ClientEvent.StatusChanged(newStatus, detail, retryIn, problem));
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String seconds(Duration delay) {
        long ms = delay.toMillis();
        return ms < 1000 ? ms + " ms" : (ms + 500) / 1000 + " s";
    }
}
