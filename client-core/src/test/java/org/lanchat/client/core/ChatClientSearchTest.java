package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;

/** Searching through the client core, against the real appliance (PROTOCOL.md §7.22). */
class ChatClientSearchTest {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Test
    void findsTheUsersConversationsNewestFirstAndPagesOnFromTheLastHit() {
        ChatClient alice = live.user("searcher", new EventRecorder());
        ChatClient bob = live.user("colleague", new EventRecorder());
        ChatEntry inGroup = alice.delivered(alice.sendText(Conversation.GROUP, "明天的会议改到三点")).join();
        ChatEntry inPrivate = bob.delivered(bob.sendText(Conversation.with("searcher"), "会议 notes")).join();

        SearchResults first = alice.search("会议", null, null, 1).join();
        SearchResults second = alice.search("会议", null, first.hits().getLast().messageId(), 1).join();
        SearchResults onlyGroup = alice.search("会议", Conversation.GROUP, null, 10).join();

        assertThat(first.hits()).extracting(SearchHit::conversation, SearchHit::seq, SearchHit::from)
                .containsExactly(org.assertj.core.api.Assertions.tuple(Conversation.with("colleague"), inPrivate.seq(), "colleague"));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hits()).extracting(SearchHit::snippet).containsExactly("明天的会议改到三点");
        assertThat(second.hasMore()).isFalse();
        assertThat(onlyGroup.hits()).extracting(SearchHit::seq).containsExactly(inGroup.seq());
    }

    @Test
    void anUnknownUserIsRefusedWithItsCode() {
        ChatClient alice = live.user("asker", new EventRecorder());

        assertThatThrownBy(() -> alice.search("x", Conversation.with("nobody"), null, 10).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((ChatException) e.getCause()).code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT));
    }
}
