package org.lanchat.client.core;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.lanchat.client.core.net.Connection;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.client.core.net.Connector;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.lanchat.protocol.message.SessionMessage.Welcome;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PresentedIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's connection to the appliance, one at a time: opening it (the blocking connect and TLS handshake
 * on a virtual thread), {@code hello}, requests matched to replies, a ping when the client has been quiet,
 * and word when the connection is lost. It knows nothing of logins; {@link SessionKeeper} decides what a loss
 * means. Confined to the client's loop.
 */
final class Link implements Requests {
    private static final Logger log = LoggerFactory.getLogger(Link.class);

    /** Hears that the connection ended without {@link #disconnect()}: lost, or closed by the appliance. */
    @FunctionalInterface
    interface LossListener {
        /** @param bye what the appliance said before closing, when it did */
        void onLost(String why, Optional<Bye> bye);
    }

    private final Connector connector;
    private final ClientOptions options;
    private final CoreLoop loop;
    private final Consumer<ServerMessage> events;
    private final LossListener loss;
    private final ExecutorService io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lanchat-connect").factory());
    private Connection connection;
    private CompletableFuture<Welcome> connecting;
    private Welcome welcome;
    /** The certificate the open connection's appliance presented; empty on plain TCP. */
    private Optional<CertificateFingerprint> appliance = Optional.empty();
    private Bye lastBye;
    private Future<?> ping;
    private boolean closed;

    /** @param events what the appliance sends unasked, and replies nobody waits for any more */
    Link(Connector connector, ClientOptions options, CoreLoop loop, Consumer<ServerMessage> events, LossListener loss) {
        this.connector = connector;
        this.options = options;
        this.loop = loop;
        this.events = events;
        this.loss = loss;
    }

    /** The open connection's welcome, connecting and saying hello first if there is none. */
    CompletableFuture<Welcome> connect() {
        if (connection != null && connection.isOpen() && welcome != null) {
            return CompletableFuture.completedFuture(welcome);
        }
        if (connecting != null && !connecting.isDone()) {
            return connecting;
        }
        disconnect();
        CompletableFuture<Welcome> attempt = CompletableFuture
                .supplyAsync(this::open, io)
                .thenApplyAsync(this::adopt, loop)
                .thenCompose(opened -> request(id -> new SessionRequest.Hello(id, Protocol.VERSION, options.clientName()),
                        Welcome.class))
                .thenApply(w -> {
                    welcome = w;
                    return w;
                });
        connecting = loop.confine(attempt);
        return connecting;
    }

    /** What the appliance said in {@code hello}'s reply, while connected. */
    Optional<Welcome> welcome() {
        return Optional.ofNullable(welcome);
    }

    /**
     * Which appliance the open connection reaches, by the certificate it presented (the one this computer
     * pinned): what device cookies are kept under. Empty when not connected, or connected without TLS.
     */
    Optional<CertificateFingerprint> appliance() {
        return connection == null ? Optional.empty() : appliance;
    }

    boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    @Override
    public <T extends ServerMessage> CompletableFuture<T> request(Function<String, ClientMessage> build, Class<T> expected) {
        if (connection == null) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("not connected to the appliance"));
        }
        return loop.confine(connection.request(build)).thenApply(reply -> {
            if (reply instanceof SessionMessage.Error error) {
                throw new CompletionException(new ChatException(error.code(), error.message(),
                        Optional.ofNullable(error.retryAfterMs()).map(Duration::ofMillis)));
            }
            if (!expected.isInstance(reply)) {
                throw new CompletionException(new IOException("the appliance answered " + reply.getClass().getSimpleName()
                        + " where " + expected.getSimpleName() + " was expected"));
            }
            return expected.cast(reply);
        });
    }

    /**
     * Pings every third of the appliance's idle timeout: anything sent resets its idle timer, so a ping only
     * matters when the client has been quiet. A ping unanswered within one period counts as a lost connection.
     */
    void keepAlive(int idleTimeoutSeconds) {
        stopKeepAlive();
        Duration every = Duration.ofMillis(Math.max(1, idleTimeoutSeconds * 1000L / 3));
        ping = loop.every(every, () -> {
            Connection current = connection;
            if (current == null) {
                return;
            }
            request(SessionRequest.Ping::new, SessionMessage.Pong.class)
                    .orTimeout(every.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> {
                        if (Failures.unwrap(failure) instanceof TimeoutException && current.isOpen()) {
                            current.abort(new IOException("the appliance did not answer a ping within " + every.toMillis() + " ms"));
                        }
                        return null;
                    });
        });
    }

    void stopKeepAlive() {
        if (ping != null) {
            ping.cancel(false);
            ping = null;
        }
    }

    /** Closes the connection on purpose: pending requests fail, and no loss is reported. */
    void disconnect() {
        Connection current = connection;
        connection = null;
        welcome = null;
        stopKeepAlive();
        if (current != null) {
            current.close();
        }
    }

    /** For good: a connection still being opened is closed as soon as it is. */
    void close() {
        closed = true;
        disconnect();
        io.shutdownNow();
    }

    private Socket open() {
        try {
            return connector.open();
        } catch (IOException | CertificateMismatchException e) {
            throw new CompletionException(e);
        }
    }

    private Connection adopt(Socket socket) {
        if (closed) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            throw new CompletionException(new ConnectionClosedException("the client is closed"));
        }
        try {
            lastBye = null;
            appliance = presented(socket);
            connection = Connection.start(socket, loop, new Handler(), options.requestTimeout());
            return connection;
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static Optional<CertificateFingerprint> presented(Socket socket) {
        if (!(socket instanceof SSLSocket tls)) {
            return Optional.empty();
        }
        try {
            // The handshake is done (the connector checked the pin), so this reads what it kept.
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return Optional.of(PresentedIdentity.of(Arrays.copyOf(chain, chain.length, X509Certificate[].class)));
        } catch (SSLPeerUnverifiedException | CertificateException | ArrayStoreException e) {
            return Optional.empty();
        }
    }

    private void lost(Optional<Throwable> cause) {
        connection = null;
        welcome = null;
        stopKeepAlive();
        Optional<Bye> bye = Optional.ofNullable(lastBye);
        String why = bye.map(b -> "the appliance closed the connection (" + b.reason().wireName() + ")")
                .orElseGet(() -> cause.map(c -> "connection lost (" + c.getMessage() + ")").orElse("connection closed"));
        loss.onLost(why, bye);
    }

    /** Hears its own connection only: one replaced or closed on purpose says nothing any more. */
    private final class Handler implements Connection.Handler {
        @Override
        public void onMessage(Connection from, ServerMessage message) {
            if (from != connection) {
                return;
            }
            if (message instanceof Bye bye) {
                log.info("The appliance is closing the connection: {} ({})", bye.reason().wireName(), bye.message());
                lastBye = bye;
            }
            events.accept(message);
        }

        @Override
        public void onClosed(Connection from, Optional<Throwable> cause) {
            if (from == connection) {
                lost(cause);
            }
        }
    }
}
