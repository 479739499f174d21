package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;

/** The wire form of read marks and typing, exactly as docs/PROTOCOL.md §5.19–5.21, §6.9, §6.17–6.18 show it. */
class ReadMarksWireTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ClientMessage request(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encoded(Message message) {
        return new String(codec.encodeBody(message), StandardCharsets.UTF_8);
    }

    @Test
    void theRequestsOfTheSpecDecode() {
        assertThat(request("{\"type\":\"mark_read\",\"id\":\"18\",\"conversation\":\"@bob\",\"seq\":8}"))
                .isEqualTo(new ConversationRequest.MarkRead("18", Conversation.with("bob"), 8L));
        assertThat(request("{\"type\":\"read_marks\",\"id\":\"19\",\"conversation\":\"group\"}"))
                .isEqualTo(new ConversationRequest.ReadMarksRequest("19", Conversation.GROUP));
        assertThat(request("{\"type\":\"typing\",\"id\":\"20\",\"conversation\":\"@bob\"}"))
                .isEqualTo(new ConversationRequest.Typing("20", Conversation.with("bob")));
    }

    @Test
    void aMarkNeedsASeqThatIsNotNegative() {
        assertThatThrownBy(() -> request("{\"type\":\"mark_read\",\"id\":\"1\",\"conversation\":\"group\",\"seq\":-1}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        assertThatThrownBy(() -> request("{\"type\":\"mark_read\",\"id\":\"1\",\"conversation\":\"group\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
    }

    @Test
    void theRepliesAndEventsOfTheSpecEncodeAsShown() {
        assertThat(encoded(new ConversationMessage.ReadMarks("19", Conversation.GROUP, List.of(new ConversationMessage.ReadMark("bob", 120),
                new ConversationMessage.ReadMark("carol", 117))))).isEqualTo(
                "{\"type\":\"read_marks\",\"id\":\"19\",\"conversation\":\"group\",\"marks\":[{\"user\":\"bob\",\"seq\":120},{\"user\":\"carol\",\"seq\":117}]}");
        assertThat(encoded(new ConversationMessage.Read(Conversation.with("bob"), "bob", 8)))
                .isEqualTo("{\"type\":\"read\",\"conversation\":\"@bob\",\"reader\":\"bob\",\"seq\":8}");
        assertThat(encoded(new ConversationMessage.Typing(Conversation.with("alice"), "alice", ConversationMessage.Typing.EXPIRES_IN_MS)))
                .isEqualTo("{\"type\":\"typing\",\"conversation\":\"@alice\",\"user\":\"alice\",\"expiresInMs\":6000}");
        assertThat(encoded(new ConversationMessage.ConversationList("3", List.of(
                new ConversationMessage.ConversationInfo(Conversation.GROUP, 120, 0, 117L, null),
                new ConversationMessage.ConversationInfo(Conversation.with("bob"), 8, 2, 8L, 6L))))).isEqualTo(
                "{\"type\":\"conversations\",\"id\":\"3\",\"conversations\":[{\"conversation\":\"group\",\"lastSeq\":120,"
                        + "\"clearedThrough\":0,\"readThrough\":117},{\"conversation\":\"@bob\",\"lastSeq\":8,\"clearedThrough\":2,"
                        + "\"readThrough\":8,\"peerReadThrough\":6}]}");
    }

    @Test
    void aConversationsReplyFromAnApplianceWithoutReadMarksStillDecodes() {
        ConversationMessage.ConversationList old = (ConversationMessage.ConversationList) codec.decodeServer(
                "{\"type\":\"conversations\",\"id\":\"3\",\"conversations\":[{\"conversation\":\"group\",\"lastSeq\":120,\"clearedThrough\":0}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(old.conversations().getFirst().readThrough()).isNull();
        assertThat(old.conversations().getFirst().peerReadThrough()).isNull();
    }

    @Test
    void readMarksAnswerARequestAndReadAndTypingAnswerNothing() {
        assertThat(new ConversationMessage.ReadMarks("7", Conversation.GROUP, List.of()).replyId()).contains("7");
        assertThat(new ConversationMessage.Read(Conversation.GROUP, "bob", 1).replyId()).isEmpty();
        assertThat(new ConversationMessage.Typing(Conversation.GROUP, "bob", 6000).replyId()).isEmpty();
    }

    @Test
    void aPartOfAConversationListSaysMoreFollowAndTheLastSaysNothing() {
        ConversationMessage.ConversationInfo group = new ConversationMessage.ConversationInfo(Conversation.GROUP, 1, 0, 1L, null);
        assertThat(encoded(new ConversationMessage.ConversationList("3", List.of(group), true)))
                .isEqualTo("{\"type\":\"conversations\",\"id\":\"3\",\"conversations\":[{\"conversation\":\"group\","
                        + "\"lastSeq\":1,\"clearedThrough\":0,\"readThrough\":1}],\"hasMore\":true}");
        assertThat(encoded(new ConversationMessage.ConversationList("3", List.of(group), false))).doesNotContain("hasMore");
        assertThat(encoded(new ConversationMessage.ConversationList("3", List.of(group)))).doesNotContain("hasMore");
    }
}
