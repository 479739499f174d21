package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;

/** Which server message answers which request (§4.1): the one rule every client matches replies by. */
class ReplyIdTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ServerMessage decode(String json) {
        return codec.decodeServer(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyReplyEchoesItsRequestId() {
        List<ServerMessage.Reply> replies = List.of(
                new SessionMessage.Welcome("1", 1, "LAN Chat", "0.1.0", new SessionMessage.Limits(1 << 20, 4000, 524288, 128, 200, 90), List.of()),
                new SessionMessage.SessionStarted("2", "alice", "tok", 1L, null),
                new SessionMessage.Ok("3"),
                new ConversationMessage.Ack("4", "c-1", 10, Conversation.GROUP, 5, 1L, false),
                new ConversationMessage.HistoryPage("5", Conversation.GROUP, List.of(), false, 0),
                new ConversationMessage.ConversationList("6", List.of()),
                new ProfileMessage.Avatar("7", "bob", "ab", "image/png", null, true),
                new SessionMessage.Pong("8"));
        for (ServerMessage.Reply reply : replies) {
            assertThat(reply.replyId()).as(reply.getClass().getSimpleName()).contains(reply.id());
        }
    }

    @Test
    void aRosterOrAnErrorIsAReplyOnlyWhenItCarriesAnId() {
        assertThat(decode("{\"type\":\"roster\",\"id\":\"9\",\"users\":[\"alice\"],\"count\":1}").replyId()).contains("9");
        assertThat(decode("{\"type\":\"roster\",\"users\":[\"alice\"],\"count\":1}").replyId()).as("pushed roster").isEmpty();
        assertThat(decode("{\"type\":\"error\",\"id\":\"10\",\"code\":\"busy\",\"message\":\"later\",\"retryAfterMs\":1000}")
                .replyId()).contains("10");
        assertThat(decode("{\"type\":\"error\",\"code\":\"invalid_json\",\"message\":\"bad\"}").replyId())
                .as("error about a frame whose id could not be read").isEmpty();
    }

    @Test
    void eventsAnswerNothing() {
        assertThat(new ChatMessage(1, Conversation.GROUP, 1, "bob", "c", "hi", null, 1L).replyId()).isEmpty();
        assertThat(new ProfileMessage.Presence(List.of("bob"), List.of(), 2).replyId()).isEmpty();
        assertThat(new SessionMessage.Bye(ErrorCode.SHUTTING_DOWN, "bye").replyId()).isEmpty();
    }

    @Test
    void aReplyWithoutItsIdFromAFaultyApplianceMatchesNoRequest() {
        // The client decodes leniently; a welcome that lost its id must not match request "null".
        assertThat(decode("{\"type\":\"pong\"}").replyId()).isEmpty();
    }

    @Test
    void theReplyIdIsNotPartOfTheJson() {
        assertThat(new String(codec.encodeBody(new SessionMessage.Pong("8")), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"pong\",\"id\":\"8\"}");
    }
}
