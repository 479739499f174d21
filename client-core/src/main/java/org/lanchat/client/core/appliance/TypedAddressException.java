package org.lanchat.client.core.appliance;

import java.util.Objects;

/**
 * A typed appliance address that cannot be used: {@link #reason()} and {@link #typed()} say why, for a UI to word
 * (see {@code ClientProblem}); the message is English for developers.
 */
public final class TypedAddressException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a typed address cannot be used. */
    public enum Reason {
        /** Nothing was typed. */
        MISSING,
        /** Not host[:port]. */
        NOT_AN_ADDRESS,
        /** The host name does not resolve; {@link #typed()} is the host. */
        UNKNOWN_HOST
    }

    private final Reason reason;
    private final String typed;

    public TypedAddressException(Reason reason, String typed, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.typed = Objects.requireNonNull(typed, "typed");
    }

    public Reason reason() {
        return reason;
    }

    /** What was typed (for {@link Reason#UNKNOWN_HOST}, its host name). */
    public String typed() {
        return typed;
    }
}
