package org.lanchat.client.core;

import java.time.Duration;
import java.util.Optional;
import org.lanchat.protocol.ErrorCode;

/**
 * The appliance refused a request; {@link #getMessage()} is its explanation. Whether trying again later may
 * help is {@code code().retryable()}.
 */
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
}
