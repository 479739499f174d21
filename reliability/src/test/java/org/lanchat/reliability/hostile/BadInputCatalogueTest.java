package org.lanchat.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanchat.appliance.testing.Images;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.Frames;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.reliability.report.Figures;
import org.slf4j.LoggerFactory;

/**
 * The catalogue of bad inputs: each one sent to the real appliance over real TLS on a fresh connection,
 * each with the exact answer docs/PROTOCOL.md requires — the error code, whether the error echoes the
 * request id, and whether the connection continues (checked with a {@code ping} afterwards) or is closed.
 * Inputs the protocol deliberately accepts (unknown members, SQL metacharacters in message text, a frame
 * of exactly the maximum size) are listed too, with what they get, so the table is the whole story.
 *
 * <p>The test names read as a table: {@code input [state] → answer}. States: {@code connected} (TLS up,
 * no {@code hello}), {@code greeted} ({@code hello} done, not logged in), {@code alice}/{@code carol}
 * (logged in). Alice and bob share a private conversation; carol is the outsider.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCatalogueTest {
    private static final String ID = "bad";
    private static final String SECRET = "the secret between alice and bob";
    private static final int MAX = FrameLimits.DEFAULT_MAX_FRAME_BYTES;
    /** 20,000 x 20,000 pixels (1.6 GB decoded) in about 400 KB; built once, it takes a moment. */
    private static final byte[] BOMB = Images.pngBomb(20_000);

    @TempDir
    static Path dir;
    static RunningAppliance appliance;
    static String aliceToken;
    static String carolToken;
    /** The appliance's clock: the tests move it past the edit window once the setup has sent its messages. */
    static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());
    static ListAppender<ILoggingEvent> sessionLog = new ListAppender<>();

    enum Stage {
        CONNECTED("connected"), GREETED("greeted"), ALICE("alice"), CAROL("carol");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** What the appliance must answer. */
    sealed interface Outcome {
        /** An {@code error} with this code; with the request id echoed or without one. */
        record Refused(ErrorCode code, boolean echoesId) implements Outcome {
            @Override
            public String toString() {
                return code.wireName() + (echoesId ? "" : " (no id)")
                        + (code.closesConnection() ? ", connection closed" : ", connection continues");
            }
        }

        /** A reply of this type to the request with this id, then whatever else {@code check} verifies. */
        record Answered(Class<? extends ServerMessage> reply, String id, String note, BiConsumer<TestClient, ServerMessage> check)
                implements Outcome {
            @Override
            public String toString() {
                return note + ", connection continues";
            }
        }

        /** A {@code bye} with this reason, then the connection is closed. */
        record Goodbye(ErrorCode reason) implements Outcome {
            @Override
            public String toString() {
                return "bye " + reason.wireName() + ", connection closed";
            }
        }

        /** The client hangs up inside a frame: nobody to answer; the appliance logs it and carries on. */
        record Truncated() implements Outcome {
            @Override
            public String toString() {
                return "nothing sent; logged as " + ErrorCode.FRAME_TRUNCATED.wireName();
            }
        }
    }

    record Case(String input, Stage stage, Consumer<TestClient> send, Outcome outcome) {
        @Override
        public String toString() {
            return String.format("%-70s [%s] → %s", input, stage.label, outcome);
        }
    }

    @BeforeAll
    static void start() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.lanchat.appliance.net.ClientSession");
        sessionLog.start();
        logger.addAppender(sessionLog);
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b, CLOCK::get);
        TestClient alice = appliance.newUser("alice");
        aliceToken = alice.token();
        TestClient bob = appliance.newUser("bob");
        carolToken = appliance.newUser("carol").token();
        bob.send(Conversation.with("alice"), SECRET);
        alice.send(Conversation.with("bob"), SECRET + ", answered");
        // A mark in their private conversation, for the outsider not to learn.
        bob.request(new ConversationRequest.MarkRead("m", Conversation.with("alice"), 2L), SessionMessage.Ok.class);
        // A private room of alice and bob's, the first room of this appliance (#1), for the outsider not to find.
        Conversation room = alice.request(new RoomRequest.CreateRoom("r", "Secret room", null, "private"),
                RoomMessage.Room.class).room().conversation();
        alice.request(new RoomRequest.Invite("i", room, "bob"), SessionMessage.Ok.class);
        alice.send(room, SECRET + ", in the room");
        alice.close();
        bob.close();
        // A day and an hour later: the private messages above are past the edit window (PROTOCOL.md §7.19).
        CLOCK.addAndGet(Duration.ofHours(25).toMillis());
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("org.lanchat.appliance.net.ClientSession")).detachAppender(sessionLog);
        if (appliance != null) {
            appliance.close();
        }
    }

    // ------------------------------------------------------------------ the catalogue

    static Stream<Case> catalogue() {
        List<Case> c = new ArrayList<>();
        String fill = " ".repeat(MAX - j("{`type`:`ping`,`id`:`bad`}").length());

        // Framing (§2): the stream is out of step, so these close the connection.
        c.add(raw("frame: length 0", Stage.GREETED, header(0), refused(ErrorCode.FRAME_EMPTY, false)));
        c.add(raw("frame: length max + 1 (1048577)", Stage.GREETED, header(MAX + 1L), refused(ErrorCode.FRAME_TOO_LARGE, false)));
        c.add(raw("frame: length 0x7FFFFFFF", Stage.GREETED, header(0x7FFFFFFFL), refused(ErrorCode.FRAME_TOO_LARGE, false)));
        c.add(raw("frame: length 0x80000000 (top bit set: negative if signed)", Stage.GREETED, header(0x80000000L),
                refused(ErrorCode.FRAME_TOO_LARGE, false)));
        c.add(raw("frame: length 0xFFFFFFFF (-1 if signed)", Stage.GREETED, header(0xFFFFFFFFL), refused(ErrorCode.FRAME_TOO_LARGE, false)));
        c.add(raw("frame: length 0 before hello", Stage.CONNECTED, header(0), refused(ErrorCode.FRAME_EMPTY, false)));
        c.add(new Case("frame: 2 of the 4 header bytes, then hang up", Stage.GREETED, t -> {
            t.sendRaw(new byte[] {0, 0});
            t.close();
        }, new Outcome.Truncated()));
        c.add(new Case("frame: announces 100 bytes, sends 10, hangs up", Stage.GREETED, t -> {
            t.sendRaw(concat(header(100), "{\"type\":\"".getBytes(StandardCharsets.US_ASCII)));
            t.close();
        }, new Outcome.Truncated()));
        c.add(new Case("frame: a ping split into 1-byte writes", Stage.GREETED, t -> {
            for (byte b : frame(j("{`type`:`ping`,`id`:`bad`}"))) {
                t.sendRaw(new byte[] {b});
            }
        }, answered(SessionMessage.Pong.class, "pong (reassembled)")));
        c.add(raw("frame: exactly the maximum (1 MiB, padded with spaces)", Stage.GREETED,
                frame(j("{`type`:`ping`,`id`:`bad`}") + fill), answered(SessionMessage.Pong.class, "pong (the limit is inclusive)")));
        c.add(new Case("frame: 20 undecodable bodies in a row", Stage.GREETED, t -> {
            for (int i = 0; i < 20; i++) {
                t.sendRaw(frame("abc"));
            }
        }, new Outcome.Goodbye(ErrorCode.TOO_MANY_ERRORS)));

        // Bytes and JSON syntax (§3.1): one bad frame, the connection continues.
        c.add(body("UTF-8: overlong encoding C0 AF", bytes("{\"type\":\"ping\",\"id\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),
                refused(ErrorCode.INVALID_UTF8, false)));
        c.add(body("UTF-8: encoded surrogate ED A0 80 (CESU-8)", bytes("{\"type\":\"ping\",\"id\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                refused(ErrorCode.INVALID_UTF8, false)));
        c.add(body("UTF-8: sequence cut short (E2 82)", bytes("{\"type\":\"ping\",\"id\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}, "\"}"),
                refused(ErrorCode.INVALID_UTF8, false)));
        c.add(body("UTF-8: byte FF", bytes("{\"type\":\"ping\",\"id\":\"", new byte[] {(byte) 0xFF}, "\"}"),
                refused(ErrorCode.INVALID_UTF8, false)));
        c.add(body("JSON: byte-order mark before the object", bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, j("{`type`:`ping`,`id`:`bad`}")),
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: cut off in the middle", "{`type`:`ping`,`id`:", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: trailing comma", "{`type`:`ping`,`id`:`bad`,}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: comment", "{`type`:`ping`, /* hi */ `id`:`bad`}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: single quotes", "{'type':'ping','id':'bad'}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: NaN", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`limit`:NaN}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: leading zero 007", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`limit`:007}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: invalid escape \\x41", "{`type`:`ping`,`id`:`b\\x41d`}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: raw control character U+0001 inside a string", "{`type`:`ping`,`id`:`b\u0001ad`}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: member named twice", "{`type`:`ping`,`id`:`bad`,`id`:`again`}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: two objects in one frame", "{`type`:`ping`,`id`:`bad`}{`type`:`ping`,`id`:`b2`}", refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: nesting depth 17 (in an unknown member)", "{`type`:`ping`,`id`:`bad`,`x`:" + "[".repeat(16) + "]".repeat(16) + "}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: nesting depth 100000", "{`type`:`ping`,`id`:`bad`,`x`:" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: nesting depth 16 is still fine", "{`type`:`ping`,`id`:`bad`,`x`:" + "[".repeat(15) + "]".repeat(15) + "}",
                answered(SessionMessage.Pong.class, "pong")));
        c.add(json("JSON: number literal of 33 digits (in an unknown member)", "{`type`:`ping`,`id`:`bad`,`n`:" + "9".repeat(33) + "}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: number literal -999… of 33 characters (sign counts)", "{`type`:`ping`,`id`:`bad`,`n`:-" + "9".repeat(32) + "}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: number literal 1.555… of 33 characters (point counts)", "{`type`:`ping`,`id`:`bad`,`n`:1." + "5".repeat(31) + "}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: number literal 1E+000…1 of 33 characters (exponent counts)", "{`type`:`ping`,`id`:`bad`,`n`:1E+" + "0".repeat(29) + "1}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: number literal -1.5e-9… of 32 characters is fine", "{`type`:`ping`,`id`:`bad`,`n`:-1.5e-" + "9".repeat(26) + "}",
                answered(SessionMessage.Pong.class, "pong (32 characters is the limit)")));
        c.add(json("JSON: a 1 MiB ping with 95,000 members (costly to parse)", CostlyFrameHarness.costlyPing().replace("costly", "bad"),
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: 1001 items in an unknown array", "{`type`:`ping`,`id`:`bad`,`x`:[" + "0,".repeat(993) + "0]}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: 1000 items is fine", "{`type`:`ping`,`id`:`bad`,`x`:[" + "0,".repeat(992) + "0]}",
                answered(SessionMessage.Pong.class, "pong (1000 items is the limit)")));
        c.add(json("JSON: member name of 257 characters", "{`type`:`ping`,`id`:`bad`,`" + "k".repeat(257) + "`:1}",
                refused(ErrorCode.INVALID_JSON, false)));
        c.add(json("JSON: a 1,000,000-character string in an unknown member", "{`type`:`ping`,`id`:`bad`,`pad`:`" + "x".repeat(1_000_000) + "`}",
                answered(SessionMessage.Pong.class, "pong (unknown members are ignored)")));
        c.add(json("JSON: whitespace around the object", " \r\n\t{`type`:`ping`,`id`:`bad`} \n", answered(SessionMessage.Pong.class, "pong")));
        c.add(json("JSON: top-level array", "[`ping`,{`id`:`bad`}]", refused(ErrorCode.WRONG_TYPE, false)));
        c.add(json("JSON: top-level string", "`ping`", refused(ErrorCode.WRONG_TYPE, false)));
        c.add(json("JSON: top-level null", "null", refused(ErrorCode.WRONG_TYPE, false)));
        c.add(json("JSON: top-level number", "42", refused(ErrorCode.WRONG_TYPE, false)));

        // Message type and id (§3.2).
        c.add(json("type: missing", "{`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(json("type: null", "{`type`:null,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(json("type: an object", "{`type`:{`name`:`ping`},`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(json("type: the number 7", "{`type`:7,`id`:`bad`}", refused(ErrorCode.UNKNOWN_TYPE, true)));
        c.add(json("type: PING (wrong case)", "{`type`:`PING`,`id`:`bad`}", refused(ErrorCode.UNKNOWN_TYPE, true)));
        c.add(json("type: admin", "{`type`:`admin`,`id`:`bad`,`command`:`shutdown`}", refused(ErrorCode.UNKNOWN_TYPE, true)));
        c.add(json("type: __proto__", "{`type`:`__proto__`,`id`:`bad`}", refused(ErrorCode.UNKNOWN_TYPE, true)));
        c.add(json("type: welcome (a server message sent by a client)", "{`type`:`welcome`,`id`:`bad`}", refused(ErrorCode.UNKNOWN_TYPE, true)));
        c.add(json("type: session (a server message sent by a client)", "{`type`:`session`,`id`:`bad`,`username`:`alice`,`token`:`t`}",
                refused(ErrorCode.UNKNOWN_TYPE, true)));
        c.add(json("id: missing", "{`type`:`ping`}", refused(ErrorCode.MISSING_FIELD, false)));
        c.add(json("id: a number", "{`type`:`ping`,`id`:5}", refused(ErrorCode.WRONG_TYPE, false)));
        c.add(json("id: empty", "{`type`:`ping`,`id`:``}", refused(ErrorCode.INVALID_FIELD, false)));
        c.add(json("id: 65 characters", "{`type`:`ping`,`id`:`" + "i".repeat(65) + "`}", refused(ErrorCode.INVALID_FIELD, false)));
        c.add(json("id: NUL character", "{`type`:`ping`,`id`:`\\u0000`}", refused(ErrorCode.INVALID_FIELD, false)));
        c.add(json("id: lone surrogate \\ud800", "{`type`:`ping`,`id`:`\\ud800`}", refused(ErrorCode.INVALID_FIELD, false)));
        c.add(json("id: SQL metacharacters", "{`type`:`ping`,`id`:`1'; DROP TABLE sessions; --`}",
                new Outcome.Answered(SessionMessage.Pong.class, "1'; DROP TABLE sessions; --", "pong, id echoed verbatim", (t, r) -> { })));

        // Wrong types: no coercion, ever (§3.1).
        c.add(greeted("hello.protocol: the string \"1\"", "{`type`:`hello`,`id`:`bad`,`protocol`:`1`,`client`:`x`}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(greeted("hello.protocol: 1.0", "{`type`:`hello`,`id`:`bad`,`protocol`:1.0,`client`:`x`}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(json("hello.protocol: 2", "{`type`:`hello`,`id`:`bad`,`protocol`:2,`client`:`future`}", Stage.CONNECTED,
                refused(ErrorCode.UNSUPPORTED_VERSION, true)));
        c.add(greeted("hello.client: 65 characters", "{`type`:`hello`,`id`:`bad`,`protocol`:1,`client`:`" + "c".repeat(65) + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history.limit: 1e0", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`limit`:1e0}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("history.limit: 2147483648 (over 32 bits)", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`limit`:2147483648}",
                refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("history.before: 9223372036854775808 (over 64 bits)", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`before`:9223372036854775808}",
                refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("history.after: the string \"5\"", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`after`:`5`}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("history.before: -1", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`before`:-1}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history.limit: 0", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`limit`:0}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history: before and after together", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`before`:5,`after`:1}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history.limit: 2147483647 (silently 200)", "{`type`:`history`,`id`:`bad`,`conversation`:`group`,`limit`:2147483647}",
                answered(ConversationMessage.HistoryPage.class, "history_page")));
        c.add(alice("send.text: true", send("`text`:true"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("send.conversation: 5", "{`type`:`send`,`id`:`bad`,`clientMsgId`:`c`,`conversation`:5,`text`:`hi`}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_avatar.image: a number", "{`type`:`set_avatar`,`id`:`bad`,`image`:12345}", refused(ErrorCode.WRONG_TYPE, true)));

        // Missing and conflicting members.
        c.add(alice("send: no conversation", "{`type`:`send`,`id`:`bad`,`clientMsgId`:`c`,`text`:`hi`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("send: no clientMsgId", "{`type`:`send`,`id`:`bad`,`conversation`:`group`,`text`:`hi`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("send: text and sticker together", send("`text`:`hi`,`sticker`:`smile`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send: neither text nor sticker", send(""), refused(ErrorCode.EMPTY_MESSAGE, true)));
        c.add(alice("send.text: only whitespace", send("`text`:`  \\t\\r\\n  `"), refused(ErrorCode.EMPTY_MESSAGE, true)));
        c.add(alice("set_avatar: no image", "{`type`:`set_avatar`,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));

        // Unknown members are ignored (§3.1), including ones that try to speak for the appliance.
        c.add(json("unknown members, nested", "{`type`:`ping`,`id`:`bad`,`priority`:`high`,`x`:{`y`:[1,{`z`:null}]}}",
                answered(SessionMessage.Pong.class, "pong (ignored)")));
        c.add(greeted("hello with admin:true", "{`type`:`hello`,`id`:`bad`,`protocol`:1,`client`:`x`,`admin`:true}",
                answered(SessionMessage.Welcome.class, "welcome (ignored)")));
        c.add(alice("send with a forged from:bob and seq:1", send("`text`:`forged sender?`,`from`:`bob`,`seq`:1,`messageId`:1"),
                new Outcome.Answered(ConversationMessage.Ack.class, ID, "ack (ignored: stored as from alice)",
                        (t, r) -> assertThat(newest(t, "group").from()).isEqualTo("alice"))));

        // Huge strings.
        c.add(alice("send.text: 4001 code points", send("`text`:`" + "x".repeat(4001) + "`"), refused(ErrorCode.TEXT_TOO_LONG, true)));
        c.add(alice("send.text: 65537 characters (over the shape bound)", send("`text`:`" + "x".repeat(65_537) + "`"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.text: 4000 emoji (8000 UTF-16 units, 4000 code points)", send("`text`:`" + "😀".repeat(4000) + "`"),
                stored("😀".repeat(4000))));
        c.add(alice("send.clientMsgId: 65 characters", "{`type`:`send`,`id`:`bad`,`clientMsgId`:`" + "m".repeat(65) + "`,`conversation`:`group`,`text`:`hi`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("login.password: 257 characters", "{`type`:`login`,`id`:`bad`,`username`:`alice`,`password`:`" + "p".repeat(257) + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("register.username: 65 characters", "{`type`:`register`,`id`:`bad`,`username`:`" + "u".repeat(65) + "`,`password`:`long enough pw`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("register.username: 33 characters", "{`type`:`register`,`id`:`bad`,`username`:`" + "u".repeat(33) + "`,`password`:`long enough pw`}",
                refused(ErrorCode.INVALID_USERNAME, true)));
        c.add(greeted("login.username: 65 characters", "{`type`:`login`,`id`:`bad`,`username`:`" + "u".repeat(65) + "`,`password`:`long enough pw`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("login.username: 33 characters (breaks the name rule)", login("u".repeat(33), "long enough pw"), refused(ErrorCode.AUTH_FAILED, true)));
        c.add(greeted("register.password: 257 characters", "{`type`:`register`,`id`:`bad`,`username`:`longpw`,`password`:`" + "p".repeat(257) + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("register.password: 7 characters", "{`type`:`register`,`id`:`bad`,`username`:`shortpw`,`password`:`1234567`}",
                refused(ErrorCode.WEAK_PASSWORD, true)));
        c.add(greeted("resume.token: 129 characters", "{`type`:`resume`,`id`:`bad`,`token`:`" + "t".repeat(129) + "`}", refused(ErrorCode.INVALID_FIELD, true)));

        // Control characters and invalid Unicode in names (§3.3, §3.6).
        c.add(register("register.username: NUL inside", "ali\\u0000ce", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: tab inside", "ali\\tce", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: line feed at the end", "alice\\n", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: DEL U+007F", "\\u007fdel", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: C1 control U+0085", "nel\\u0085", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: lone high surrogate", "lone\\ud800", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: lone low surrogate", "\\udc00low", ErrorCode.INVALID_FIELD));
        c.add(register("register.username: non-character U+FFFE", "non\\ufffechar", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: non-character U+FDD0", "non\\ufdd0char", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: right-to-left override U+202E", "\\u202eecila", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: zero-width space inside", "ali\\u200bce", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: Cyrillic а lookalike of alice", "\\u0430lice", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: fullwidth ａｌｉｃｅ", "ａｌｉｃｅ", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: an emoji", "al😀ce", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: ALICE (taken in another case)", "ALICE", ErrorCode.USERNAME_TAKEN));
        c.add(register("register.username: aIice (capital i: looks like alice)", "aIice", ErrorCode.USERNAME_TAKEN));
        c.add(register("register.username: a1ice (digit one: looks like alice)", "a1ice", ErrorCode.USERNAME_TAKEN));
        c.add(register("register.username: alice_ (trailing underscore)", "alice_", ErrorCode.USERNAME_TAKEN));
        c.add(register("register.username: b0b (digit zero: looks like bob)", "b0b", ErrorCode.USERNAME_TAKEN));
        c.add(register("register.username: caroI. (capital i and a dot: looks like carol)", "caroI.", ErrorCode.USERNAME_TAKEN));
        c.add(greeted("login.username: NUL at the end", "{`type`:`login`,`id`:`bad`,`username`:`alice\\u0000`,`password`:`x`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("login.username: Cyrillic а lookalike of alice", login("\\u0430lice", RunningAppliance.PASSWORD),
                refused(ErrorCode.AUTH_FAILED, true)));
        c.add(greeted("login.username: fullwidth ＡＬＩＣＥ", login("ＡＬＩＣＥ", RunningAppliance.PASSWORD), refused(ErrorCode.AUTH_FAILED, true)));
        c.add(alice("get_avatar.username: NUL inside", "{`type`:`get_avatar`,`id`:`bad`,`username`:`b\\u0000ob`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("get_avatar.username: Cyrillic о lookalike of bob", "{`type`:`get_avatar`,`id`:`bad`,`username`:`b\\u043eb`}",
                refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("send.conversation: @ + Cyrillic lookalike of bob", send("`text`:`hi`", "@b\\u043eb"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.text: NUL inside", send("`text`:`a\\u0000b`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.text: lone surrogate", send("`text`:`a\\udbffb`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.text: bidi override, non-characters, zero-width joiner", send("`text`:`\\u202etxet\\u202c \\ufffe\\uffff \\u200d`"),
                stored("\u202etxet\u202c \ufffe\uffff \u200d")));
        c.add(alice("send.sticker: NUL inside", send("`sticker`:`smi\\u0000le`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("resume.token: line feed inside", "{`type`:`resume`,`id`:`bad`,`token`:`abc\\ndef`}", refused(ErrorCode.INVALID_FIELD, true)));

        // Replies, edits, deletes and reactions (§5.22-5.24, §7.19). Bob sent @alice #1 and alice #2, a day ago.
        c.add(alice("edit: bob's message", change("edit", "@bob", "1", "`text`:`mine now`"), refused(ErrorCode.NOT_YOUR_MESSAGE, true)));
        c.add(alice("delete: bob's message", change("delete", "@bob", "1", ""), refused(ErrorCode.NOT_YOUR_MESSAGE, true)));
        c.add(alice("edit: her own message, after the 24 h window", change("edit", "@bob", "2", "`text`:`too late`"),
                refused(ErrorCode.EDIT_WINDOW_CLOSED, true)));
        c.add(alice("delete: her own message, after the 24 h window", change("delete", "@bob", "2", ""),
                refused(ErrorCode.EDIT_WINDOW_CLOSED, true)));
        c.add(alice("edit.target: a seq that does not exist", change("edit", "group", "999999", "`text`:`x`"),
                refused(ErrorCode.UNKNOWN_TARGET, true)));
        c.add(alice("edit.target: negative", change("edit", "group", "-1", "`text`:`x`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("delete.target: 0", change("delete", "group", "0", ""), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("delete.target: a string", change("delete", "group", "`1`", ""), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("delete.target: 2^63 (out of range)", change("delete", "group", "9223372036854775808", ""),
                refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("delete: no target", "{`type`:`delete`,`id`:`bad`,`clientMsgId`:`" + UUID.randomUUID() + "`,`conversation`:`group`}",
                refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("edit.text: blank", change("edit", "@bob", "2", "`text`:`   `"), refused(ErrorCode.EMPTY_MESSAGE, true)));
        c.add(alice("edit.text: 4001 code points", change("edit", "@bob", "2", "`text`:`" + "x".repeat(4001) + "`"),
                refused(ErrorCode.TEXT_TOO_LONG, true)));
        c.add(alice("send.replyTo: a seq that does not exist", send("`text`:`re`,`replyTo`:999999"), refused(ErrorCode.UNKNOWN_TARGET, true)));
        c.add(alice("react.emoji: a word, not an emoji", change("react", "@bob", "1", "`emoji`:`ok`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("react.emoji: two emoji", change("react", "@bob", "1", "`emoji`:`👍👍`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("react.emoji: 10 KB", change("react", "@bob", "1", "`emoji`:`" + "👍".repeat(2_560) + "`"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("react.emoji: empty", change("react", "@bob", "1", "`emoji`:``"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("react.emoji: NUL", change("react", "@bob", "1", "`emoji`:`\\u0000`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("react.remove: a string", change("react", "@bob", "1", "`emoji`:`👍`,`remove`:`yes`"), refused(ErrorCode.WRONG_TYPE, true)));
        // Privacy: carol names "@bob" or "@alice" and can only mean her own conversation with them, where nothing exists.
        c.add(carol("react: carol to alice and bob's message, as @bob", change("react", "@bob", "1", "`emoji`:`👍`"),
                refused(ErrorCode.UNKNOWN_TARGET, true)));
        c.add(carol("react: carol to alice and bob's message, as @alice", change("react", "@alice", "2", "`emoji`:`👍`"),
                refused(ErrorCode.UNKNOWN_TARGET, true)));
        c.add(carol("delete: carol, alice and bob's message", change("delete", "@alice", "1", ""), refused(ErrorCode.UNKNOWN_TARGET, true)));
        c.add(carol("send.replyTo: carol, to alice and bob's message", send("`text`:`re`,`replyTo`:1", "@bob"),
                refused(ErrorCode.UNKNOWN_TARGET, true)));

        // SQL metacharacters in every string member: refused by the rules or stored verbatim, never interpreted.
        c.add(register("register.username: robert'); DROP TABLE users;--", "robert'); DROP TABLE users;--", ErrorCode.INVALID_USERNAME));
        c.add(greeted("login.username: ' OR '1'='1", login("' OR '1'='1", "' OR '1'='1"), refused(ErrorCode.AUTH_FAILED, true)));
        c.add(greeted("login.password: ' OR '1'='1' -- (for alice)", login("alice", "' OR '1'='1' -- "), refused(ErrorCode.AUTH_FAILED, true)));
        c.add(greeted("resume.token: ' OR 1=1 --", "{`type`:`resume`,`id`:`bad`,`token`:`' OR 1=1 --`}", refused(ErrorCode.TOKEN_INVALID, true)));
        c.add(greeted("hello.client: '; DROP TABLE users; --", "{`type`:`hello`,`id`:`bad`,`protocol`:1,`client`:`'; DROP TABLE users; --`}",
                answered(SessionMessage.Welcome.class, "welcome")));
        c.add(alice("send.text: '); DROP TABLE messages; --", send("`text`:`'); DROP TABLE messages; --`"), stored("'); DROP TABLE messages; --")));
        c.add(alice("send.clientMsgId: x' OR '1'='1", "{`type`:`send`,`id`:`bad`,`clientMsgId`:`x' OR '1'='1`,`conversation`:`group`,`text`:`q`}",
                answered(ConversationMessage.Ack.class, "ack (an opaque key)")));
        c.add(alice("send.sticker: smile' OR '1'='1", send("`sticker`:`smile' OR '1'='1`"), refused(ErrorCode.UNKNOWN_STICKER, true)));
        c.add(alice("send.conversation: @bob' OR '1'='1", send("`text`:`hi`", "@bob' OR '1'='1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history.conversation: group' --", "{`type`:`history`,`id`:`bad`,`conversation`:`group' --`}", refused(ErrorCode.INVALID_FIELD, true)));

        // Display names (§7.17): any script, but nothing that hides, reverses or imitates another name.
        c.add(alice("set_profile.displayName: right-to-left override", profile("`alice\\u202eexe.txt`"), refused(ErrorCode.INVALID_DISPLAY_NAME, true)));
        c.add(alice("set_profile.displayName: zero-width joiner inside", profile("`pay\\u200dpal`"), refused(ErrorCode.INVALID_DISPLAY_NAME, true)));
        c.add(alice("set_profile.displayName: left-to-right mark at the end", profile("`bob\\u200e`"), refused(ErrorCode.INVALID_DISPLAY_NAME, true)));
        c.add(alice("set_profile.displayName: Cyrillic Раура + Latin l (mixed scripts)", profile("`\\u0420\\u0430\\u0443\\u0440\\u0430l`"),
                refused(ErrorCode.INVALID_DISPLAY_NAME, true)));
        c.add(alice("set_profile.displayName: all-Cyrillic ВОВ looks like bob", profile("`\\u0412\\u041e\\u0412`"), refused(ErrorCode.DISPLAY_NAME_TAKEN, true)));
        c.add(alice("set_profile.displayName: b0b looks like bob's login name", profile("`b0b`"), refused(ErrorCode.DISPLAY_NAME_TAKEN, true)));
        c.add(alice("set_profile.displayName: 33 characters", profile("`" + "x".repeat(33) + "`"), refused(ErrorCode.INVALID_DISPLAY_NAME, true)));
        c.add(alice("set_profile.displayName: 257 characters (over the shape bound)", profile("`" + "x".repeat(257) + "`"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_profile.displayName: a number", profile("42"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_profile.displayName: an object", profile("{`name`:`x`}"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_profile.displayName: line feed inside", profile("`Ann\\nLee`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_profile.displayName: no-break space", profile("`Ann\\u00a0Lee`"), refused(ErrorCode.INVALID_DISPLAY_NAME, true)));
        c.add(alice("set_profile.displayName: Robert'); DROP TABLE users;--", profile("`Robert'); DROP TABLE users;--`"),
                answered(ProfileMessage.Profile.class, "profile (stored verbatim)")));
        c.add(alice("get_profiles.usernames: empty", "{`type`:`get_profiles`,`id`:`bad`,`usernames`:[]}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("get_profiles.usernames: 101 names", "{`type`:`get_profiles`,`id`:`bad`,`usernames`:["
                + String.join(",", java.util.Collections.nCopies(101, "`bob`")) + "]}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("get_profiles.usernames: a string, not a list", "{`type`:`get_profiles`,`id`:`bad`,`usernames`:`bob`}",
                refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("get_profiles.usernames: a number inside", "{`type`:`get_profiles`,`id`:`bad`,`usernames`:[7]}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("get_profiles: no usernames", "{`type`:`get_profiles`,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("get_profiles.usernames: Cyrillic о lookalike of bob", "{`type`:`get_profiles`,`id`:`bad`,`usernames`:[`b\\u043eb`]}",
                new Outcome.Answered(ProfileMessage.Profiles.class, ID, "empty profiles (no such user)",
                        (t, r) -> assertThat(((ProfileMessage.Profiles) r).profiles()).isEmpty())));
        c.add(alice("get_avatar.username: bob' --", "{`type`:`get_avatar`,`id`:`bad`,`username`:`bob' --`}", refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("get_avatar.ifNoneMatch: ' OR 1=1 --", "{`type`:`get_avatar`,`id`:`bad`,`username`:`bob`,`ifNoneMatch`:`' OR 1=1 --`}",
                new Outcome.Answered(ProfileMessage.Avatar.class, ID, "avatar with its image (no match)",
                        (t, r) -> assertThat(((ProfileMessage.Avatar) r).image()).isNotEmpty())));

        // Path traversal in every name.
        c.add(register("register.username: ../../etc/passwd", "../../etc/passwd", ErrorCode.INVALID_USERNAME));
        c.add(register("register.username: ..%2F..%2Fetc", "..%2F..%2Fetc", ErrorCode.INVALID_USERNAME));
        c.add(greeted("login.username: ../alice", login("../alice", RunningAppliance.PASSWORD), refused(ErrorCode.AUTH_FAILED, true)));
        c.add(alice("get_avatar.username: ../bob", "{`type`:`get_avatar`,`id`:`bad`,`username`:`../bob`}", refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("get_avatar.username: bob/../carol", "{`type`:`get_avatar`,`id`:`bad`,`username`:`bob/../carol`}", refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("send.sticker: ../smile", send("`sticker`:`../smile`"), refused(ErrorCode.UNKNOWN_STICKER, true)));
        c.add(alice("send.conversation: @../bob", send("`text`:`hi`", "@../bob"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history.conversation: @bob/../carol", "{`type`:`history`,`id`:`bad`,`conversation`:`@bob/../carol`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history.conversation: ..\\\\..\\\\windows", "{`type`:`history`,`id`:`bad`,`conversation`:`..\\\\..\\\\windows`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("clear_history.conversation: dm:1:2 (a stored key)", "{`type`:`clear_history`,`id`:`bad`,`conversation`:`dm:1:2`}",
                refused(ErrorCode.INVALID_FIELD, true)));

        // Keys that are not what a peer credential signs (§5.14, §7.13).
        c.add(alice("peer_credential.publicKey: an EC P-256 key", peerCredential(publicKey("EC")), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("peer_credential.publicKey: an Ed25519 key with a byte appended", peerCredential(concat(publicKey("Ed25519"), new byte[] {0})),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("peer_credential.publicKey: 1,025 bytes", peerCredential(new byte[1025]), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("peer_credential before logging in", peerCredential(publicKey("Ed25519")), refused(ErrorCode.NOT_AUTHENTICATED, true)));
        String strangersCredential = "{`username`:`alice`,`publicKey`:`AA==`,`issuedAt`:1,`expiresAt`:2,`certificate`:`AQID`,`signature`:`AA==`}";
        c.add(alice("submit_direct: a credential from a certificate nobody pinned", "{`type`:`submit_direct`,`id`:`bad`,`credential`:"
                + strangersCredential + ",`message`:{`clientMsgId`:`m`,`conversation`:`group`,`text`:`hi`,`sentAt`:1,`signature`:`AA==`}}",
                refused(ErrorCode.UNTRUSTED_PEER, true)));
        c.add(alice("submit_direct: no message", "{`type`:`submit_direct`,`id`:`bad`,`credential`:" + strangersCredential + "}",
                refused(ErrorCode.MISSING_FIELD, true)));

        // Images that lie, bombs, broken files (§7.9).
        c.add(avatar("set_avatar: PNG signature, then garbage", concat(Arrays.copyOf(Images.real("png", 4, 4), 8), "not really".getBytes(StandardCharsets.US_ASCII)),
                ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: PNG signature on a JPEG body", concat(Arrays.copyOf(Images.real("png", 4, 4), 8), Images.real("jpeg", 8, 8)),
                ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: JPEG marker on a PNG body", concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Images.real("png", 8, 8)),
                ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: GIF89a header on random bytes", concat("GIF89a".getBytes(StandardCharsets.US_ASCII), randomBytes(200)), ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: BMP (a real image, not an accepted format)", Images.real("bmp", 8, 8), ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: SVG text", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8),
                ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: WebP (RIFF....WEBP)", concat("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), randomBytes(64)), ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: zero bytes", new byte[0], ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: PNG cut in half", half(Images.real("png", 64, 64)), ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: JPEG cut inside its header", Arrays.copyOf(Images.real("jpeg", 64, 64), 40), ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: PNG announcing 0 x 0 pixels", Images.pngClaiming(0, 0), ErrorCode.INVALID_IMAGE));
        c.add(avatar("set_avatar: PNG decompression bomb, 20000 x 20000", BOMB, ErrorCode.IMAGE_TOO_LARGE));
        c.add(avatar("set_avatar: GIF bomb announcing 65535 x 65535", Images.gifClaiming(65_535, 65_535), ErrorCode.IMAGE_TOO_LARGE));
        c.add(avatar("set_avatar: JPEG header announcing 60000 x 60000", Images.jpegClaiming(60_000, 60_000), ErrorCode.IMAGE_TOO_LARGE));
        c.add(avatar("set_avatar: PNG header announcing 4097 x 1", Images.pngClaiming(4097, 1), ErrorCode.IMAGE_TOO_LARGE));
        c.add(avatar("set_avatar: 524289 bytes (one over the limit)", Arrays.copyOf(Images.real("png", 4, 4), 524_289), ErrorCode.IMAGE_TOO_LARGE));
        c.add(alice("set_avatar.image: URL-safe base64 (-_)", "{`type`:`set_avatar`,`id`:`bad`,`image`:`iVBO-_==`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_avatar.image: base64 without padding", "{`type`:`set_avatar`,`id`:`bad`,`image`:`iVBORw0`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_avatar.image: base64 with a line feed (MIME style)", "{`type`:`set_avatar`,`id`:`bad`,`image`:`" + mime("\\n") + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_avatar.image: base64 with CR LF", "{`type`:`set_avatar`,`id`:`bad`,`image`:`" + mime("\\r\\n") + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_avatar.image: base64 with a space", "{`type`:`set_avatar`,`id`:`bad`,`image`:`" + mime(" ") + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_avatar.image: base64 with a tab", "{`type`:`set_avatar`,`id`:`bad`,`image`:`" + mime("\\t") + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("register.avatar: base64 with a line feed (no account is created)", "{`type`:`register`,`id`:`bad`,`username`:`mimeuser`,"
                + "`password`:`long enough pw`,`avatar`:`" + mime("\\n") + "`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("register.avatar: a PNG bomb (no account is created)", "{`type`:`register`,`id`:`bad`,`username`:`bombshell`,`password`:`long enough pw`,`avatar`:`"
                + Base64.getEncoder().encodeToString(BOMB) + "`}", refused(ErrorCode.IMAGE_TOO_LARGE, true)));

        // Requests in the wrong state (§4.1).
        c.add(json("ping before hello", "{`type`:`ping`,`id`:`bad`}", Stage.CONNECTED, answered(SessionMessage.Pong.class, "pong")));
        c.add(json("login before hello", login("alice", RunningAppliance.PASSWORD), Stage.CONNECTED, refused(ErrorCode.HELLO_REQUIRED, true)));
        c.add(json("send before hello", send("`text`:`hi`"), Stage.CONNECTED, refused(ErrorCode.HELLO_REQUIRED, true)));
        c.add(json("a malformed send before hello", send("`text`:5"), Stage.CONNECTED, refused(ErrorCode.WRONG_TYPE, true)));
        c.add(greeted("send before login", send("`text`:`hi`"), refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(greeted("history before login", "{`type`:`history`,`id`:`bad`,`conversation`:`@alice`}", refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(greeted("conversations before login", "{`type`:`conversations`,`id`:`bad`}", refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(greeted("logout before login", "{`type`:`logout`,`id`:`bad`}", refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(alice("register while logged in", "{`type`:`register`,`id`:`bad`,`username`:`second`,`password`:`long enough pw`}",
                refused(ErrorCode.ALREADY_AUTHENTICATED, true)));
        c.add(alice("hello again while logged in", "{`type`:`hello`,`id`:`bad`,`protocol`:1,`client`:`again`}",
                answered(SessionMessage.Welcome.class, "welcome (still logged in)")));
        c.add(greeted("resume with an unknown token", "{`type`:`resume`,`id`:`bad`,`token`:`" + "A".repeat(43) + "`}", refused(ErrorCode.TOKEN_INVALID, true)));

        // Sends to oneself, to nobody, reused ids.
        c.add(alice("send to @alice (oneself)", send("`text`:`me`", "@alice"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send to @ALICE (oneself, other case)", send("`text`:`me`", "@ALICE"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("history of @Alice (oneself)", "{`type`:`history`,`id`:`bad`,`conversation`:`@Alice`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("clear_history of @alice (oneself)", "{`type`:`clear_history`,`id`:`bad`,`conversation`:`@alice`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send to @nobody", send("`text`:`hello?`", "@nobody"), refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("send.conversation: Group (wrong case)", send("`text`:`hi`", "Group"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.conversation: #general", send("`text`:`hi`", "#general"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(new Case("send: a clientMsgId reused for other text", Stage.ALICE, t -> {
            String key = "reused-" + UUID.randomUUID();
            t.send(Conversation.GROUP, "first text", key);
            t.sendRaw(frame(j("{`type`:`send`,`id`:`bad`,`clientMsgId`:`" + key + "`,`conversation`:`group`,`text`:`other text`}")));
        }, refused(ErrorCode.CLIENT_MSG_ID_CONFLICT, true)));

        // Someone else's private conversation: there is no way to name it (§3.7); what carol gets is her own.
        c.add(carol("carol: history of @alice", "{`type`:`history`,`id`:`bad`,`conversation`:`@alice`}",
                new Outcome.Answered(ConversationMessage.HistoryPage.class, ID, "empty history_page (carol-and-alice)", BadInputCatalogueTest::empty)));
        c.add(carol("carol: history of @BOB after 0 (catch-up)", "{`type`:`history`,`id`:`bad`,`conversation`:`@BOB`,`after`:0}",
                new Outcome.Answered(ConversationMessage.HistoryPage.class, ID, "empty history_page (carol-and-bob)", BadInputCatalogueTest::empty)));
        c.add(carol("carol: conversations", "{`type`:`conversations`,`id`:`bad`}",
                new Outcome.Answered(ConversationMessage.ConversationList.class, ID, "only the group", (t, r) ->
                        assertThat(((ConversationMessage.ConversationList) r).conversations())
                                .extracting(i -> i.conversation().value()).containsExactly("group"))));

        // Read marks and typing (§5.19–5.21): the numbers are checked like history's, the names like every request's.
        c.add(alice("mark_read.seq: -1", markRead("`group`", "-1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("mark_read.seq: missing", "{`type`:`mark_read`,`id`:`bad`,`conversation`:`group`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("mark_read.seq: null", markRead("`group`", "null"), refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("mark_read.seq: the string \"5\"", markRead("`group`", "`5`"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("mark_read.seq: 1.5", markRead("`group`", "1.5"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("mark_read.seq: 9223372036854775808 (over 64 bits)", markRead("`group`", "9223372036854775808"),
                refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("mark_read.seq: 9223372036854775807 (reduced to the newest)", markRead("`@bob`", "9223372036854775807"),
                new Outcome.Answered(SessionMessage.Ok.class, ID, "ok, the mark reduced to the newest message", (t, r) ->
                        assertThat(t.request(new ConversationRequest.ReadMarksRequest("rm", Conversation.with("bob")), ConversationMessage.ReadMarks.class)
                                .marks()).contains(new ConversationMessage.ReadMark("alice", 2)))));
        c.add(alice("mark_read.conversation: dm:1:2 (a stored key)", markRead("`dm:1:2`", "1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("mark_read of @alice (oneself)", markRead("`@alice`", "1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("mark_read of @nobody", markRead("`@nobody`", "1"), refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("read_marks.conversation: missing", "{`type`:`read_marks`,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("read_marks.conversation: 5", "{`type`:`read_marks`,`id`:`bad`,`conversation`:5}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("read_marks of @nobody", "{`type`:`read_marks`,`id`:`bad`,`conversation`:`@nobody`}", refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("typing.conversation: #general", "{`type`:`typing`,`id`:`bad`,`conversation`:`#general`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("typing in @ALICE (oneself)", "{`type`:`typing`,`id`:`bad`,`conversation`:`@ALICE`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("typing in @nobody", "{`type`:`typing`,`id`:`bad`,`conversation`:`@nobody`}", refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(new Case("typing: 200 in a row to @bob (a flood)", Stage.ALICE, t -> {
            for (int i = 0; i < 200; i++) {
                t.sendRaw(frame(j("{`type`:`typing`,`id`:`bad`,`conversation`:`@bob`}")));
            }
        }, new Outcome.Answered(SessionMessage.Ok.class, ID, "ok to every one (relayed at most once per 2 s)", (t, r) ->
                await().atMost(TestClient.TIMEOUT).until(() -> t.received().stream()
                        .filter(SessionMessage.Ok.class::isInstance).count() == 200))));
        c.add(greeted("mark_read before login", markRead("`group`", "1"), refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(greeted("typing before login", "{`type`:`typing`,`id`:`bad`,`conversation`:`group`}", refused(ErrorCode.NOT_AUTHENTICATED, true)));
        // Presence states (§5.25, §7.20): three states spelled exactly, a short status text with the display name's characters.
        c.add(alice("set_presence.state: offline (not a state one chooses)", presence("`offline`", null), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_presence.state: Busy (capitalized)", presence("`Busy`", null), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_presence.state: empty", presence("``", null), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_presence.state: missing", "{`type`:`set_presence`,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("set_presence.state: null", presence("null", null), refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("set_presence.state: the number 2", presence("2", null), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_presence.state: a list", presence("[`busy`]", null), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_presence.statusText: right-to-left override", presence("`busy`", "`meeting\\u202etxt.exe`"),
                refused(ErrorCode.INVALID_STATUS_TEXT, true)));
        c.add(alice("set_presence.statusText: zero-width space inside", presence("`away`", "`lu\\u200bnch`"), refused(ErrorCode.INVALID_STATUS_TEXT, true)));
        c.add(alice("set_presence.statusText: no-break space", presence("`away`", "`out\\u00a0to lunch`"), refused(ErrorCode.INVALID_STATUS_TEXT, true)));
        c.add(alice("set_presence.statusText: 81 characters", presence("`busy`", "`" + "x".repeat(81) + "`"), refused(ErrorCode.INVALID_STATUS_TEXT, true)));
        c.add(alice("set_presence.statusText: 257 characters (over the shape bound)", presence("`busy`", "`" + "x".repeat(257) + "`"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_presence.statusText: line feed inside", presence("`busy`", "`in a\\nmeeting`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("set_presence.statusText: a number", presence("`busy`", "42"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_presence.statusText: an object", presence("`busy`", "{`text`:`x`}"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("set_presence.statusText: '); DROP TABLE presence_states;--", presence("`available`", "`'); DROP TABLE presence_states;--`"),
                answered(SessionMessage.Ok.class, "ok (stored verbatim)")));
        c.add(greeted("set_presence before login", presence("`busy`", null), refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(carol("carol: read_marks of @alice", "{`type`:`read_marks`,`id`:`bad`,`conversation`:`@alice`}",
                new Outcome.Answered(ConversationMessage.ReadMarks.class, ID, "no marks (carol-and-alice)", BadInputCatalogueTest::noMarks)));
        c.add(carol("carol: read_marks of @BOB", "{`type`:`read_marks`,`id`:`bad`,`conversation`:`@BOB`}",
                new Outcome.Answered(ConversationMessage.ReadMarks.class, ID, "no marks (carol-and-bob)", BadInputCatalogueTest::noMarks)));

        // Search (§5.26, §7.22): the shape is checked before anything is read; a private name means the searcher's own.
        c.add(alice("search.text: empty", search("`text`:``"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.text: blank", search("`text`:`   `"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.text: 201 characters", search("`text`:`" + "x".repeat(201) + "`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.text: line feed inside", search("`text`:`a\\nb`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.text: missing", search("`limit`:5"), refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("search.text: a number", search("`text`:42"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("search.text: an array", search("`text`:[`a`]"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("search.limit: 0", search("`text`:`secret`,`limit`:0"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.limit: -5", search("`text`:`secret`,`limit`:-5"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.limit: 2^31 (over 32 bits)", search("`text`:`secret`,`limit`:2147483648"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("search.limit: the string \"5\"", search("`text`:`secret`,`limit`:`5`"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("search.before: 0", search("`text`:`secret`,`before`:0"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.conversation: dm:1:2 (a stored key)", search("`text`:`secret`,`conversation`:`dm:1:2`"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("search.text: % and _ (LIKE wildcards)", search("`text`:`%_%`"),
                new Outcome.Answered(ConversationMessage.SearchResults.class, ID, "no hits: searched for literally", BadInputCatalogueTest::noHits)));
        c.add(alice("search.limit: 2147483647 (reduced to 50)", search("`text`:`secret`,`limit`:2147483647"),
                new Outcome.Answered(ConversationMessage.SearchResults.class, ID, "alice's own three: two private, one in her room",
                        (t, r) -> assertThat(((ConversationMessage.SearchResults) r).hits()).hasSize(3))));
        c.add(alice("search in @nobody", search("`text`:`secret`,`conversation`:`@nobody`"), refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(carol("carol: search for alice and bob's secret", search("`text`:`secret`"),
                new Outcome.Answered(ConversationMessage.SearchResults.class, ID, "no hits", BadInputCatalogueTest::noHits)));
        c.add(carol("carol: search in @alice (forged: means carol-and-alice)", search("`text`:`secret`,`conversation`:`@alice`"),
                new Outcome.Answered(ConversationMessage.SearchResults.class, ID, "no hits", BadInputCatalogueTest::noHits)));
        c.add(carol("carol: search in @BOB (forged: means carol-and-bob)", search("`text`:`secret`,`conversation`:`@BOB`"),
                new Outcome.Answered(ConversationMessage.SearchResults.class, ID, "no hits", BadInputCatalogueTest::noHits)));
        c.add(greeted("search before login", search("`text`:`secret`"), refused(ErrorCode.NOT_AUTHENTICATED, true)));

        // Rooms (§5.27–§5.35, §7.23): the shape first; then carol, outside alice and bob's private room #1, learns
        // nothing of it: every request naming it is answered as for #999, a room nobody has.
        c.add(alice("create_room.name: missing", "{`type`:`create_room`,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("create_room.name: blank (white space only)", "{`type`:`create_room`,`id`:`bad`,`name`:` \u3000 `}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("create_room.name: 65 characters", "{`type`:`create_room`,`id`:`bad`,`name`:`" + "x".repeat(65) + "`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("create_room.name: line feed inside", "{`type`:`create_room`,`id`:`bad`,`name`:`a\\nb`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("create_room.topic: 251 characters", "{`type`:`create_room`,`id`:`bad`,`name`:`x`,`topic`:`"
                + "t".repeat(251) + "`}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("create_room.visibility: secret", "{`type`:`create_room`,`id`:`bad`,`name`:`x`,`visibility`:`secret`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("create_room.visibility: true (not a string)", "{`type`:`create_room`,`id`:`bad`,`name`:`x`,`visibility`:true}",
                refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("create_room.name: '; DROP TABLE rooms; -- (stored verbatim)",
                "{`type`:`create_room`,`id`:`bad`,`name`:`'; DROP TABLE rooms; --`,`visibility`:`private`}",
                answered(RoomMessage.Room.class, "room (stored verbatim)")));
        for (String room : List.of("group", "@bob", "#0", "#012", "#-1", "#general", "#1.5", "#99999999999999999999", "room:1")) {
            c.add(alice("join_room.room: " + room, "{`type`:`join_room`,`id`:`bad`,`room`:`" + room + "`}",
                    refused(ErrorCode.INVALID_FIELD, true)));
        }
        c.add(alice("join_room.room: 1 (a number)", "{`type`:`join_room`,`id`:`bad`,`room`:1}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("join_room.room: missing", "{`type`:`join_room`,`id`:`bad`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("update_room: neither name nor topic", "{`type`:`update_room`,`id`:`bad`,`room`:`#1`}",
                refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("invite.username: missing", "{`type`:`invite`,`id`:`bad`,`room`:`#1`}", refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("invite.username: nobody", "{`type`:`invite`,`id`:`bad`,`room`:`#1`,`username`:`nobody`}",
                refused(ErrorCode.UNKNOWN_RECIPIENT, true)));
        c.add(alice("remove_member.username: herself (the creator)", "{`type`:`remove_member`,`id`:`bad`,`room`:`#1`,`username`:`alice`}",
                refused(ErrorCode.INVALID_FIELD, true)));
        for (String room : List.of("#1", "#999")) {
            String which = room.equals("#1") ? "the private room" : "no room";
            c.add(carol("carol: send to " + room + " (" + which + ")", send("`text`:`hi`", room), refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: history of " + room, "{`type`:`history`,`id`:`bad`,`conversation`:`" + room + "`}",
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: room_members of " + room, "{`type`:`room_members`,`id`:`bad`,`room`:`" + room + "`}",
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: join_room " + room, "{`type`:`join_room`,`id`:`bad`,`room`:`" + room + "`}",
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: invite herself to " + room, "{`type`:`invite`,`id`:`bad`,`room`:`" + room + "`,`username`:`carol`}",
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: mark_read " + room, markRead("`" + room + "`", "1"), refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: read_marks of " + room, "{`type`:`read_marks`,`id`:`bad`,`conversation`:`" + room + "`}",
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: react in " + room, change("react", room, "1", "`emoji`:`\uD83D\uDC4D`"),
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: search in " + room, search("`text`:`secret`,`conversation`:`" + room + "`"),
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
            c.add(carol("carol: archive_room " + room, "{`type`:`archive_room`,`id`:`bad`,`room`:`" + room + "`}",
                    refused(ErrorCode.ROOM_NOT_FOUND, true)));
        }
        c.add(carol("carol: rooms (the private room is not listed)", "{`type`:`rooms`,`id`:`bad`}",
                new Outcome.Answered(RoomMessage.RoomList.class, ID, "no rooms", (t, r) -> {
                    assertThat(((RoomMessage.RoomList) r).joined()).isEmpty();
                    assertThat(((RoomMessage.RoomList) r).open()).isEmpty();
                })));
        c.add(greeted("rooms before login", "{`type`:`rooms`,`id`:`bad`}", refused(ErrorCode.NOT_AUTHENTICATED, true)));
        // Paging rooms and room_members (§5.28, §5.35): a cursor is checked for shape only; a forged one that passes is
        // just a place in the order, so carol's naming the private room #1 still lists nothing of it.
        for (String after : List.of("j-1:x", "j0:x", "x1:a", "j1", "", "j99999999999999999999:x", "j1:" + "n".repeat(254))) {
            c.add(alice("rooms.after: " + (after.length() > 30 ? after.substring(0, 20) + "… (" + after.length() + " characters)" : "'" + after + "'"),
                    "{`type`:`rooms`,`id`:`bad`,`after`:`" + after + "`}", refused(ErrorCode.INVALID_FIELD, true)));
        }
        c.add(alice("rooms.after: 12 (a number)", "{`type`:`rooms`,`id`:`bad`,`after`:12}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("rooms.limit: 0", "{`type`:`rooms`,`id`:`bad`,`limit`:0}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("rooms.limit: -1", "{`type`:`rooms`,`id`:`bad`,`limit`:-1}", refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("rooms.limit: `5` (a string)", "{`type`:`rooms`,`id`:`bad`,`limit`:`5`}", refused(ErrorCode.WRONG_TYPE, true)));
        c.add(carol("carol: rooms after a cursor naming the private room #1", "{`type`:`rooms`,`id`:`bad`,`after`:`j1:a`}",
                new Outcome.Answered(RoomMessage.RoomList.class, ID, "no rooms", (t, r) -> {
                    assertThat(((RoomMessage.RoomList) r).joined()).isEmpty();
                    assertThat(((RoomMessage.RoomList) r).open()).isEmpty();
                })));
        for (String after : List.of("-1", "../etc", "ab", "x".repeat(33), "bob smith")) {
            c.add(alice("room_members.after: '" + after + "'", "{`type`:`room_members`,`id`:`bad`,`room`:`#1`,`after`:`" + after + "`}",
                    refused(ErrorCode.INVALID_FIELD, true)));
        }
        c.add(alice("room_members.limit: 0", "{`type`:`room_members`,`id`:`bad`,`room`:`#1`,`limit`:0}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(carol("carol: room_members of #1 after alice (still not a member)",
                "{`type`:`room_members`,`id`:`bad`,`room`:`#1`,`after`:`alice`}", refused(ErrorCode.ROOM_NOT_FOUND, true)));

        // Files (§5.36-5.39, §7.24): shapes first; a private name means the requester's own conversation, and every
        // reason a file is out of reach is the same no_such_attachment.
        String file = "`fileId`:`" + "ab".repeat(32) + "`";
        c.add(alice("upload_begin.fileId: upper-case hex", upload("`fileId`:`" + "AB".repeat(32) + "`,`size`:10"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_begin.fileId: 63 digits", upload("`fileId`:`" + "a".repeat(63) + "`,`size`:10"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_begin.fileId: ../../etc/passwd", upload("`fileId`:`../../etc/passwd`,`size`:10"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_begin.fileId: missing", upload("`size`:10"), refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("upload_begin.size: 0", upload(file + ",`size`:0"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_begin.size: -1", upload(file + ",`size`:-1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_begin.size: 2^63 (over 64 bits)", upload(file + ",`size`:9223372036854775808"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("upload_begin.size: the string \"10\"", upload(file + ",`size`:`10`"), refused(ErrorCode.WRONG_TYPE, true)));
        c.add(alice("upload_begin.size: 1 TiB (over the limit)", upload(file + ",`size`:1099511627776"), refused(ErrorCode.FILE_TOO_LARGE, true)));
        c.add(alice("upload_begin.mediaType: NUL inside", upload(file + ",`size`:10,`mediaType`:`text/\\u0000html`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_chunk without upload_begin", chunk(file + ",`offset`:0,`data`:`AAAA`"), refused(ErrorCode.WRONG_OFFSET, true)));
        c.add(alice("upload_chunk.data: not base64", chunk(file + ",`offset`:0,`data`:`%%%%`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_chunk.data: empty", chunk(file + ",`offset`:0,`data`:``"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_chunk.offset: -1", chunk(file + ",`offset`:-1,`data`:`AAAA`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("upload_chunk.offset: missing", chunk(file + ",`data`:`AAAA`"), refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("download.seq: 0", download("group", "0", "0"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("download.offset: -1", download("group", "1", "-1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("download.length: 0", "{`type`:`download`,`id`:`bad`,`conversation`:`group`,`seq`:1,`offset`:0,`length`:0}",
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("download: a message without a file (@bob 1)", download("@bob", "1", "0"), refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(alice("download: @nobody", download("@nobody", "1", "0"), refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(carol("carol: download @alice 1 (forged: means carol-and-alice)", download("@alice", "1", "0"),
                refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(carol("carol: download @BOB 2 (forged: means carol-and-bob)", download("@BOB", "2", "0"),
                refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(carol("carol: download group 9223372036854775807", download("group", "9223372036854775807", "0"),
                refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(carol("carol: get_thumbnail @alice 1", "{`type`:`get_thumbnail`,`id`:`bad`,`conversation`:`@alice`,`seq`:1}",
                refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(alice("send.attachment: not a SHA-256", send("`text`:`x.pdf`,`attachment`:`x.pdf`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.attachment: with a sticker", send("`text`:`x.pdf`,`sticker`:`party`," + file.replace("fileId", "attachment")),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.attachment: a name with a line feed", send("`text`:`a\\nb.pdf`," + file.replace("fileId", "attachment")),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("send.attachment: never uploaded", send("`text`:`x.pdf`," + file.replace("fileId", "attachment")),
                refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(greeted("upload_begin before login", upload(file + ",`size`:10"), refused(ErrorCode.NOT_AUTHENTICATED, true)));

        // Raw transfers (§5.40, §7.25): a ticket is asked for on the chat connection with the checks of upload_begin or
        // download, and redeemed only as the first frame of a new connection; a forged one closes that connection.
        c.add(alice("transfer_ticket.direction: sideways", ticket("`direction`:`sideways`," + file + ",`size`:10"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("transfer_ticket.direction: missing", ticket(file + ",`size`:10"), refused(ErrorCode.MISSING_FIELD, true)));
        c.add(alice("transfer_ticket: an upload naming a conversation too",
                ticket("`direction`:`upload`," + file + ",`size`:10,`conversation`:`group`"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("transfer_ticket: an upload of size 0", ticket("`direction`:`upload`," + file + ",`size`:0"),
                refused(ErrorCode.INVALID_FIELD, true)));
        c.add(alice("transfer_ticket: an upload of 1 TiB (over the limit)",
                ticket("`direction`:`upload`," + file + ",`size`:1099511627776"), refused(ErrorCode.FILE_TOO_LARGE, true)));
        c.add(alice("transfer_ticket: a download from offset -1",
                ticket("`direction`:`download`,`conversation`:`group`,`seq`:1,`offset`:-1"), refused(ErrorCode.INVALID_FIELD, true)));
        c.add(carol("carol: transfer_ticket for the file of @alice 1 (forged: means carol-and-alice)",
                ticket("`direction`:`download`,`conversation`:`@alice`,`seq`:1,`offset`:0"), refused(ErrorCode.NO_SUCH_ATTACHMENT, true)));
        c.add(greeted("transfer_ticket before login", ticket("`direction`:`upload`," + file + ",`size`:10"),
                refused(ErrorCode.NOT_AUTHENTICATED, true)));
        c.add(json("transfer: a forged ticket", "{`type`:`transfer`,`id`:`bad`,`ticket`:`" + "A".repeat(43) + "`}",
                Stage.CONNECTED, refused(ErrorCode.TICKET_INVALID, true)));
        c.add(json("transfer: a ticket of 129 characters", "{`type`:`transfer`,`id`:`bad`,`ticket`:`" + "A".repeat(129) + "`}",
                Stage.CONNECTED, refused(ErrorCode.INVALID_FIELD, true)));
        c.add(greeted("transfer after hello (only a new connection's first frame)",
                "{`type`:`transfer`,`id`:`bad`,`ticket`:`" + "A".repeat(43) + "`}", refused(ErrorCode.INVALID_FIELD, true)));

        return c.stream();
    }

    // ------------------------------------------------------------------ running a case

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyBadInputGetsTheAnswerTheSpecGivesIt(Case c) {
        TestClient client = switch (c.stage()) {
            case CONNECTED -> appliance.connectWithoutHello(null);
            case GREETED -> appliance.connect();
            case ALICE -> resumed(aliceToken);
            case CAROL -> resumed(carolToken);
        };
        int port = client.localPort();
        c.send().accept(client);
        switch (c.outcome()) {
            case Outcome.Refused r -> {
                SessionMessage.Error error = client.await(SessionMessage.Error.class, e -> true);
                assertThat(error.code()).as("%s", error).isEqualTo(r.code());
                assertThat(error.id()).as("echoed id").isEqualTo(r.echoesId() ? ID : null);
                assertThat(error.message()).isNotBlank().doesNotContain(SECRET);
                assertSafeToShow(error.message());
                survivesOrCloses(client, r.code().closesConnection());
            }
            case Outcome.Answered a -> {
                ServerMessage reply = client.awaitReply(a.id());
                assertThat(reply).isInstanceOf(a.reply());
                a.check().accept(client, reply);
                survivesOrCloses(client, false);
            }
            case Outcome.Goodbye g -> {
                assertThat(client.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(g.reason());
                client.awaitClosed();
            }
            case Outcome.Truncated t -> await().atMost(TestClient.TIMEOUT).until(() -> loggedTruncated(port));
        }
        Figures.row("catalogue", c.input(), c.stage().label, c.outcome().toString());
        if (c.stage() != Stage.ALICE) {
            assertThat(client.received()).as("nothing of alice and bob's private conversation reaches anyone else")
                    .noneMatch(m -> m.toString().contains(SECRET));
        }
        client.close();
    }

    @Order(2)
    @Test
    void theCatalogueHasAtLeastFiftyDistinctInputsAndCoversTheErrorCodes() {
        List<Case> all = catalogue().toList();
        Set<String> inputs = all.stream().map(Case::input).collect(Collectors.toSet());
        Set<ErrorCode> codes = all.stream().map(Case::outcome).filter(Outcome.Refused.class::isInstance)
                .map(o -> ((Outcome.Refused) o).code()).collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
        assertThat(inputs).hasSize(all.size()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(codes).contains(ErrorCode.FRAME_EMPTY, ErrorCode.FRAME_TOO_LARGE, ErrorCode.INVALID_UTF8, ErrorCode.INVALID_JSON,
                ErrorCode.UNKNOWN_TYPE, ErrorCode.MISSING_FIELD, ErrorCode.WRONG_TYPE, ErrorCode.INVALID_FIELD,
                ErrorCode.UNSUPPORTED_VERSION, ErrorCode.HELLO_REQUIRED, ErrorCode.NOT_AUTHENTICATED, ErrorCode.ALREADY_AUTHENTICATED,
                ErrorCode.INVALID_USERNAME, ErrorCode.USERNAME_TAKEN, ErrorCode.AUTH_FAILED, ErrorCode.TOKEN_INVALID,
                ErrorCode.UNKNOWN_RECIPIENT, ErrorCode.UNKNOWN_STICKER, ErrorCode.TEXT_TOO_LONG, ErrorCode.EMPTY_MESSAGE,
                ErrorCode.CLIENT_MSG_ID_CONFLICT, ErrorCode.INVALID_IMAGE, ErrorCode.IMAGE_TOO_LARGE,
                ErrorCode.INVALID_DISPLAY_NAME, ErrorCode.DISPLAY_NAME_TAKEN,
                ErrorCode.UNKNOWN_TARGET, ErrorCode.NOT_YOUR_MESSAGE, ErrorCode.EDIT_WINDOW_CLOSED);
        String scenario = "bad-input catalogue";
        Figures.record(scenario, "distinct bad inputs, each with its exact answer", all.size());
        Figures.record(scenario, "error codes exercised", codes.size());
        Figures.record(scenario, "inputs the protocol accepts on purpose (listed with what they get)",
                all.stream().filter(x -> x.outcome() instanceof Outcome.Answered).count());
    }

    @Order(3)
    @Test
    void afterTheCatalogueTheAccountsAndHistoryAreIntact() {
        TestClient alice = appliance.connect();
        alice.login("alice", RunningAppliance.PASSWORD);
        ConversationMessage.HistoryPage page = alice.request(new ConversationRequest.HistoryRequest("h", Conversation.with("bob"), null, 0L, 10),
                ConversationMessage.HistoryPage.class);
        assertThat(page.messages()).extracting(ConversationMessage.ChatMessage::text).containsExactly(SECRET, SECRET + ", answered");
        assertThat(appliance.connect().login("carol", RunningAppliance.PASSWORD).username()).isEqualTo("carol");
        for (String name : List.of("robert'); DROP TABLE users;--", "../../etc/passwd", "bombshell", "second")) {
            assertThat(appliance.connect().roundTrip(new ProfileRequest.GetAvatar("a", name.replaceAll("[^A-Za-z0-9._-]", "x"), null)))
                    .as("no account was created for %s", name).isInstanceOf(SessionMessage.Error.class);
        }
    }

    /** §6.12: a message a user may see names nothing of the appliance's insides. */
    private static void assertSafeToShow(String message) {
        for (String internal : List.of("jackson", "StreamReadConstraints", "com.fasterxml", "exception", "[source", "reference chain")) {
            assertThat(message).doesNotContainIgnoringCase(internal);
        }
        for (String javaName : List.of("java.", "org.lanchat", "ClientMessage", "ServerMessage", "`", "\tat ", "Integer", "Long", "String")) {
            assertThat(message).doesNotContain(javaName);
        }
        assertThat(message).as("no Java class name").doesNotContainPattern("\\b[a-z]+\\.[a-z]+\\.[A-Za-z]");
    }

    /** A small real PNG as base64 with {@code gap} (JSON text) in the middle, as MIME encoders break lines. */
    private static String mime(String gap) {
        String base64 = Base64.getEncoder().encodeToString(Images.real("png", 4, 4));
        return base64.substring(0, 16) + gap + base64.substring(16);
    }

    private static TestClient resumed(String token) {
        TestClient client = appliance.connect();
        client.resume(token);
        return client;
    }

    private static void survivesOrCloses(TestClient client, boolean closes) {
        if (closes) {
            client.awaitClosed();
        } else {
            assertThat(client.request(new SessionRequest.Ping("still-there"), SessionMessage.Pong.class).id()).isEqualTo("still-there");
        }
    }

    /** Whether the appliance logged this connection (by its client port) as ended inside a frame. */
    private static boolean loggedTruncated(int clientPort) {
        synchronized (sessionLog) { // logback appends under the appender's lock, from the appliance's threads
            return sessionLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains(":" + clientPort + " ") && m.contains(ErrorCode.FRAME_TRUNCATED.wireName()));
        }
    }

    // ------------------------------------------------------------------ building cases

    /** JSON with backticks for double quotes, so the cases stay readable (single quotes are SQL's). */
    private static String j(String json) {
        return json.replace('`', '"');
    }

    private static byte[] frame(String body) {
        return frame(body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(byte[] body) {
        return Frames.frame(body, FrameLimits.DEFAULT);
    }

    private static byte[] header(long length) {
        return ByteBuffer.allocate(4).putInt((int) length).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        return concat(concat(before.getBytes(StandardCharsets.UTF_8), middle), after.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] half(byte[] b) {
        return Arrays.copyOf(b, b.length / 2);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    private static String peerCredential(byte[] publicKey) {
        return "{`type`:`peer_credential`,`id`:`bad`,`publicKey`:`" + Base64.getEncoder().encodeToString(publicKey) + "`}";
    }

    private static byte[] publicKey(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String profile(String displayName) {
        return "{`type`:`set_profile`,`id`:`bad`,`displayName`:" + displayName + "}";
    }

    private static String presence(String state, String statusText) {
        return "{`type`:`set_presence`,`id`:`bad`,`state`:" + state + (statusText == null ? "" : ",`statusText`:" + statusText) + "}";
    }

    private static Outcome refused(ErrorCode code, boolean echoesId) {
        return new Outcome.Refused(code, echoesId);
    }

    private static Outcome answered(Class<? extends ServerMessage> reply, String note) {
        return new Outcome.Answered(reply, ID, note, (t, r) -> { });
    }

    /** Acknowledged, and history returns exactly the text that was sent. */
    private static Outcome stored(String text) {
        return new Outcome.Answered(ConversationMessage.Ack.class, ID, "ack, stored and returned verbatim",
                (t, r) -> assertThat(newest(t, "group").text()).isEqualTo(text));
    }

    private static ConversationMessage.ChatMessage newest(TestClient t, String conversation) {
        ConversationMessage.HistoryPage page = t.request(new ConversationRequest.HistoryRequest(t.nextId(), Conversation.of(conversation), null, null, 1),
                ConversationMessage.HistoryPage.class);
        return page.messages().get(0);
    }

    private static void empty(TestClient t, ServerMessage reply) {
        ConversationMessage.HistoryPage page = (ConversationMessage.HistoryPage) reply;
        assertThat(page.messages()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    private static void noMarks(TestClient t, ServerMessage reply) {
        assertThat(((ConversationMessage.ReadMarks) reply).marks()).isEmpty();
    }

    private static void noHits(TestClient t, ServerMessage reply) {
        ConversationMessage.SearchResults results = (ConversationMessage.SearchResults) reply;
        assertThat(results.hits()).isEmpty();
        assertThat(results.hasMore()).isFalse();
    }

    private static String upload(String members) {
        return "{`type`:`upload_begin`,`id`:`bad`," + members + "}";
    }

    private static String ticket(String members) {
        return "{`type`:`transfer_ticket`,`id`:`bad`," + members + "}";
    }

    private static String chunk(String members) {
        return "{`type`:`upload_chunk`,`id`:`bad`," + members + "}";
    }

    private static String download(String conversation, String seq, String offset) {
        return "{`type`:`download`,`id`:`bad`,`conversation`:`" + conversation + "`,`seq`:" + seq + ",`offset`:" + offset + "}";
    }

    private static String search(String members) {
        return "{`type`:`search`,`id`:`bad`," + members + "}";
    }

    private static String markRead(String conversation, String seq) {
        return "{`type`:`mark_read`,`id`:`bad`,`conversation`:" + conversation + ",`seq`:" + seq + "}";
    }

    private static Case raw(String input, Stage stage, byte[] bytes, Outcome outcome) {
        return new Case(input, stage, t -> t.sendRaw(bytes), outcome);
    }

    private static Case body(String input, byte[] body, Outcome outcome) {
        return raw(input, Stage.GREETED, frame(body), outcome);
    }

    private static Case json(String input, String json, Outcome outcome) {
        return json(input, json, Stage.GREETED, outcome);
    }

    private static Case json(String input, String json, Stage stage, Outcome outcome) {
        byte[] bytes = frame(j(json));
        return new Case(input, stage, t -> t.sendRaw(bytes), outcome);
    }

    private static Case greeted(String input, String json, Outcome outcome) {
        return json(input, json, Stage.GREETED, outcome);
    }

    private static Case alice(String input, String json, Outcome outcome) {
        return json(input, json, Stage.ALICE, outcome);
    }

    private static Case carol(String input, String json, Outcome outcome) {
        return json(input, json, Stage.CAROL, outcome);
    }

    private static String send(String members) {
        return send(members, "group");
    }

    private static String send(String members, String conversation) {
        return "{`type`:`send`,`id`:`bad`,`clientMsgId`:`" + UUID.randomUUID() + "`,`conversation`:`" + conversation + "`"
                + (members.isEmpty() ? "" : "," + members) + "}";
    }

    /** An {@code edit}, {@code delete} or {@code react} of {@code target} (written as JSON), with more members. */
    private static String change(String type, String conversation, String target, String members) {
        return "{`type`:`" + type + "`,`id`:`bad`,`clientMsgId`:`" + UUID.randomUUID() + "`,`conversation`:`" + conversation
                + "`,`target`:" + target + (members.isEmpty() ? "" : "," + members) + "}";
    }

    private static String login(String username, String password) {
        return "{`type`:`login`,`id`:`bad`,`username`:`" + username + "`,`password`:`" + password + "`}";
    }

    private static Case register(String input, String username, ErrorCode code) {
        return greeted(input, "{`type`:`register`,`id`:`bad`,`username`:`" + username + "`,`password`:`long enough pw`}",
                refused(code, true));
    }

    private static Case avatar(String input, byte[] image, ErrorCode code) {
        return alice(input, "{`type`:`set_avatar`,`id`:`bad`,`image`:`" + Base64.getEncoder().encodeToString(image) + "`}", refused(code, true));
    }
}
