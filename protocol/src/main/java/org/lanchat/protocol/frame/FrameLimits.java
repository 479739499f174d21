package org.lanchat.protocol.frame;

/**
 * The largest frame body either side accepts.
 *
 * @param maxFrameBytes upper bound of the announced body length, inclusive; at least 1 KiB
 */
public record FrameLimits(int maxFrameBytes) {
    /** 1 MiB: room for an avatar upload (512 KiB, base64-encoded) plus its envelope. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    public static final int MIN_MAX_FRAME_BYTES = 1024;
    /** The length prefix is unsigned 32-bit, but Java arrays stop just short of 2 GiB. */
    public static final int MAX_MAX_FRAME_BYTES = Integer.MAX_VALUE - 8;

    public static final FrameLimits DEFAULT = new FrameLimits(DEFAULT_MAX_FRAME_BYTES);

    public FrameLimits {
        if (maxFrameBytes < MIN_MAX_FRAME_BYTES || maxFrameBytes > MAX_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be between " + MIN_MAX_FRAME_BYTES
                    + " and " + MAX_MAX_FRAME_BYTES + ", got " + maxFrameBytes);
        }
    }
}
