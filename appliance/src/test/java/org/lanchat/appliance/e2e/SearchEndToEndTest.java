package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest.ClearHistory;
import org.lanchat.protocol.message.ConversationRequest.Search;
import org.lanchat.protocol.message.SessionMessage;

/**
 * Search across every conversation a user can read (PROTOCOL.md §5.26, §6.19, §7.22) over real TLS on the embedded
 * database ({@link SearchOnMariaDbEndToEndTest} runs the same on MariaDB): group and own private conversations, never
 * another pair's, above the user's clear marks, by current text, CJK substrings, newest first and paged.
 */
class SearchEndToEndTest extends OneApplianceTest {

    @Test
    void findsTheGroupAndTheUsersOwnPrivateConversationsNamedFromHerSide() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack inGroup = bob.send(Conversation.GROUP, "Budget review on Friday");
        Ack inPrivate = bob.send(Conversation.with("alice"), "the budget spreadsheet is ready");
        alice.send(Conversation.GROUP, "lunch?");

        SearchResults results = search(alice, "BUDGET");

        assertThat(results.hits()).extracting(SearchHit::messageId, SearchHit::conversation, SearchHit::seq,
                        SearchHit::from, SearchHit::snippet)
                .containsExactly(
                        tuple(inPrivate.messageId(), Conversation.with("bob"), inPrivate.seq(), "bob",
                                "the budget spreadsheet is ready"),
                        tuple(inGroup.messageId(), Conversation.GROUP, inGroup.seq(), "bob", "Budget review on Friday"));
        assertThat(results.hits().getFirst().sentAt()).isEqualTo(inPrivate.sentAt());
        assertThat(results.hasMore()).isFalse();
        assertThat(search(bob, "budget").hits()).extracting(SearchHit::conversation)
                .as("bob names the same conversation after alice")
                .containsExactly(Conversation.with("alice"), Conversation.GROUP);
    }

    @Test
    void neverFindsAnotherPairsPrivateConversationHoweverItIsNamed() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        alice.send(Conversation.with("bob"), "the secret between alice and bob");

        assertThat(search(carol, "secret").hits()).isEmpty();
        for (Conversation forged : List.of(Conversation.with("alice"), Conversation.with("BOB"))) {
            assertThat(carol.request(new Search(carol.nextId(), "secret", forged, null, null), SearchResults.class).hits())
                    .as("%s means carol's own conversation", forged).isEmpty();
        }
        assertThat(search(bob, "secret").hits()).hasSize(1);
    }

    @Test
    void oneConversationCanBeSearchedAlone() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob");
        alice.send(Conversation.GROUP, "release notes");
        Ack mine = alice.send(Conversation.with("bob"), "release date?");

        SearchResults results = alice.request(new Search(alice.nextId(), "release", Conversation.with("Bob"), null, null),
                SearchResults.class);

        assertThat(results.hits()).extracting(SearchHit::seq).containsExactly(mine.seq());
        assertThat(alice.requestError(new Search(alice.nextId(), "release", Conversation.with("nobody"), null, null))
                .code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
    }

    @Test
    void respectsTheUsersClearMarkButNotTheOtherMembers() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.send(Conversation.with("bob"), "old plan A");
        alice.request(new ClearHistory(alice.nextId(), Conversation.with("bob")), SessionMessage.Ok.class);
        Ack later = alice.send(Conversation.with("bob"), "new plan B");

        assertThat(search(alice, "plan").hits()).extracting(SearchHit::seq).containsExactly(later.seq());
        assertThat(search(bob, "plan").hits()).as("bob cleared nothing").hasSize(2);
    }

    @Test
    void findsEditedMessagesByTheirCurrentTextAndNeverDeletedOnes() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack edited = alice.send(Conversation.GROUP, "meeting at 10");
        alice.edit(Conversation.GROUP, edited.seq(), "meeting at 11");
        Ack editedTwice = alice.send(Conversation.GROUP, "room kiwi");
        alice.edit(Conversation.GROUP, editedTwice.seq(), "room mango");
        alice.edit(Conversation.GROUP, editedTwice.seq(), "room papaya");
        Ack deleted = alice.send(Conversation.GROUP, "meeting password 1234");
        alice.delete(Conversation.GROUP, deleted.seq());

        assertThat(search(bob, "meeting").hits()).extracting(SearchHit::seq, SearchHit::snippet)
                .containsExactly(tuple(edited.seq(), "meeting at 11"));
        assertThat(search(bob, "10").hits()).as("the text it no longer has").isEmpty();
        assertThat(search(bob, "mango").hits()).as("an edit that a later one replaced").isEmpty();
        assertThat(search(bob, "papaya").hits()).extracting(SearchHit::seq, SearchHit::messageId)
                .as("found as the message itself, not the edit").containsExactly(tuple(editedTwice.seq(), editedTwice.messageId()));
        assertThat(search(bob, "1234").hits()).isEmpty();
    }

    @Test
    void findsChineseInsideLongerTextAndTakesWildcardsLiterally() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack cjk = alice.send(Conversation.GROUP, "明天的会议改到三点");
        alice.send(Conversation.GROUP, "明天见");
        Ack percent = alice.send(Conversation.GROUP, "50% off_today");

        assertThat(search(bob, "会议").hits()).extracting(SearchHit::seq).containsExactly(cjk.seq());
        assertThat(search(bob, "改到三").hits()).extracting(SearchHit::seq).containsExactly(cjk.seq());
        assertThat(search(bob, "明天").hits()).hasSize(2);
        assertThat(search(bob, "%").hits()).extracting(SearchHit::seq).containsExactly(percent.seq());
        assertThat(search(bob, "50_").hits()).as("_ is no wildcard").isEmpty();
    }

    @Test
    void foldsCaseInAnyScriptButNotAccents() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack umlaut = alice.send(Conversation.GROUP, "Ärger mit dem Drucker");
        alice.send(Conversation.GROUP, "café au lait");

        assertThat(search(bob, "äRGER").hits()).extracting(SearchHit::seq).containsExactly(umlaut.seq());
        assertThat(search(bob, "cafe").hits()).as("e is not é, on every database").isEmpty();
    }

    @Test
    void pagesNewestFirstFromTheLastHitsMessageId() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(alice.send(i % 2 == 0 ? Conversation.GROUP : Conversation.with("bob"), "standup " + i).messageId());
        }
        alice.send(Conversation.GROUP, "unrelated");

        SearchResults first = bob.request(new Search(bob.nextId(), "standup", null, null, 2), SearchResults.class);
        SearchResults second = bob.request(new Search(bob.nextId(), "standup", null,
                first.hits().getLast().messageId(), 2), SearchResults.class);
        SearchResults last = bob.request(new Search(bob.nextId(), "standup", null,
                second.hits().getLast().messageId(), 2), SearchResults.class);

        assertThat(first.hits()).extracting(SearchHit::messageId).containsExactly(ids.get(4), ids.get(3));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hits()).extracting(SearchHit::messageId).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.hasMore()).isTrue();
        assertThat(last.hits()).extracting(SearchHit::messageId).containsExactly(ids.get(0));
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void aLongMessageIsShownAsASnippetAroundTheMatch() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        String text = "x".repeat(300) + " the needle\nis here " + "y".repeat(300);
        alice.send(Conversation.GROUP, text);

        String snippet = search(bob, "needle").hits().getFirst().snippet();

        assertThat(snippet).startsWith("…").endsWith("…").contains("the needle is here");
        assertThat(snippet.length()).isLessThanOrEqualTo(122);
    }

    private static SearchResults search(TestClient client, String text) {
        return client.request(new Search(client.nextId(), text, null, null, null), SearchResults.class);
    }
}
