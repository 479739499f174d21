package org.lanchat.appliance.chat;

import org.lanchat.protocol.ErrorCode;

/** A chat request was refused; the message is safe to show the user. */
public final class ChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
