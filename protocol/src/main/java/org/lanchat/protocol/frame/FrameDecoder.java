package org.lanchat.protocol.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Turns an arbitrarily fragmented byte stream into whole frame bodies. Not thread-safe: one per
 * connection, fed by the thread that reads it.
 *
 * <p>After it throws, the stream is out of step and the decoder refuses further input; the caller
 * reports the error and closes the connection.
 */
public final class FrameDecoder {
    static final int HEADER_BYTES = 4;
    /** First allocation for a body; it doubles as bytes arrive, never beyond the announced length. */
    private static final int INITIAL_BODY_CAPACITY = 4096;
    private static final byte[] EMPTY = new byte[0];

    private FrameLimits limits;
    private final byte[] header = new byte[HEADER_BYTES];
    private int headerFilled;
    private int bodyLength = -1;
    private byte[] body;
    private int bodyFilled;
    private boolean failed;

    public FrameDecoder(FrameLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks every frame from the next length prefix on against {@code newLimits}; call it on the thread that
     * feeds the decoder. Called from the sink, it applies to the very next frame even when that frame came in
     * the same read: a client adopts the maximum the appliance announces in {@code welcome} exactly at the
     * frame that follows it.
     */
    public void limits(FrameLimits newLimits) {
        this.limits = Objects.requireNonNull(newLimits, "newLimits");
    }

    /**
     * Consumes every remaining byte of {@code in}, handing each completed body to {@code sink} in order.
     *
     * @throws ProtocolException {@link ErrorCode#FRAME_EMPTY} or {@link ErrorCode#FRAME_TOO_LARGE}
     */
    public void feed(ByteBuffer in, Consumer<byte[]> sink) {
        feed(in, sink, (held, wanted) -> true);
    }

    /**
     * As {@link #feed(ByteBuffer, Consumer)}, but asks {@code memory} before holding more bytes of a partly received
     * body, and stops when it refuses: then {@code in} keeps the bytes not consumed, to be fed again later.
     *
     * @return whether every byte of {@code in} was consumed
     */
    public boolean feed(ByteBuffer in, Consumer<byte[]> sink, FrameMemory memory) {
        if (failed) {
            throw new IllegalStateException("decoder already failed; the connection must be closed");
        }
        while (in.hasRemaining()) {
            if (bodyLength < 0) {
                int take = Math.min(HEADER_BYTES - headerFilled, in.remaining());
                in.get(header, headerFilled, take);
                headerFilled += take;
                if (headerFilled < HEADER_BYTES) {
                    return true;
                }
                startBody(announcedLength());
            } else {
                int take = Math.min(bodyLength - bodyFilled, in.remaining());
                if (!ensureCapacity(bodyFilled + take, memory)) {
                    return false;
                }
                in.get(body, bodyFilled, take);
                bodyFilled += take;
            }
            if (bodyLength >= 0 && bodyFilled == bodyLength) {
                byte[] complete = body.length == bodyLength ? body : Arrays.copyOf(body, bodyLength);
                resetForNextFrame();
                sink.accept(complete);
            }
        }
        return true;
    }

    /** The bytes this decoder holds for a partly received body: what a {@link FrameMemory} granted, 0 between frames. */
    public int heldBytes() {
        return body == null ? 0 : body.length;
    }

    /** Convenience for tests and small inputs. */
    public void feed(byte[] bytes, Consumer<byte[]> sink) {
        feed(ByteBuffer.wrap(bytes), sink);
    }

    /** True while part of a frame (header or body) has been read but not all of it. */
    public boolean isMidFrame() {
        return headerFilled > 0 || bodyLength >= 0;
    }

    /**
     * Tells the decoder the peer closed the stream.
     *
     * @throws ProtocolException {@link ErrorCode#FRAME_TRUNCATED} if the stream ended inside a frame
     */
    public void endOfStream() {
        if (isMidFrame()) {
            String what = bodyLength < 0
                    ? "the length prefix (" + headerFilled + " of 4 bytes)"
                    : "a frame body (" + bodyFilled + " of " + bodyLength + " bytes)";
            failed = true;
            throw new ProtocolException(ErrorCode.FRAME_TRUNCATED, "stream ended inside " + what);
        }
    }

    private long announcedLength() {
        return ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFFL) << 16) | ((header[2] & 0xFFL) << 8)
                | (header[3] & 0xFFL);
    }

    private void startBody(long announced) {
        if (announced == 0) {
            failed = true;
            throw new ProtocolException(ErrorCode.FRAME_EMPTY, "frame length is zero; every frame carries a JSON body");
        }
        if (announced > limits.maxFrameBytes()) {
            failed = true;
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "frame length " + announced + " exceeds the maximum of " + limits.maxFrameBytes() + " bytes");
        }
        bodyLength = (int) announced;
        body = EMPTY;
        bodyFilled = 0;
    }

    /** Grows the body to hold {@code needed} bytes, if {@code memory} grants it. */
    private boolean ensureCapacity(int needed, FrameMemory memory) {
        if (needed > body.length) {
            int grown = (int) Math.min(bodyLength, Math.max(Math.max(needed, INITIAL_BODY_CAPACITY), 2L * body.length));
            if (!memory.mayHold(body.length, grown)) {
                return false;
            }
            body = Arrays.copyOf(body, grown);
        }
        return true;
    }

    private void resetForNextFrame() {
        headerFilled = 0;
        bodyLength = -1;
        body = null;
        bodyFilled = 0;
    }
}
