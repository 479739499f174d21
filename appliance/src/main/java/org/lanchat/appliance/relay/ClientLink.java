package org.lanchat.appliance.relay;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.lanchat.protocol.ErrorCode;

/**
 * A logged-in connection as the relay sees it. {@link #deliver} and {@link #flush} are called only on
 * {@link #lane()}, the connection's I/O thread, so implementations need no locking.
 */
public interface ClientLink {
    long linkId();

    long userId();

    String username();

    /** The single thread that owns this connection. */
    Executor lane();

    /**
     * Queues one encoded frame without flushing; takes ownership of {@code frame} (releases it).
     *
     * @param messageId the chat message it carries, or -1 for other events
     */
    void deliver(long messageId, ByteBuf frame);

    /** Writes out what {@link #deliver} queued. */
    void flush();

    /** Where this connection's client takes peer links, if it said so; read from any thread. */
    default Optional<PeerEndpoint> peerEndpoint() {
        return Optional.empty();
    }

    /** Sends a {@code bye} with this reason and closes the connection once it is written. Call on {@link #lane()}. */
    void bye(ErrorCode reason, String message);
}
