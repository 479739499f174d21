package org.lanchat.client.core;

import java.util.Objects;

/**
 * The client refused input before sending it (empty, too long, not an emoji): {@link #problem()} says which, with
 * its numbers, for a UI to put in its own words; the message is English for developers.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient ClientProblem problem;

    public InvalidInputException(ClientProblem.Kind kind, String detail, Object... arguments) {
        super(detail);
        this.problem = ClientProblem.of(Objects.requireNonNull(kind, "kind"), detail, arguments);
    }

    public ClientProblem problem() {
        return problem;
    }
}
