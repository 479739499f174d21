package org.lanchat.protocol.frame;

import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/** Builds frames: the length prefix followed by the body. */
public final class Frames {
    private Frames() {
    }

    /** Prefixes {@code body} with its length. */
    public static byte[] frame(byte[] body, FrameLimits limits) {
        if (body.length == 0) {
            throw new ProtocolException(ErrorCode.FRAME_EMPTY, "refusing to send an empty frame");
        }
        if (body.length > limits.maxFrameBytes()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "frame of " + body.length + " bytes exceeds the maximum of " + limits.maxFrameBytes());
        }
        byte[] framed = new byte[FrameDecoder.HEADER_BYTES + body.length];
        framed[0] = (byte) (body.length >>> 24);
        framed[1] = (byte) (body.length >>> 16);
        framed[2] = (byte) (body.length >>> 8);
        framed[3] = (byte) body.length;
        System.arraycopy(body, 0, framed, FrameDecoder.HEADER_BYTES, body.length);
        return framed;
    }
}
