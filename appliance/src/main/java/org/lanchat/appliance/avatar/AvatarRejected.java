package org.lanchat.appliance.avatar;

import org.lanchat.protocol.ErrorCode;

/** An uploaded image was refused; the message says why in words a user can act on. */
public final class AvatarRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    AvatarRejected(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
