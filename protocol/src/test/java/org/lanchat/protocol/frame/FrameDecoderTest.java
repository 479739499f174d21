package org.lanchat.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/** Bytes in, frame bodies out: fragmentation, bad lengths and truncation, without sockets. */
class FrameDecoderTest {
    private final FrameLimits limits = new FrameLimits(1024);
    private final FrameDecoder decoder = new FrameDecoder(limits);
    private final List<String> bodies = new ArrayList<>();

    private void feed(byte[] bytes) {
        decoder.feed(bytes, body -> bodies.add(new String(body, StandardCharsets.UTF_8)));
    }

    private static byte[] frame(String body) {
        return Frames.frame(body.getBytes(StandardCharsets.UTF_8), FrameLimits.DEFAULT);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    @Test
    void aWholeFrameYieldsItsBody() {
        feed(frame("{\"type\":\"ping\",\"id\":\"1\"}"));
        assertThat(bodies).containsExactly("{\"type\":\"ping\",\"id\":\"1\"}");
        assertThat(decoder.isMidFrame()).isFalse();
    }

    @Test
    void framesSplitAtEveryPossibleByteBoundaryDecodeTheSame() {
        byte[] stream = concat(frame("{\"a\":1}"), frame("{\"bb\":22}"), frame("{\"ccc\":333}"));
        for (int cut = 0; cut <= stream.length; cut++) {
            FrameDecoder fresh = new FrameDecoder(limits);
            List<String> out = new ArrayList<>();
            fresh.feed(Arrays.copyOfRange(stream, 0, cut), b -> out.add(new String(b, StandardCharsets.UTF_8)));
            fresh.feed(Arrays.copyOfRange(stream, cut, stream.length), b -> out.add(new String(b, StandardCharsets.UTF_8)));
            assertThat(out).as("split at byte %d", cut).containsExactly("{\"a\":1}", "{\"bb\":22}", "{\"ccc\":333}");
        }
    }

    @Test
    void aLimitChangedFromTheSinkAppliesToTheNextFrameOfTheSameRead() {
        // A welcome announcing 4 KiB, then a 2 KiB frame, arriving in one read: the second fits only the new limit.
        String big = "{\"x\":\"" + "y".repeat(2048) + "\"}";
        byte[] stream = concat(frame("{\"welcome\":4096}"), frame(big));
        FrameDecoder adopting = new FrameDecoder(new FrameLimits(1024));
        List<String> out = new ArrayList<>();
        adopting.feed(stream, body -> {
            out.add(new String(body, StandardCharsets.UTF_8));
            adopting.limits(new FrameLimits(4096));
        });
        assertThat(out).containsExactly("{\"welcome\":4096}", big);
    }

    @Test
    void aLoweredLimitRefusesTheNextLargerFrame() {
        byte[] stream = concat(frame("{\"welcome\":1024}"), frame("{\"x\":\"" + "y".repeat(1100) + "\"}"));
        FrameDecoder adopting = new FrameDecoder(new FrameLimits(4096));
        assertThatThrownBy(() -> adopting.feed(stream, body -> adopting.limits(new FrameLimits(1024))))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    }

    @Test
    void oneByteAtATimeStillDecodes() {
        for (byte b : concat(frame("{\"x\":\"y\"}"), frame("{}"))) {
            feed(new byte[] {b});
        }
        assertThat(bodies).containsExactly("{\"x\":\"y\"}", "{}");
    }

    @Test
    void aLengthAboveTheMaximumIsRefusedAsSoonAsTheHeaderArrives() {
        // 0x7FFFFFFF announced, nothing else sent: refused without waiting for (or allocating) the body.
        assertThatThrownBy(() -> feed(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE))
                .hasMessageContaining("2147483647").hasMessageContaining("1024");
    }

    @Test
    void aLengthWithTheTopBitSetIsTooLargeNotNegative() {
        assertThatThrownBy(() -> feed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("4294967294");
    }

    @Test
    void theMaximumItselfIsAllowed() {
        byte[] body = new byte[1024];
        Arrays.fill(body, (byte) ' ');
        feed(Frames.frame(body, limits));
        assertThat(bodies).hasSize(1);
    }

    @Test
    void aZeroLengthIsRefused() {
        assertThatThrownBy(() -> feed(new byte[] {0, 0, 0, 0}))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_EMPTY));
    }

