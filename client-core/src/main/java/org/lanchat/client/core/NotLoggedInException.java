package org.lanchat.client.core;

/** Sending was asked for before a login; a UI says so in its own words ({@link ClientProblem.Kind#NOT_LOGGED_IN}). */
public final class NotLoggedInException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotLoggedInException() {
        super("log in before sending");
    }
}
