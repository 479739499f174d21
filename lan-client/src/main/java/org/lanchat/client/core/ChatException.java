package org.lanchat.client.core;

import java.time.Duration;
import java.util.Optional;
import org.lanchat.protocol.ErrorCode;

/** The appliance refused a request; {@link #getMessage()} is its explanation. */
public final class ChatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Optional<Duration> retryAfter;

    public ChatException(ErrorCode code, String message, Optional<Duration> retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** How long to wait before trying again, when the appliance said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Worth retrying unchanged later (the appliance was busy or stopping), as opposed to refused for good. */
    public boolean transientFailure() {
        return switch (code) {
            case BUSY, STORE_UNAVAILABLE, SHUTTING_DOWN, RATE_LIMITED, INTERNAL_ERROR -> true;
            default -> false;
        };
    }
}
