package org.lanchat.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameDecoder;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.Frames;

/**
 * The frame decoder against arbitrary byte streams cut into arbitrary pieces. The oracle is a
 * deliberately naive decoder that sees the whole stream at once: the real one, fed piece by piece,
 * must produce exactly the same bodies and fail (if at all) with the same framing error at the same
 * frame — never another exception, never a body it did not announce, never a hang.
 *
 * <p>Input layout (so committed seeds stay readable): byte 0 picks the frame limit and how the stream
 * is cut, the rest is the stream. Runs as a regression test over
 * {@code src/test/resources/org/lanchat/protocol/fuzz/FrameDecoderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see docs/RELIABILITY.md).
 */
class FrameDecoderFuzzTest {
    private static final int[] LIMITS = {FrameLimits.MIN_MAX_FRAME_BYTES, 4096, 65_536, FrameLimits.DEFAULT_MAX_FRAME_BYTES};

    @FuzzTest(maxDuration = "5m")
    void anyStreamCutAnywhereDecodesLikeTheWholeStream(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xFF;
        FrameLimits limits = new FrameLimits(LIMITS[control & 3]);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);

        Outcome expected = naive(stream, limits);
        Outcome actual = pieceByPiece(stream, limits, control >>> 2);

        assertThat(actual.bodies).hasSameSizeAs(expected.bodies);
        for (int i = 0; i < expected.bodies.size(); i++) {
            assertThat(actual.bodies.get(i)).as("body %d", i).isEqualTo(expected.bodies.get(i));
            assertThat(actual.bodies.get(i).length).isBetween(1, limits.maxFrameBytes());
            // Every body re-frames to exactly the bytes it came from.
            assertThat(Frames.frame(actual.bodies.get(i), limits)).hasSize(actual.bodies.get(i).length + 4);
        }
        assertThat(actual.error).isEqualTo(expected.error);
    }

    private record Outcome(List<byte[]> bodies, ErrorCode error) {
    }

    /** Feeds the stream in pieces whose sizes follow a pattern chosen by the input, then ends it. */
    private static Outcome pieceByPiece(byte[] stream, FrameLimits limits, int pattern) {
        FrameDecoder decoder = new FrameDecoder(limits);
        List<byte[]> bodies = new ArrayList<>();
        int offset = 0;
        int step = 0;
        try {
            while (offset < stream.length) {
                int size = pieceSize(pattern, step++, stream.length - offset);
                decoder.feed(ByteBuffer.wrap(stream, offset, size), bodies::add);
                offset += size;
            }
            decoder.endOfStream();
            return new Outcome(bodies, null);
        } catch (ProtocolException e) {
            assertThat(e.code()).isIn(ErrorCode.FRAME_EMPTY, ErrorCode.FRAME_TOO_LARGE, ErrorCode.FRAME_TRUNCATED);
            assertThat(e.getMessage()).isNotBlank();
            if (e.code() != ErrorCode.FRAME_TRUNCATED) {
                // After a framing error the stream is out of step: the decoder must refuse more input.
                assertThatThrownBy(() -> decoder.feed(new byte[] {1}, bodies::add)).isInstanceOf(IllegalStateException.class);
            }
            return new Outcome(bodies, e.code());
        }
    }

    private static int pieceSize(int pattern, int step, int left) {
        int size = switch (pattern & 7) {
            case 0 -> left;                              // everything at once
            case 1 -> 1;                                 // a byte at a time (slowloris)
            case 2 -> 1 + (step % 7);                    // small irregular pieces
            case 3 -> step % 2 == 0 ? 3 : 5;             // pieces that straddle the 4-byte header
            case 4 -> 4096;                              // typical socket reads
            case 5 -> 1 + (step * 31 + (pattern >>> 3)) % 97;
            case 6 -> 2;
            default -> 1 + (pattern >>> 3) * 13 % 1500;  // one odd size, e.g. a TLS record
        };
        return Math.max(1, Math.min(size, left));
    }

    /** The obviously-correct reference: walk the whole stream with absolute offsets. */
    private static Outcome naive(byte[] stream, FrameLimits limits) {
        List<byte[]> bodies = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            if (stream.length - at < 4) {
                return new Outcome(bodies, ErrorCode.FRAME_TRUNCATED);
            }
            long length = ByteBuffer.wrap(stream, at, 4).getInt() & 0xFFFFFFFFL;
            if (length == 0) {
                return new Outcome(bodies, ErrorCode.FRAME_EMPTY);
            }
            if (length > limits.maxFrameBytes()) {
                return new Outcome(bodies, ErrorCode.FRAME_TOO_LARGE);
            }
            if (stream.length - at - 4 < length) {
                return new Outcome(bodies, ErrorCode.FRAME_TRUNCATED);
            }
            bodies.add(Arrays.copyOfRange(stream, at + 4, at + 4 + (int) length));
            at += 4 + (int) length;
        }
        return new Outcome(bodies, null);
    }
}
