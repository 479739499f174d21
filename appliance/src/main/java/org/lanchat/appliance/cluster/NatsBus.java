package org.lanchat.appliance.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's connection to the NATS bus, through jnats.
 *
 * <p>What we rely on from NATS: nothing for correctness. Core NATS delivers at most once, in publish order per
 * publisher, and nothing while a member is disconnected; the cluster treats every event as a shortcut that the
 * database or the next heartbeat makes good. So jnats is set never to hold events for later: no reconnect buffer
 * (a message committed during an outage reaches the other members from the database, not minutes late from a
 * buffer) and a full outgoing queue drops instead of blocking the relay thread.
 */
final class NatsBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NatsBus.class);
    /** How long the first connection may take before the appliance refuses to start. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** What the bus is doing now, for status. */
    enum State { CONNECTED, RECONNECTING, CLOSED }

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final AtomicLong publishFailures = new AtomicLong();
    private volatile State state = State.CONNECTED;

    private NatsBus(Connection connection, Dispatcher dispatcher) {
        this.connection = connection;
        this.dispatcher = dispatcher;
    }

    /**
     * Connects, failing with a message that names the servers when none answers or the credentials are refused.
     *
     * @param onReconnect runs (on a jnats thread) each time the connection is back after a loss
     */
    static NatsBus connect(ClusterSettings settings, String connectionName, Runnable onReconnect) throws IOException {
        NatsBus[] self = new NatsBus[1];
        Options.Builder options = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionName(connectionName)
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofSeconds(1))
                .reconnectBufferSize(0)
                .discardMessagesWhenOutgoingQueueFull()
                .noEcho()
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        log.warn("NATS bus: {}", error);
                    }

                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        log.debug("NATS bus: {}", exp.toString());
                    }
                })
                .connectionListener((conn, event) -> {
                    NatsBus bus = self[0];
                    switch (event) {
                        case DISCONNECTED -> {
                            if (bus != null && bus.state != State.CLOSED) {
                                bus.state = State.RECONNECTING;
                                log.warn("Lost the NATS bus; reconnecting. Messages from other members now arrive from the"
                                        + " database, within about a second");
                            }
                        }
                        case RECONNECTED, RESUBSCRIBED -> {
                            if (bus != null && bus.state == State.RECONNECTING) {
                                bus.state = State.CONNECTED;
                                log.info("NATS bus back ({})", conn.getConnectedUrl());
                                onReconnect.run();
                            }
                        }
                        case CLOSED -> {
                            if (bus != null) {
                                bus.state = State.CLOSED;
                            }
                        }
                        default -> {
                        }
                    }
                });
        settings.credentials().applyTo(options);
        Connection connection;
        try {
            connection = Nats.connect(options.build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to the NATS bus", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot join the cluster: no NATS server at " + String.join(", ", settings.servers())
                    + " accepted this member (" + describe(e) + ")", e);
        }
        self[0] = new NatsBus(connection, connection.createDispatcher());
        log.info("Connected to the NATS bus at {}", connection.getConnectedUrl());
        return self[0];
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    void subscribe(String subject, Consumer<byte[]> handler) {
        dispatcher.subscribe(subject, message -> handler.accept(message.getData()));
    }

    /** Publishes without waiting; a failure is counted and logged once in a while, never thrown. */
    void publish(String subject, byte[] data) {
        try {
            connection.publish(subject, data);
        } catch (RuntimeException e) {
            long failures = publishFailures.incrementAndGet();
            if (Long.bitCount(failures) == 1) { // 1, 2, 4, 8, ...: visible without flooding the log
                log.warn("Could not publish to the NATS bus ({} times so far): {}", failures, e.getMessage());
            }
        }
    }

    State state() {
        return state;
    }

    String connectedUrl() {
        String url = connection.getConnectedUrl();
        return url == null ? "none" : url;
    }

    long publishFailures() {
        return publishFailures.get();
    }

    @Override
    public void close() {
        state = State.CLOSED;
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
