package org.lanchat.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;
import java.util.Set;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;

/**
 * The JSON decoder against arbitrary bodies, in both directions (the appliance decodes requests, a
 * client decodes replies). Whatever the bytes, decoding either yields a message or throws a
 * {@link ProtocolException} with a body-level code (§3 of docs/PROTOCOL.md) — nothing else escapes, and
 * an echoed request id obeys the id rules. A body that decodes survives a round trip: encoding it and
 * decoding again gives the same encoding.
 *
 * <p>Regression inputs live in {@code src/test/resources/org/lanchat/protocol/fuzz/MessageCodecFuzzTestInputs/<method>/}.
 */
class MessageCodecFuzzTest {
    /** Small limit so the fuzzer also reaches the string- and document-length limits. */
    private static final MessageCodec CODEC = new MessageCodec(new FrameLimits(FrameLimits.MIN_MAX_FRAME_BYTES * 4));
    private static final Set<ErrorCode> BODY_ERRORS = EnumSet.of(ErrorCode.INVALID_UTF8, ErrorCode.INVALID_JSON,
            ErrorCode.UNKNOWN_TYPE, ErrorCode.MISSING_FIELD, ErrorCode.WRONG_TYPE, ErrorCode.INVALID_FIELD);

    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "protocol.dict")
    void anyRequestBodyDecodesOrIsRefusedWithABodyError(byte[] body) {
        ClientMessage decoded;
        try {
            decoded = CODEC.decodeClient(body);
        } catch (ProtocolException e) {
            checkRefusal(e);
            return;
        }
        assertThat(decoded.id()).isNotEmpty().hasSizeLessThanOrEqualTo(64);
        byte[] once = CODEC.encodeBody(decoded);
        byte[] twice = CODEC.encodeBody(CODEC.decodeClient(once));
        assertThat(twice).as("round trip of %s", decoded).isEqualTo(once);
    }

    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "protocol.dict")
    void anyReplyBodyDecodesOrIsRefusedWithABodyError(byte[] body) {
        ServerMessage decoded;
        try {
            decoded = CODEC.decodeServer(body);
        } catch (ProtocolException e) {
            checkRefusal(e);
            return;
        }
        assertThat(decoded).isNotNull();
        CODEC.encodeBody(decoded);
    }

    private static void checkRefusal(ProtocolException e) {
        assertThat(e.code()).as(e.getMessage()).isIn(BODY_ERRORS);
        assertThat(e.getMessage()).isNotBlank();
        String id = e.requestId();
        if (id != null) {
            assertThat(id.length()).isBetween(1, 64);
        }
    }
}
