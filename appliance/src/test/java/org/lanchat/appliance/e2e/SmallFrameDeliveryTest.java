package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;

/**
 * §5.6 and §6.1 at the smallest frame size the configuration allows (1024 bytes): what is acknowledged
 * can be read, live and from history, by a reader using the largest request id the id rule allows; what
 * could not be is refused at send time; and {@code welcome.maxTextChars} says honestly how much fits.
 *
 * <p>The attack this answers: 80 emoji fitted the client's frame (4 bytes each as UTF-8) but not the
 * appliance's (12 bytes each, written as escaped surrogate pairs, plus the event's members); the send was
 * acknowledged, the live event dropped, and history answered {@code frame_too_large} for ever.
 */
class SmallFrameDeliveryTest {
    private static final int FRAME = FrameLimits.MIN_MAX_FRAME_BYTES;
    /** The longest usernames (32 characters), so every name in the frames is as long as it can be. */
    private static final String SENDER = "sender-" + "s".repeat(25);
    private static final String READER = "reader-" + "r".repeat(25);
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

    @TempDir
    static Path dir;
    static RunningAppliance appliance;
    static TestClient sender;
    static TestClient reader;
    static int maxTextChars;

    @BeforeAll
    static void start() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxFrameBytes(FRAME));
        sender = appliance.newUser(SENDER);
        reader = appliance.newUser(READER);
        maxTextChars = reader.hello().limits().maxTextChars();
    }

    @AfterAll
    static void stop() {
        appliance.close();
    }

    @Test
    void eightyEmojiThatFitTheClientsFrameAreRefusedNotAcknowledgedAndLost() {
        // Raw UTF-8, 4 bytes an emoji, as the outside client wrote them: 411 bytes, well inside the frame.
        String id = sender.nextId();
        String json = "{\"type\":\"send\",\"id\":\"" + id + "\",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"conversation\":\"@"
                + READER + "\",\"text\":\"" + "\uD83D\uDE00".repeat(80) + "\"}";
        assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(FRAME);
        sender.sendJson(json);
        SessionMessage.Error error = (SessionMessage.Error) sender.awaitReply(id);
        assertThat(error.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
        assertThat(error.message()).contains("characters");
    }

    @Test
    void welcomeAnnouncesASmallerTextLimitForSmallFrames() {
        assertThat(maxTextChars).isPositive().isLessThan(4000);
        assertThat(appliance.connect().hello().limits().maxFrameBytes()).isEqualTo(FRAME);
    }

    /** Texts of exactly {@code maxTextChars} code points of the costliest kinds to write as JSON. */
    static Stream<Arguments> kindsOfText() {
        return Stream.of(
                Arguments.of("emoji (12 bytes each as JSON)", "\uD83D\uDE00"),
                Arguments.of("CJK (3 bytes each)", "\u4E2D"),
                Arguments.of("double quotes (escaped)", "\""),
                Arguments.of("backslashes (escaped)", "\\"),
                Arguments.of("tab, line feed, carriage return (escaped)", "x\t\n\r"),
                Arguments.of("a mix", "\uD83D\uDE00\"\\\u4E2D\t\u00E9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsOfText")
    void aTextOfMaxTextCharsIsAcknowledgedAndThenReadableLiveAndFromHistory(String kind, String pattern) {
        String text = codePoints(pattern, maxTextChars);
        String clientMsgId = UUID.randomUUID().toString();
        sender.request(send(clientMsgId, text), ConversationMessage.Ack.class);

        ChatMessage live = reader.awaitChat(1, m -> m.clientMsgId().equals(clientMsgId)).get(0);
        assertThat(live.text()).isEqualTo(text);
        ServerMessage page = reader.roundTrip(new ConversationRequest.HistoryRequest(worstId(), Conversation.with(SENDER), null, null, 1));
        assertThat(page).as("history with the largest request id").isInstanceOf(HistoryPage.class);
        assertThat(((HistoryPage) page).messages()).extracting(ChatMessage::text).containsExactly(text);

        SessionMessage.Error longer = sender.requestError(send(UUID.randomUUID().toString(), codePoints(pattern, maxTextChars + 1)));
        assertThat(longer.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
    }

    @Test
    void aShortTextWithAClientMsgIdTooLargeToDeliverIsRefused() {
        // 64 units of 6 bytes: the page would be 758 + 384 + 2 bytes, over 1024.
        SessionMessage.Error error = sender.requestError(send("\uD83D\uDE00".repeat(32), "hi"));
        assertThat(error.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
        assertThat(error.message()).contains("clientMsgId").contains(FRAME + "-byte");
    }

    @Test
    void aStickerWithAClientMsgIdTooLargeToDeliverIsRefused() {
        SessionMessage.Error error = sender.requestError(new Posting.Send(sender.nextId(), "\uD83D\uDE00".repeat(32),
                Conversation.with(READER), null, "thumbs_up"));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(error.message()).contains("clientMsgId");
    }

    /** A fresh request id as large as the id rule allows: 32 emoji, 64 UTF-16 units, each 6 bytes as JSON. */
    private static String worstId() {
        return new StringBuilder().appendCodePoint(0x1F600 + IDS.incrementAndGet()).toString() + "\uD83D\uDE00".repeat(31);
    }

    private static Posting.Send send(String clientMsgId, String text) {
        return new Posting.Send(sender.nextId(), clientMsgId, Conversation.with(READER), text, null);
    }

    /** {@code pattern} repeated and cut to exactly {@code count} code points. */
    private static String codePoints(String pattern, int count) {
        int[] cps = pattern.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.appendCodePoint(cps[i % cps.length]);
        }
        return s.toString();
    }
}
