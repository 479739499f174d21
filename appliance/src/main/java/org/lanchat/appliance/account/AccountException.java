package org.lanchat.appliance.account;

import java.time.Duration;
import org.lanchat.protocol.ErrorCode;

/** A register, login or resume was refused; the message is safe to show the user. */
public final class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final Duration retryAfter;

    public AccountException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public AccountException(ErrorCode code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** Set for {@code rate_limited} and {@code busy}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
