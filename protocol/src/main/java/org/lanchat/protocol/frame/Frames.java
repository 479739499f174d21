package org.lanchat.protocol.frame;

import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/** Builds frames: the length prefix followed by the body. */
public final class Frames {
    private Frames() {
    }

    /** Bytes of the length prefix at the start of every frame. */
    public static final int PREFIX_BYTES = FrameDecoder.HEADER_BYTES;

    /** Prefixes {@code body} with its length. */
    public static byte[] frame(byte[] body, FrameLimits limits) {
        byte[] framed = new byte[PREFIX_BYTES + body.length];
        System.arraycopy(body, 0, framed, PREFIX_BYTES, body.length);
        return withLength(framed, limits);
    }

    /**
     * Makes {@code framed} a frame: its first {@link #PREFIX_BYTES} bytes were left for the prefix and the rest is
     * the body, whose length they now hold. For a body written straight after the gap, saving a copy.
     */
    public static byte[] withLength(byte[] framed, FrameLimits limits) {
        int bodyLength = framed.length - PREFIX_BYTES;
        if (bodyLength <= 0) {
            throw new ProtocolException(ErrorCode.FRAME_EMPTY, "refusing to send an empty frame");
        }
        if (bodyLength > limits.maxFrameBytes()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "frame of " + bodyLength + " bytes exceeds the maximum of " + limits.maxFrameBytes());
        }
        framed[0] = (byte) (bodyLength >>> 24);
        framed[1] = (byte) (bodyLength >>> 16);
        framed[2] = (byte) (bodyLength >>> 8);
        framed[3] = (byte) bodyLength;
        return framed;
    }
}
