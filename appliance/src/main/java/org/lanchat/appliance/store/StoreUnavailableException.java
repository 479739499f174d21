package org.lanchat.appliance.store;

/** The database could not complete an operation (unreachable, timed out, or refused). */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
