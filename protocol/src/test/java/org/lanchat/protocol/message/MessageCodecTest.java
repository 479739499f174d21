package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.SessionRequest.Hello;

/** JSON bodies in, message records out (and back), with every malformed-body case the spec names. */
class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ClientMessage decode(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ProtocolException failure(Runnable decode) {
        try {
            decode.run();
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("expected a ProtocolException");
    }

    @Test
    void decodesAHello() {
        assertThat(decode("{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1,\"client\":\"LAN Chat desktop\"}"))
                .isEqualTo(new Hello("1", 1, "LAN Chat desktop"));
    }

    @Test
    void decodesASendWithEmojiAsTheyAre() {
        ClientMessage m = decode("{\"type\":\"send\",\"id\":\"7\",\"clientMsgId\":\"c-1\",\"conversation\":\"@bob\",\"text\":\"hi \uD83D\uDC4B\"}");
        assertThat(m).isEqualTo(new Send("7", "c-1", Conversation.with("bob"), "hi \uD83D\uDC4B", null));
    }

    @Test
    void binaryFieldsTravelAsBase64() {
        ClientMessage m = decode("{\"type\":\"set_avatar\",\"id\":\"a\",\"image\":\"iVBORw0K\"}");
        assertThat(((ProfileRequest.SetAvatar) m).image()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void unknownMembersAreIgnoredSoNewerClientsCanAddOptionalFields() {
        assertThat(decode("{\"type\":\"ping\",\"id\":\"1\",\"priority\":\"high\",\"extra\":{\"a\":[1,2]}}"))
                .isEqualTo(new SessionRequest.Ping("1"));
    }

    @Test
    void everyServerMessageSurvivesARoundTrip() {
        List<ServerMessage> samples = List.of(
                new SessionMessage.Welcome("1", 1, "LAN Chat on box", "0.1.0",
                        new SessionMessage.Limits(1 << 20, 4000, 524288, 128, 200, 90),
                        List.of(new SessionMessage.Sticker("smile", "\uD83D\uDE00", "Smile"))),
                new SessionMessage.SessionStarted("2", "alice", "tok", 1700000000000L, null),
                new SessionMessage.Ok("3"),
                new ConversationMessage.Ack("4", "c-1", 10, Conversation.GROUP, 5, 1700000000000L, false),
                new ChatMessage(10, Conversation.with("bob"), 5, "alice", "c-1", "hello", null, 1700000000000L),
                new ProfileMessage.Presence(List.of("bob"), List.of("carol"), 7),
                new ProfileMessage.Roster(null, List.of("alice", "bob"), 2),
                new ConversationMessage.HistoryPage("5", Conversation.GROUP,
                        List.of(new ChatMessage(1, Conversation.GROUP, 1, "bob", "x", null, "party", 5L)), true, 0),
                new ConversationMessage.ConversationList("6", List.of(new ConversationMessage.ConversationInfo(Conversation.with("bob"), 3, 1))),
                new SessionMessage.Pong("8"),
                new SessionMessage.Error("9", ErrorCode.RATE_LIMITED, "slow down", 2000L),
                new SessionMessage.Bye(ErrorCode.SHUTTING_DOWN, "bye"));
        for (ServerMessage m : samples) {
            assertThat(codec.decodeServer(codec.encodeBody(m))).as(m.getClass().getSimpleName()).isEqualTo(m);
        }
        ProfileMessage.Avatar avatar = new ProfileMessage.Avatar("7", "bob", "ab", "image/png", new byte[] {1, 2, 3}, false);
        ProfileMessage.Avatar back = (ProfileMessage.Avatar) codec.decodeServer(codec.encodeBody(avatar));
        assertThat(back.image()).containsExactly(1, 2, 3);
    }

    @Test
    void nullFieldsAreLeftOutOfTheJson() {
        String json = new String(codec.encodeBody(new SessionMessage.Error(null, ErrorCode.INVALID_JSON, "bad", null)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"type\":\"error\",\"code\":\"invalid_json\",\"message\":\"bad\"}");
    }

    @Test
    void aFrameIsTheLengthThenTheBody() {
        byte[] frame = codec.encodeFrame(new SessionRequest.Ping("1"));
        String body = "{\"type\":\"ping\",\"id\":\"1\"}";
        assertThat(frame).startsWith(0, 0, 0, body.length());
        assertThat(new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void aFrameOfMultiByteTextCountsBytesAndAFrameOverTheLimitIsRefusedWhole() {
        // Tried: text of two- and three-byte characters (the prefix counts UTF-8 bytes), then a body of 3,000
        // characters under a 2,048-byte limit.
        MessageCodec small = new MessageCodec(new FrameLimits(2048));
        ChatMessage message = new ChatMessage(7, Conversation.with("bob"), 3, "alice", "c-1", "h\u00e9llo \u4f60\u597d",
                null, 1_700_000_000_000L);
        byte[] body = small.encodeBody(message);
        byte[] frame = small.encodeFrame(message);
        assertThat(frame).startsWith(0, 0, (byte) (body.length >>> 8), (byte) body.length);
        assertThat(java.util.Arrays.copyOfRange(frame, 4, frame.length)).isEqualTo(body);
        ChatMessage tooLong = new ChatMessage(8, Conversation.with("bob"), 4, "alice", "c-2", "x".repeat(3000),
                null, 1_700_000_000_000L);
        assertThat(failure(() -> small.encodeFrame(tooLong)).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(small.encodeFrame(message)).isEqualTo(frame); // the pooled buffers came back clean
    }

    static Stream<Arguments> malformedBodies() {
        String deep = "{\"type\":\"ping\",\"id\":\"1\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
        return Stream.of(
                Arguments.of("not JSON at all", "hello there", ErrorCode.INVALID_JSON),
                Arguments.of("truncated JSON", "{\"type\":\"ping\",\"id\":", ErrorCode.INVALID_JSON),
                Arguments.of("two values", "{\"type\":\"ping\",\"id\":\"1\"} {}", ErrorCode.INVALID_JSON),
                Arguments.of("duplicate key", "{\"type\":\"ping\",\"id\":\"1\",\"id\":\"2\"}", ErrorCode.INVALID_JSON),
                Arguments.of("nesting 40 deep", deep, ErrorCode.INVALID_JSON),
                Arguments.of("an array, not an object", "[1,2,3]", ErrorCode.WRONG_TYPE),
                Arguments.of("a string, not an object", "\"ping\"", ErrorCode.WRONG_TYPE),
                Arguments.of("no type", "{\"id\":\"1\"}", ErrorCode.MISSING_FIELD),
                Arguments.of("unknown type", "{\"type\":\"launch_missiles\",\"id\":\"1\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("a server type sent by a client", "{\"type\":\"welcome\",\"id\":\"1\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("type of the wrong JSON type", "{\"type\":7,\"id\":\"1\"}", ErrorCode.UNKNOWN_TYPE),
                Arguments.of("missing id", "{\"type\":\"ping\"}", ErrorCode.MISSING_FIELD),
                Arguments.of("empty id", "{\"type\":\"ping\",\"id\":\"\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("id of 65 characters", "{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("id as a number", "{\"type\":\"ping\",\"id\":1}", ErrorCode.WRONG_TYPE),
                Arguments.of("protocol as a string", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":\"1\",\"client\":\"c\"}", ErrorCode.WRONG_TYPE),
                Arguments.of("protocol as a fraction", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1.5,\"client\":\"c\"}", ErrorCode.WRONG_TYPE),
                Arguments.of("protocol as an object", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":{},\"client\":\"c\"}", ErrorCode.WRONG_TYPE),
                Arguments.of("missing client", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1}", ErrorCode.MISSING_FIELD),
                Arguments.of("null client", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1,\"client\":null}", ErrorCode.MISSING_FIELD),
                Arguments.of("text as an array", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"group\",\"text\":[\"hi\"]}", ErrorCode.WRONG_TYPE),
                Arguments.of("bad conversation", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"#general\",\"text\":\"hi\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("conversation naming a path", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"@../../etc\",\"text\":\"hi\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("lone surrogate in text", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"group\",\"text\":\"\\ud800\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("control character in a name", "{\"type\":\"login\",\"id\":\"1\",\"username\":\"al\\u0007ice\",\"password\":\"p\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("NUL in a name", "{\"type\":\"login\",\"id\":\"1\",\"username\":\"alice\\u0000\",\"password\":\"p\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("newline in a name", "{\"type\":\"login\",\"id\":\"1\",\"username\":\"alice\\nadmin\",\"password\":\"p\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("raw control character inside a string", "{\"type\":\"ping\",\"id\":\"a\u0001b\"}", ErrorCode.INVALID_JSON),
                Arguments.of("invalid escape", "{\"type\":\"ping\",\"id\":\"a\\xb\"}", ErrorCode.INVALID_JSON),
                Arguments.of("byte-order mark first", "\uFEFF{\"type\":\"ping\",\"id\":\"1\"}", ErrorCode.INVALID_JSON),
                Arguments.of("invalid base64", "{\"type\":\"set_avatar\",\"id\":\"1\",\"image\":\"***\"}", ErrorCode.INVALID_FIELD),
                Arguments.of("both before and after", "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"before\":5,\"after\":1}", ErrorCode.INVALID_FIELD),
                Arguments.of("negative before", "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"before\":-5}", ErrorCode.INVALID_FIELD),
                Arguments.of("zero limit", "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"limit\":0}", ErrorCode.INVALID_FIELD),
                Arguments.of("number too long", "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"before\":" + "9".repeat(40) + "}", ErrorCode.INVALID_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodiesGetAStableErrorCode(String what, String json, ErrorCode expected) {
        ProtocolException e = failure(() -> decode(json));
        assertThat(e.code()).as(what + " -> " + e.getMessage()).isEqualTo(expected);
        assertThat(e.getMessage()).doesNotContain("org.lanchat").doesNotContain("java.lang");
    }

    @Test
    void aWholeNumberTooWideForItsFieldSaysItIsOutOfRangeNotOfTheWrongJsonType() {
        ProtocolException protocol = failure(() -> decode("{\"type\":\"hello\",\"id\":\"n5\",\"protocol\":2147483648,\"client\":\"c\"}"));
        ProtocolException before = failure(() -> decode(
                "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"before\":9223372036854775808}"));

        assertThat(protocol.code()).isEqualTo(ErrorCode.WRONG_TYPE);
        assertThat(protocol.getMessage()).isEqualTo("field 'protocol' is out of range: it must fit 32 signed bits");
        assertThat(before.code()).isEqualTo(ErrorCode.WRONG_TYPE);
        assertThat(before.getMessage()).isEqualTo("field 'before' is out of range: it must fit 64 signed bits");
    }

    @Test
    void invalidUtf8HasItsOwnCode() {
        byte[] body = "{\"type\":\"ping\",\"id\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length];
        System.arraycopy(body, 0, broken, 0, body.length);
        broken[body.length - 3] = 'A'; // the lead byte 0xC3 of \u00e9 now has no continuation byte
        assertThat(failure(() -> codec.decodeClient(broken)).code()).isEqualTo(ErrorCode.INVALID_UTF8);
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertThat(failure(() -> codec.decodeClient(overlong)).code()).isEqualTo(ErrorCode.INVALID_UTF8);
    }

    @Test
    void aMemberNameOf256BytesIsIgnoredLikeAnyUnknownMemberAndOneOf258IsRefused() {
        String fits = "{\"type\":\"ping\",\"id\":\"1\",\"" + "\u00e9".repeat(128) + "\":1}";
        assertThat(codec.decodeClient(fits.getBytes(StandardCharsets.UTF_8))).isInstanceOf(SessionRequest.Ping.class);
        String over = "{\"type\":\"ping\",\"id\":\"1\",\"" + "\u00e9".repeat(129) + "\":1}";
        ProtocolException e = failure(() -> codec.decodeClient(over.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(e.getMessage()).contains("a member name longer than 256 bytes in UTF-8");
    }

    @Test
    void aStringLongerThanTheFrameLimitIsRefusedByTheParser() {
        MessageCodec small = new MessageCodec(new FrameLimits(2048));
        String json = "{\"type\":\"ping\",\"id\":\"1\",\"pad\":\"" + "x".repeat(4000) + "\"}";
        assertThat(failure(() -> small.decodeClient(json.getBytes(StandardCharsets.UTF_8))).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void theErrorEchoesTheRequestIdWhenItCanBeRead() {
        ProtocolException e = failure(() -> decode("{\"type\":\"hello\",\"id\":\"req-9\",\"protocol\":\"one\",\"client\":\"c\"}"));
        assertThat(e.requestId()).isEqualTo("req-9");
        assertThat(e.getMessage()).isEqualTo("field 'protocol' must be a whole number");
        assertThat(failure(() -> decode("{\"type\":\"nope\",\"id\":\"req-10\"}")).requestId()).isEqualTo("req-10");
    }

    /** Found by fuzzing: these ids were echoed as they came, so an error could carry an id no client sends. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"type\":\"history\",\"id\":\"\",\"limit\":0}",
        "{\"type\":7,\"id\":\"\"}",
        "{\"type\":\"ping\",\"id\":\"\\u0000\"}",
        "{\"type\":\"ping\",\"id\":\"a\\nb\"}",
        "{\"type\":\"ping\",\"id\":\"\\ud800\"}",
        "{\"type\":\"nope\",\"id\":\"\\udc00x\"}",
    })
    void anIdThatBreaksTheIdRuleIsNotEchoed(String body) {
        assertThat(failure(() -> decode(body)).requestId()).isNull();
        assertThat(failure(() -> codec.decodeServer(body.getBytes(StandardCharsets.UTF_8))).requestId()).isNull();
    }

    @Test
    void passwordsAndTokensNeverAppearInToString() {
        assertThat(new SessionRequest.Login("1", "alice", "hunter22", null).toString()).doesNotContain("hunter22");
        assertThat(new SessionRequest.Register("1", "alice", "hunter22", null).toString()).doesNotContain("hunter22");
        assertThat(new SessionRequest.Resume("1", "secret-token").toString()).doesNotContain("secret-token");
        assertThat(new SessionMessage.SessionStarted("1", "alice", "secret-token", 1, null).toString()).doesNotContain("secret-token");
    }

    @Test
    void unknownErrorCodesFromANewerApplianceMapToInternalError() {
        ServerMessage m = codec.decodeServer("{\"type\":\"error\",\"code\":\"brand_new_code\",\"message\":\"?\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(((SessionMessage.Error) m).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void recordsCheckTheirShapeWhenBuiltInCodeToo() {
        assertThatThrownBy(() -> new SessionRequest.Ping(null)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Conversation.of("@")).isInstanceOf(ProtocolException.class);
        assertThat(Conversation.with("bob").peer()).isEqualTo("bob");
    }
}
