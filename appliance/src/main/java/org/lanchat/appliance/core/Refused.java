package org.lanchat.appliance.core;

import java.time.Duration;
import org.lanchat.protocol.ErrorCode;

/**
 * A request the appliance will not carry out, for a reason the user can act on: the services throw it,
 * the session turns it into an {@code error} reply with the same code and message. The message must be
 * safe to show to the user who asked (it never names another account or leaks internals).
 */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final Duration retryAfter;

    public Refused(ErrorCode code, String message) {
        this(code, message, null);
    }

    public Refused(ErrorCode code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** How long the client should wait before trying again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
