package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Bodies an outside attacker sent, each held against the letter of docs/PROTOCOL.md §3: number literals
 * counted whole, base64 without whitespace, a bound on the work one frame can cause, and error texts that
 * are safe to show a user (nothing of the library that parsed the body).
 */
class HostileBodyTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ProtocolException failure(String json) {
        try {
            codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("expected a ProtocolException for " + abbreviate(json));
    }

    private ClientMessage decode(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String ping(String extraMembers) {
        return "{\"type\":\"ping\",\"id\":\"1\"," + extraMembers + "}";
    }

    // ------------------------------------------------------------ §3.1: a number literal is at most 32 characters

    /** Literals of exactly 33 characters, each counted whole: sign, point and exponent are characters too. */
    static Stream<String> numberLiteralsOf33Characters() {
        return Stream.of(
                "-" + "9".repeat(32),                 // sign + 32 digits
                "1." + "5".repeat(31),                // point
                "-1." + "5".repeat(30),               // sign and point
                "1e" + "0".repeat(30) + "1",          // exponent
                "1E+" + "0".repeat(29) + "1",         // exponent with sign
                "-0." + "0".repeat(25) + "1e-10",     // everything at once
                "9".repeat(33));                      // digits only (was already refused)
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numberLiteralsOf33Characters")
    void aNumberLiteralOf33CharactersIsInvalidJsonEvenInAnIgnoredMember(String literal) {
        assertThat(literal).hasSize(33);
        ProtocolException e = failure(ping("\"n\":" + literal));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(e.getMessage()).contains("32 characters");
        assertThat(e.requestId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-9999999999999999999999999999999", "1.555555555555555555555555555555", "1e+00000000000000000000000000000"})
    void aNumberLiteralOf32CharactersIsFine(String literal) {
        assertThat(literal).hasSize(32);
        assertThat(decode(ping("\"n\":" + literal))).isEqualTo(new SessionRequest.Ping("1"));
    }

    @Test
    void digitsInsideStringsAreNotNumberLiterals() {
        assertThat(decode(ping("\"n\":\"" + "-1.5e9".repeat(100) + "\""))).isEqualTo(new SessionRequest.Ping("1"));
    }

    // ------------------------------------------------------------ §3.5: base64 has no line breaks or whitespace

    static Stream<Arguments> base64WithWhitespace() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQqr8CAAJUAX5aQspHAAAAAElFTkSuQmCC";
        String split = png.substring(0, 40);
        String rest = png.substring(40);
        return Stream.of(
                Arguments.of("LF in the middle", split + "\\n" + rest),
                Arguments.of("CR LF in the middle (MIME style)", split + "\\r\\n" + rest),
                Arguments.of("a space in the middle", split + " " + rest),
                Arguments.of("a tab in the middle", split + "\\t" + rest),
                Arguments.of("a trailing LF", png + "\\n"),
                Arguments.of("a leading space", " " + png));
    }

    @ParameterizedTest(name = "set_avatar.image with {0}")
    @MethodSource("base64WithWhitespace")
    void setAvatarImageWithWhitespaceIsInvalidField(String what, String base64) {
        ProtocolException e = failure("{\"type\":\"set_avatar\",\"id\":\"a\",\"image\":\"" + base64 + "\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).contains("image").contains("base64");
        assertThat(e.requestId()).isEqualTo("a");
    }

    @ParameterizedTest(name = "register.avatar with {0}")
    @MethodSource("base64WithWhitespace")
    void registerAvatarWithWhitespaceIsInvalidField(String what, String base64) {
        ProtocolException e = failure("{\"type\":\"register\",\"id\":\"r\",\"username\":\"alice\",\"password\":\"long enough\",\"avatar\":\""
                + base64 + "\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).contains("avatar").contains("base64");
    }

    @Test
    void strictBase64StillDecodes() {
        ClientMessage m = decode("{\"type\":\"set_avatar\",\"id\":\"a\",\"image\":\"iVBORw0KGgo=\"}");
        assertThat(((ProfileRequest.SetAvatar) m).image()).hasSize(8).startsWith(0x89, 'P', 'N', 'G');
        assertThat(((ProfileRequest.SetAvatar) decode("{\"type\":\"set_avatar\",\"id\":\"a\",\"image\":\"\"}")).image()).isEmpty();
    }

    // ------------------------------------------------------------ a costly frame is refused before it costs

    /**
     * The attack: a 1 MiB ping with 95,000 distinct member names. Each new name went into the parser's
     * symbol table and the JVM's intern pool, 140 to 450 ms per frame on one core. The item bound refuses
     * it after one pass over the bytes, without the parser seeing it.
     */
    @Test
    void aPingWithNinetyFiveThousandMembersIsRefusedByTheItemBound() {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 95_000; i++) {
            members.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":0");
        }
        String body = ping(members.toString());
        assertThat(body.length()).isLessThanOrEqualTo(FrameLimits.DEFAULT_MAX_FRAME_BYTES);
        ProtocolException e = failure(body);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(e.getMessage()).contains(String.valueOf(MessageCodec.MAX_ITEMS)).contains("items");
        assertThat(e.requestId()).isNull();
    }

    @Test
    void anArrayOfManySmallValuesCountsEveryValue() {
        String values = "0,".repeat(MessageCodec.MAX_ITEMS) + "0";
        assertThat(failure(ping("\"x\":[" + values + "]")).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void exactlyTheItemBoundIsFine() {
        // {, "type", "ping", "id", "1", "x", [ = 7 items; the array elements make up the rest.
        int elements = MessageCodec.MAX_ITEMS - 7;
        String values = String.join(",", java.util.Collections.nCopies(elements, "true"));
        assertThat(decode(ping("\"x\":[" + values + "]"))).isEqualTo(new SessionRequest.Ping("1"));
        String oneMore = String.join(",", java.util.Collections.nCopies(elements + 1, "true"));
        assertThat(failure(ping("\"x\":[" + oneMore + "]")).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    // ------------------------------------------------------------ §6.12: messages safe to show to users

    /** Words that only the parser's insides could have put into a message, in any case. */
    private static final List<String> INTERNALS = List.of("jackson", "StreamReadConstraints", "com.fasterxml", "exception",
            "[source", "reference chain", "JsonToken", "JsonReadFeature", "StreamReadFeature");
    /** Java names and stack-trace fragments, as written. */
    private static final List<String> JAVA_NAMES = List.of("java.", "org.lanchat", "ClientMessage", "ServerMessage", "`",
            "line: ", "Integer", "Long", "String", "Boolean", "byte[]", "START_OBJECT", "FIELD_NAME", "\tat ", "$");

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("cut off", "{\"type\":\"ping\",\"id\":"),
                Arguments.of("trailing comma", "{\"type\":\"ping\",\"id\":\"1\",}"),
                Arguments.of("comment", "{\"type\":\"ping\",/* hi */\"id\":\"1\"}"),
                Arguments.of("single quotes", "{'type':'ping'}"),
                Arguments.of("NaN", "{\"type\":\"ping\",\"id\":\"1\",\"n\":NaN}"),
                Arguments.of("Infinity", "{\"type\":\"ping\",\"id\":\"1\",\"n\":-Infinity}"),
                Arguments.of("leading zero", "{\"type\":\"ping\",\"id\":\"1\",\"n\":007}"),
                Arguments.of("invalid escape", "{\"type\":\"ping\",\"id\":\"\\x41\"}"),
                Arguments.of("raw control character", "{\"type\":\"ping\",\"id\":\"a\u0001\"}"),
                Arguments.of("duplicate member", "{\"type\":\"ping\",\"id\":\"1\",\"id\":\"2\"}"),
                Arguments.of("two objects", "{\"type\":\"ping\",\"id\":\"1\"}{}"),
                Arguments.of("trailing garbage", "{\"type\":\"ping\",\"id\":\"1\"} x"),
                Arguments.of("nesting 17", "{\"type\":\"ping\",\"id\":\"1\",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}"),
                Arguments.of("number of 33 digits", "{\"type\":\"ping\",\"id\":\"1\",\"n\":" + "9".repeat(33) + "}"),
                Arguments.of("number of 33 characters", "{\"type\":\"ping\",\"id\":\"1\",\"n\":-1." + "5".repeat(30) + "}"),
                Arguments.of("member name of 257", "{\"type\":\"ping\",\"id\":\"1\",\"" + "k".repeat(257) + "\":1}"),
                Arguments.of("member name of 129 \u00e9, 258 bytes", "{\"type\":\"ping\",\"id\":\"1\",\"" + "\u00e9".repeat(129) + "\":1}"),
                Arguments.of("a word", "{\"type\":\"ping\",\"id\":\"1\",\"n\":nope}"),
                Arguments.of("unexpected close", "{\"type\":\"ping\"]"),
                Arguments.of("top-level array", "[1]"),
                Arguments.of("top-level string", "\"ping\""),
                Arguments.of("no type", "{\"id\":\"1\"}"),
                Arguments.of("type null", "{\"type\":null,\"id\":\"1\"}"),
                Arguments.of("type object", "{\"type\":{},\"id\":\"1\"}"),
                Arguments.of("type 7", "{\"type\":7,\"id\":\"1\"}"),
                Arguments.of("type welcome", "{\"type\":\"welcome\",\"id\":\"1\"}"),
                Arguments.of("id number", "{\"type\":\"ping\",\"id\":5}"),
                Arguments.of("id array", "{\"type\":\"ping\",\"id\":[]}"),
                Arguments.of("protocol string", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":\"1\",\"client\":\"x\"}"),
                Arguments.of("protocol fraction", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1.5,\"client\":\"x\"}"),
                Arguments.of("protocol object", "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":{},\"client\":\"x\"}"),
                Arguments.of("limit too big", "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"limit\":2147483648}"),
                Arguments.of("before too big", "{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"group\",\"before\":9223372036854775808}"),
                Arguments.of("text boolean", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"group\",\"text\":true}"),
                Arguments.of("text object", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"group\",\"text\":{}}"),
                Arguments.of("conversation number", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":5,\"text\":\"x\"}"),
                Arguments.of("conversation bad", "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"c\",\"conversation\":\"#x\",\"text\":\"x\"}"),
                Arguments.of("image number", "{\"type\":\"set_avatar\",\"id\":\"1\",\"image\":12345}"),
                Arguments.of("image array", "{\"type\":\"set_avatar\",\"id\":\"1\",\"image\":[1,2]}"),
                Arguments.of("image url-safe", "{\"type\":\"set_avatar\",\"id\":\"1\",\"image\":\"iVBO-_==\"}"),
                Arguments.of("image unpadded", "{\"type\":\"set_avatar\",\"id\":\"1\",\"image\":\"iVBORw0\"}"),
                Arguments.of("image with LF", "{\"type\":\"set_avatar\",\"id\":\"1\",\"image\":\"iVBO\\nRw0K\"}"),
                Arguments.of("lone surrogate", "{\"type\":\"ping\",\"id\":\"\\ud800\"}"),
                Arguments.of("password 257", "{\"type\":\"login\",\"id\":\"1\",\"username\":\"a\",\"password\":\"" + "p".repeat(257) + "\"}"),
                Arguments.of("many items", "{\"type\":\"ping\",\"id\":\"1\",\"x\":[" + "0,".repeat(2000) + "0]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void noErrorMessageShowsTheParsersInsides(String what, String json) {
        ProtocolException e = failure(json);
        assertThat(e.getMessage()).as("%s → %s", what, e.code()).isNotBlank();
        for (String internal : INTERNALS) {
            assertThat(e.getMessage()).as("%s → %s", what, e.code()).doesNotContainIgnoringCase(internal);
        }
        for (String name : JAVA_NAMES) {
            assertThat(e.getMessage()).as("%s → %s", what, e.code()).doesNotContain(name);
        }
        assertThat(e.getMessage()).as("no Java class name").doesNotContainPattern("\\b[a-z]+\\.[a-z]+\\.[A-Za-z]");
    }

    @Test
    void anUnknownTypeIsEchoedOnlyInPart() {
        ProtocolException e = failure("{\"type\":\"" + "t".repeat(100_000) + "\",\"id\":\"1\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage().length()).isLessThan(200);
    }

    // ------------------------------------------------------------ §3.2: a server-only type sent as a request

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"welcome", "session", "ok", "ack", "message", "presence", "history_page", "avatar", "pong", "error", "bye"})
    void aServerOnlyTypeSentAsARequestIsUnknownType(String type) {
        ProtocolException e = failure("{\"type\":\"" + type + "\",\"id\":\"1\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.requestId()).isEqualTo("1");
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
