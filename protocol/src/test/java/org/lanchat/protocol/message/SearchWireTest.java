package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.Search;

/** {@code search} and {@code search_results} on the wire (PROTOCOL.md §5.26, §6.19), as the spec's examples write them. */
class SearchWireTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ClientMessage decode(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSpecsRequestsDecode() {
        assertThat(decode("{\"type\":\"search\",\"id\":\"22\",\"text\":\"会议\"}"))
                .isEqualTo(new Search("22", "会议", null, null, null));
        assertThat(decode("{\"type\":\"search\",\"id\":\"23\",\"text\":\"budget\",\"conversation\":\"@bob\",\"before\":4711,\"limit\":10}"))
                .isEqualTo(new Search("23", "budget", Conversation.with("bob"), 4711L, 10));
    }

    @Test
    void theSpecsReplyIsWhatTheCodecWrites() {
        SearchResults results = new SearchResults("22", List.of(
                new SearchHit(4711, Conversation.GROUP, 230, "bob", 1717400000456L, "明天的会议改到三点"),
                new SearchHit(4100, Conversation.with("bob"), 12, "alice", 1717300000000L, "会议记录在共享盘")), true);

        assertThat(new String(codec.encodeBody(results), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"search_results\",\"id\":\"22\",\"hits\":[{\"messageId\":4711,\"conversation\":\"group\",\"seq\":230,\"from\":\"bob\",\"sentAt\":1717400000456,\"snippet\":\"明天的会议改到三点\"},{\"messageId\":4100,\"conversation\":\"@bob\",\"seq\":12,\"from\":\"alice\",\"sentAt\":1717300000000,\"snippet\":\"会议记录在共享盘\"}],\"hasMore\":true}");
        assertThat(results.replyId()).contains("22");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"search\",\"id\":\"1\",\"text\":\"\"}",
        "{\"type\":\"search\",\"id\":\"1\",\"text\":\" \\u3000 \"}",
        "{\"type\":\"search\",\"id\":\"1\",\"text\":\"a\\tb\"}",
        "{\"type\":\"search\",\"id\":\"1\",\"text\":\"x\",\"limit\":0}",
        "{\"type\":\"search\",\"id\":\"1\",\"text\":\"x\",\"before\":0}",
        "{\"type\":\"search\",\"id\":\"1\",\"text\":\"x\",\"conversation\":\"#general\"}",
    })
    void blankTextControlCharactersAndBoundsBelowOneAreInvalidFields(String json) {
        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void twoHundredCharactersAreAllowedAndOneMoreIsNot() {
        assertThat(decode("{\"type\":\"search\",\"id\":\"1\",\"text\":\"" + "字".repeat(200) + "\"}")).isInstanceOf(Search.class);
        assertThatThrownBy(() -> decode("{\"type\":\"search\",\"id\":\"1\",\"text\":\"" + "字".repeat(201) + "\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }
}
