package org.lanchat.client.core.net;

import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;

/**
 * Codecs by frame limit. A codec is thread-safe but costly to build (a JSON mapper), and a JVM running many
 * clients against one appliance sees one or two limits only: the default, shared, and the last one announced.
 */
final class Codecs {
    private static final MessageCodec DEFAULT = new MessageCodec(FrameLimits.DEFAULT);
    private static volatile MessageCodec lastAnnounced = DEFAULT;

    private Codecs() {
    }

    static MessageCodec forLimit(int maxFrameBytes) {
        if (maxFrameBytes == FrameLimits.DEFAULT_MAX_FRAME_BYTES) {
            return DEFAULT;
        }
        MessageCodec last = lastAnnounced;
        if (last.limits().maxFrameBytes() == maxFrameBytes) {
            return last;
        }
        MessageCodec built = new MessageCodec(new FrameLimits(maxFrameBytes));
        lastAnnounced = built;
        return built;
    }

    /**
     * The codec for the limit an appliance announced in {@code welcome}: this value comes from the peer, so a
     * value no frame limit can take ends the connection with a reason rather than an internal error.
     */
    static MessageCodec announced(int maxFrameBytes) {
        if (maxFrameBytes < FrameLimits.MIN_MAX_FRAME_BYTES || maxFrameBytes > FrameLimits.MAX_MAX_FRAME_BYTES) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "the appliance announced maxFrameBytes " + maxFrameBytes
                    + ", outside " + FrameLimits.MIN_MAX_FRAME_BYTES + " to " + FrameLimits.MAX_MAX_FRAME_BYTES);
        }
        return forLimit(maxFrameBytes);
    }
}
