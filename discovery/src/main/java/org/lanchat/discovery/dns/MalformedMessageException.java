package org.lanchat.discovery.dns;

/** A datagram that is not a well-formed DNS message; the message says where it went wrong. */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
