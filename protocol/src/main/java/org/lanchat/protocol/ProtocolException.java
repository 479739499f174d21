package org.lanchat.protocol;

/**
 * Untrusted input broke a rule of the protocol. Thrown only at the trust boundary (frame reading,
 * decoding, record construction); the message is safe to send back to the peer.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String requestId;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String requestId) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the request that failed, when it could be read; {@code null} otherwise. */
    public String requestId() {
        return requestId;
    }

    public ProtocolException withRequestId(String id) {
        return new ProtocolException(code, getMessage(), id);
    }
}
