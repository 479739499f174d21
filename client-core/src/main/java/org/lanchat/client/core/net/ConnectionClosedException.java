package org.lanchat.client.core.net;

import java.io.IOException;

/** The connection ended before a request was answered. */
public final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