    @Test
    void afterAnErrorTheDecoderRefusesMoreInput() {
        assertThatThrownBy(() -> feed(new byte[] {0, 0, 0, 0})).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> feed(frame("{}"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStreamEndingInsideAFrameIsTruncation() {
        byte[] whole = frame("{\"type\":\"ping\"}");
        feed(Arrays.copyOf(whole, 7));
        assertThat(decoder.isMidFrame()).isTrue();
        assertThatThrownBy(decoder::endOfStream)
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TRUNCATED))
                .hasMessageContaining("3 of 15 bytes");
    }

    @Test
    void theStreamEndingInsideTheLengthPrefixIsTruncation() {
        feed(new byte[] {0, 0});
        assertThatThrownBy(decoder::endOfStream).hasMessageContaining("length prefix (2 of 4 bytes)");
    }

    @Test
    void theStreamEndingBetweenFramesIsClean() {
        feed(frame("{}"));
        decoder.endOfStream();
        assertThat(bodies).containsExactly("{}");
    }

    @Test
    void frameReaderReturnsBodiesThenEmptyAtCleanEnd() throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(concat(frame("{\"n\":1}"), frame("{\"n\":2}"))), limits);
        assertThat(reader.next().map(String::new)).contains("{\"n\":1}");
        assertThat(reader.next().map(String::new)).contains("{\"n\":2}");
        assertThat(reader.next()).isEqualTo(Optional.empty());
    }

    @Test
    void frameReaderReportsATruncatedStream() {
        byte[] whole = frame("{\"n\":1}");
        FrameReader reader = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 1)), limits);
        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class).hasMessageContaining("stream ended inside");
    }

    @Test
    void framesRefuseToBuildAnEmptyOrOversizedFrame() {
        assertThatThrownBy(() -> Frames.frame(new byte[0], limits)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Frames.frame(new byte[1025], limits)).isInstanceOf(ProtocolException.class);
        assertThat(Frames.frame(new byte[] {'{', '}'}, limits)).containsExactly(0, 0, 0, 2, '{', '}');
    }

    @Test
    void limitsOutsideTheSaneRangeAreRejectedWithTheRange() {
        assertThatThrownBy(() -> new FrameLimits(10)).hasMessageContaining("between 1024");
    }

    @Test
    void aBodyWhoseGrowthIsRefusedStopsWhereItIsAndResumesWithTheBytesLeftOver() {
        FrameDecoder big = new FrameDecoder(FrameLimits.DEFAULT);
        String body = "{\"type\":\"ping\",\"id\":\"" + "x".repeat(20_000) + "\"}";
        byte[] whole = frame(body);
        List<Integer> asked = new ArrayList<>();
        FrameMemory upTo8K = (held, wanted) -> {
            asked.add(wanted);
            return wanted <= 8192;
        };

        // Arriving 4 KiB at a time, as reads do: the body grows to 4096, then 8192, and the third read is refused.
        ByteBuffer in = null;
        boolean consumed = true;
        for (int at = 0; consumed && at < whole.length; at += 4096) {
            in = ByteBuffer.wrap(whole, at, Math.min(4096, whole.length - at));
            consumed = big.feed(in, b -> bodies.add(new String(b, StandardCharsets.UTF_8)), upTo8K);
        }

        assertThat(consumed).isFalse();
        assertThat(asked).containsExactly(4096, 8192, 16384);
        assertThat(big.heldBytes()).as("what was granted, no more").isEqualTo(8192);
        assertThat(in.remaining()).as("the refused read is left whole, for later").isEqualTo(4096);
        assertThat(bodies).isEmpty();

        ByteBuffer rest = ByteBuffer.wrap(whole, 8192, whole.length - 8192);
        assertThat(big.feed(rest, b -> bodies.add(new String(b, StandardCharsets.UTF_8)), (held, wanted) -> true)).isTrue();
        assertThat(bodies).containsExactly(body);
        assertThat(big.heldBytes()).as("nothing held between frames").isZero();
    }
}
