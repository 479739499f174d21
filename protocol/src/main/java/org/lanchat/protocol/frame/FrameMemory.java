package org.lanchat.protocol.frame;

/**
 * Asked by a {@link FrameDecoder} before it holds more bytes of a frame that has not fully arrived: a server with
 * many connections bounds what partly received frames hold together, since each one alone may be as large as
 * {@code maxFrameBytes}.
 */
@FunctionalInterface
public interface FrameMemory {
    /**
     * Whether the decoder may grow what it holds for the current frame from {@code held} to {@code wanted} bytes.
     * Granting is a promise the caller accounts for; refusing makes the decoder stop where it is.
     */
    boolean mayHold(int held, int wanted);
}
