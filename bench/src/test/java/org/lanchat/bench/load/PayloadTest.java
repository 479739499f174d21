package org.lanchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {
    @Test
    void textCarriesItsFieldsAndHasTheRequestedSize() {
        byte[] text = Payload.text(123_456, 42, 3, true, 987_654_321_012L, 100);

        assertThat(text).hasSize(100);
        ByteBuf inFrame = Unpooled.copiedBuffer("{\"type\":\"message\",\"text\":\"" + new String(text, StandardCharsets.US_ASCII) + "\"}",
                StandardCharsets.US_ASCII);
        Payload.Fields f = new Payload.Fields();
        assertThat(Payload.parse(inFrame, 0, inFrame.writerIndex(), f)).isTrue();
        assertThat(f.message).isEqualTo(123_456);
        assertThat(f.sender).isEqualTo(42);
        assertThat(f.step).isEqualTo(3);
        assertThat(f.measured).isTrue();
        assertThat(f.intendedNanos).isEqualTo(987_654_321_012L);
    }

    @Test
    void aBodyWithoutTheMarkerIsNotABenchmarkMessage() {
        ByteBuf body = Unpooled.copiedBuffer("{\"type\":\"message\",\"text\":\"hello\"}", StandardCharsets.US_ASCII);

        assertThat(Payload.parse(body, 0, body.writerIndex(), new Payload.Fields())).isFalse();
    }

    @Test
    void theRequestIdFormOfTheNumbersEndsAtAQuote() {
        ByteBuf id = Unpooled.copiedBuffer("7.1.0.0.55\",", StandardCharsets.US_ASCII);
        Payload.Fields f = new Payload.Fields();

        assertThat(Payload.parseNumbers(id, 0, id.writerIndex(), f)).isTrue();
        assertThat(f.message).isEqualTo(7);
        assertThat(f.intendedNanos).isEqualTo(55);
        assertThat(f.measured).isFalse();
    }
}
