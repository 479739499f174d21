package org.lanchat.appliance.net;

import java.util.concurrent.CompletionException;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.SessionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the failure of a request into the {@code error} reply a client can act on (PROTOCOL §8): a
 * refusal keeps its code, message and retry delay, an unreachable database is {@code store_unavailable}
 * (nothing was saved, retry shortly), anything else is {@code internal_error} without internals.
 */
final class ErrorReplies {
    private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);
    /** How long a client should wait before retrying after {@code store_unavailable}. */
    static final long STORE_RETRY_AFTER_MS = 2000;

    private ErrorReplies() {
    }

    /** The reply to request {@code requestId} of connection {@code connectionId} that failed with {@code failure}. */
    static SessionMessage.Error of(String requestId, Throwable failure, long connectionId) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case Refused e -> new SessionMessage.Error(requestId, e.code(), e.getMessage(),
                    e.retryAfter() == null ? null : e.retryAfter().toMillis());
            case ProtocolException e -> new SessionMessage.Error(requestId, e.code(), e.getMessage(), null);
            case StoreUnavailableException e -> {
                // At debug: the database's health logs the fault once per change, not once per request.
                log.debug("Connection {}: request {} failed, database unavailable: {}", connectionId, requestId, e.getMessage());
                yield new SessionMessage.Error(requestId, ErrorCode.STORE_UNAVAILABLE,
                        "the appliance cannot reach its database right now; nothing was saved, try again shortly",
                        STORE_RETRY_AFTER_MS);
            }
            default -> {
                log.error("Connection {}: request {} failed unexpectedly", connectionId, requestId, cause);
                yield new SessionMessage.Error(requestId, ErrorCode.INTERNAL_ERROR, "the appliance failed to handle this request", null);
            }
        };
    }
}
