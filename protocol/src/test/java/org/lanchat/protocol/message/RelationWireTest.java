package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.Posting.Delete;
import org.lanchat.protocol.message.Posting.Edit;
import org.lanchat.protocol.message.Posting.React;
import org.lanchat.protocol.message.Posting.Send;

/** Replies, edits, deletes and reactions on the wire (PROTOCOL.md §5.6, §5.22–5.24, §6.5), as the spec's examples write them. */
class RelationWireTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ClientMessage decode(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(ServerMessage m) {
        return new String(codec.encodeBody(m), StandardCharsets.UTF_8);
    }

    @Test
    void theSpecsRequestsDecode() {
        assertThat(decode("{\"type\":\"edit\",\"id\":\"18\",\"clientMsgId\":\"e\",\"conversation\":\"group\",\"target\":41,\"text\":\"meeting at 11\"}"))
                .isEqualTo(new Edit("18", "e", Conversation.GROUP, 41L, "meeting at 11"));
        assertThat(decode("{\"type\":\"delete\",\"id\":\"19\",\"clientMsgId\":\"d\",\"conversation\":\"@bob\",\"target\":8}"))
                .isEqualTo(new Delete("19", "d", Conversation.with("bob"), 8L));
        assertThat(decode("{\"type\":\"react\",\"id\":\"21\",\"clientMsgId\":\"r\",\"conversation\":\"group\",\"target\":41,\"emoji\":\"👍\",\"remove\":true}"))
                .isEqualTo(new React("21", "r", Conversation.GROUP, 41L, "👍", true));
        assertThat(decode("{\"type\":\"send\",\"id\":\"5\",\"clientMsgId\":\"s\",\"conversation\":\"group\",\"text\":\"same here\",\"replyTo\":41}"))
                .isEqualTo(new Send("5", "s", Conversation.GROUP, "same here", null, 41L));
    }

    @Test
    void aSendWithoutReplyToIsTheSendItAlwaysWas() {
        assertThat(decode("{\"type\":\"send\",\"id\":\"5\",\"clientMsgId\":\"s\",\"conversation\":\"group\",\"text\":\"hi\"}"))
                .isEqualTo(new Send("5", "s", Conversation.GROUP, "hi", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"edit\",\"id\":\"1\",\"clientMsgId\":\"e\",\"conversation\":\"group\",\"target\":0,\"text\":\"x\"}",
        "{\"type\":\"delete\",\"id\":\"1\",\"clientMsgId\":\"d\",\"conversation\":\"group\",\"target\":-3}",
        "{\"type\":\"send\",\"id\":\"1\",\"clientMsgId\":\"s\",\"conversation\":\"group\",\"text\":\"x\",\"replyTo\":0}",
        "{\"type\":\"react\",\"id\":\"1\",\"clientMsgId\":\"r\",\"conversation\":\"group\",\"target\":1,\"emoji\":\"a\"}",
        "{\"type\":\"react\",\"id\":\"1\",\"clientMsgId\":\"r\",\"conversation\":\"group\",\"target\":1,\"emoji\":\"👍👍\"}",
    })
    void aTargetBelowOneOrAReactionThatIsNotOneEmojiIsAnInvalidField(String json) {
        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void aChangeWithoutItsTargetIsAMissingField() {
        assertThatThrownBy(() -> decode("{\"type\":\"delete\",\"id\":\"1\",\"clientMsgId\":\"d\",\"conversation\":\"group\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
    }

    @Test
    void aChangeNamesItsTargetAndLeavesTheOtherMembersOut() {
        ChatMessage edit = new ChatMessage(340, Conversation.GROUP, 42, "alice", "e", "meeting at 11", null, 5L,
                null, 41L, null, null, null, null);
        assertThat(encode(edit)).isEqualTo("{\"type\":\"message\",\"messageId\":340,\"conversation\":\"group\",\"seq\":42,"
                + "\"from\":\"alice\",\"clientMsgId\":\"e\",\"text\":\"meeting at 11\",\"sentAt\":5,\"edits\":41}");
        ChatMessage plain = new ChatMessage(1, Conversation.GROUP, 1, "bob", "x", "hi", null, 5L);
        assertThat(encode(plain)).as("a message is encoded as before").doesNotContain("replyTo", "edits", "reaction");
        ChatMessage withdrawn = new ChatMessage(341, Conversation.GROUP, 43, "bob", "r",
                ChatMessage.reactionFallback("👍", true), null, 6L, null, null, null, 41L, "👍", true);
        assertThat(codec.decodeServer(codec.encodeBody(withdrawn))).isEqualTo(withdrawn);
        assertThat(withdrawn.isChange()).isTrue();
        assertThat(withdrawn.text()).isEqualTo("withdrew 👍");
    }

    @Test
    void aClientThatDoesNotKnowChangesReadsThemAsMessages() {
        // What a client built before §7.19 does with a change: ignores the members it does not know (§9).
        ServerMessage read = codec.decodeServer(("{\"type\":\"message\",\"messageId\":9,\"conversation\":\"group\",\"seq\":9,"
                + "\"from\":\"bob\",\"clientMsgId\":\"d\",\"text\":\"message deleted\",\"sentAt\":5,\"deletes\":3,\"future\":1}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(((ChatMessage) read).text()).isEqualTo(ChatMessage.DELETED_FALLBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"👍", "❤️", "🇫🇷", "👍🏽", "👨‍👩‍👧‍👦", "1️⃣", "🎉"})
    void oneEmojiAsPeopleSeeItIsAReaction(String emoji) {
        assertThat(Reactions.isReaction(emoji)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1", "❤", "👍👍", "ok", " 👍", "\u200D"})
    void anythingElseIsNot(String notOne) {
        assertThat(Reactions.isReaction(notOne)).isFalse();
    }

    @Test
    void aReactionOfTenKilobytesIsRefusedBeforeAnyGraphemeIsCounted() {
        assertThat(Reactions.isReaction("👍".repeat(5_000))).isFalse();
    }
}
