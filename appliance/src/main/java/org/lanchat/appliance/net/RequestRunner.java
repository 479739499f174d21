package org.lanchat.appliance.net;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a connection's blocking work (password hashing, database) on the worker threads, so its I/O
 * thread never waits. At most {@link #MAX_IN_FLIGHT} requests run at once per connection (PROTOCOL
 * §4.2); more are answered {@code busy}. A request that throws gets the error reply of
 * {@link ErrorReplies}.
 */
final class RequestRunner {
    private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);
    /** Requests doing blocking work at once, per connection. */
    static final int MAX_IN_FLIGHT = 32;
    /** How long a client should wait after {@code busy} for too many requests in flight. */
    static final long BUSY_RETRY_AFTER_MS = 1000;

    private final Connection connection;
    private final Executor workers;
    private final AtomicInteger inFlight = new AtomicInteger();

    RequestRunner(Connection connection, Executor workers) {
        this.connection = connection;
        this.workers = workers;
    }

    /** Runs {@code work}, which answers the request itself, and sends the error reply if it throws. */
    boolean run(String requestId, Runnable work) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            connection.error(requestId, ErrorCode.BUSY, "too many requests in progress on this connection", BUSY_RETRY_AFTER_MS);
            return false;
        }
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    connection.send(ErrorReplies.of(requestId, e, connection.id()));
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            connection.error(requestId, ErrorCode.SHUTTING_DOWN, "the appliance is shutting down");
            return false;
        }
    }

    /** Runs {@code work} and sends the reply it returns (or the error it throws). */
    void reply(String requestId, Supplier<? extends ServerMessage> work) {
        run(requestId, () -> connection.send(work.get()));
    }

    /** Runs work nobody waits for an answer to; a failure is only logged. */
    void background(Runnable work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (StoreUnavailableException e) {
                    // The database's health logs the fault once per change, not once per connection.
                    log.debug("Connection {}: background work failed: {}", connection.id(), e.getMessage());
                } catch (RuntimeException e) {
                    log.warn("Connection {}: background work failed: {}", connection.id(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Connection {}: shutting down, background work skipped", connection.id());
        }
    }

    /** True when no request of this connection is waiting for blocking work: the client is not owed a reply. */
    boolean idle() {
        return inFlight.get() == 0;
    }
}
