package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;

/**
 * Replies, edits, deletes and reactions (PROTOCOL.md §5.22–5.24, §7.19) over real TLS on the embedded database
 * ({@link RelationsOnMariaDbEndToEndTest} runs the same on MariaDB): each is an entry of its own, relayed live, kept
 * in history and caught up by a client that was away; only a message's sender edits or deletes it, within the edit
 * window; and nobody touches or learns about a private conversation they are not in.
 */
class RelationsEndToEndTest extends OneApplianceTest {
    static final String THUMBS_UP = "\uD83D\uDC4D";
    static final String HEART = "\u2764\uFE0F";

    /** The appliance's clock, moved only by the tests (the edit window is measured on it). */
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    @Override
    RunningAppliance startAppliance() {
        return RunningAppliance.start(dir, database, b -> b, now::get);
    }

    @Test
    void aReplyNamesTheMessageItAnswers() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack question = alice.send(Conversation.GROUP, "lunch at noon?");
        Ack answer = bob.reply(Conversation.GROUP, question.seq(), "yes");

        ChatMessage seen = alice.await(ChatMessage.class, m -> m.messageId() == answer.messageId());
        assertThat(seen.replyTo()).isEqualTo(question.seq());
        assertThat(seen.text()).isEqualTo("yes");
        assertThat(seen.isChange()).isFalse();
        assertThat(page(alice, Conversation.GROUP).getLast().replyTo()).as("kept in history").isEqualTo(question.seq());
    }

    @Test
    void anEditReachesEveryoneAsAnEntryOfItsOwnAndHistoryKeepsBothTexts() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack original = alice.send(Conversation.GROUP, "meeting at 10");
        Ack edit = alice.edit(Conversation.GROUP, original.seq(), "meeting at 11");
        assertThat(edit.seq()).isEqualTo(original.seq() + 1);

        ChatMessage seen = bob.await(ChatMessage.class, m -> m.messageId() == edit.messageId());
        assertThat(seen.edits()).isEqualTo(original.seq());
        assertThat(seen.text()).isEqualTo("meeting at 11");
        assertThat(seen.from()).isEqualTo("alice");
        assertThat(page(bob, Conversation.GROUP)).extracting(ChatMessage::text)
                .containsExactly("meeting at 10", "meeting at 11");
    }

    @Test
    void aDeleteReachesEveryoneWithAFallbackTextForClientsThatDoNotKnowDeletes() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack original = alice.send(Conversation.with("bob"), "wrong window, sorry");
        Ack delete = alice.delete(Conversation.with("bob"), original.seq());

        ChatMessage seen = bob.await(ChatMessage.class, m -> m.messageId() == delete.messageId());
        assertThat(seen.deletes()).isEqualTo(original.seq());
        assertThat(seen.text()).isEqualTo(ChatMessage.DELETED_FALLBACK);
        assertThat(seen.conversation()).isEqualTo(Conversation.with("alice"));
    }

    @Test
    void reactionsAreAddedAndWithdrawnByAnyMember() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Ack news = alice.send(Conversation.GROUP, "the build is green");
        bob.react(Conversation.GROUP, news.seq(), THUMBS_UP, false);
        carol.react(Conversation.GROUP, news.seq(), HEART, false);
        Ack withdrawn = bob.react(Conversation.GROUP, news.seq(), THUMBS_UP, true);

        ChatMessage last = alice.await(ChatMessage.class, m -> m.messageId() == withdrawn.messageId());
        assertThat(last.reactsTo()).isEqualTo(news.seq());
        assertThat(last.reaction()).isEqualTo(THUMBS_UP);
        assertThat(last.removesReaction()).isTrue();
        assertThat(last.text()).isEqualTo(ChatMessage.reactionFallback(THUMBS_UP, true));
        List<ChatMessage> reactions = alice.chat(m -> m.reactsTo() != null);
        assertThat(reactions).extracting(ChatMessage::from, ChatMessage::reaction, ChatMessage::removesReaction)
                .containsExactly(tuple("bob", THUMBS_UP, false),
                        tuple("carol", HEART, false),
                        tuple("bob", THUMBS_UP, true));
    }

    @Test
    void aClientThatWasAwayCatchesUpEditsDeletesAndReactionsInOrder() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("carol");
        TestClient bob = appliance.newUser("bob");
        long seen = alice.send(Conversation.GROUP, "before bob left").seq();
        bob.close();

        TestClient carol = appliance.login("carol");
        Ack first = alice.send(Conversation.GROUP, "first draft");
        Ack second = alice.send(Conversation.GROUP, "oops");
        alice.edit(Conversation.GROUP, first.seq(), "final text");
        alice.delete(Conversation.GROUP, second.seq());
        carol.react(Conversation.GROUP, first.seq(), THUMBS_UP, false);

        TestClient back = appliance.login("bob");
        HistoryPage since = back.request(new ConversationRequest.HistoryRequest("h", Conversation.GROUP, null, seen, 100),
                HistoryPage.class);
        assertThat(since.messages()).extracting(ChatMessage::seq).isSorted().hasSize(5);
        assertThat(since.messages().get(2).edits()).isEqualTo(first.seq());
        assertThat(since.messages().get(2).text()).isEqualTo("final text");
        assertThat(since.messages().get(3).deletes()).isEqualTo(second.seq());
        assertThat(since.messages().get(4).reactsTo()).isEqualTo(first.seq());
        assertThat(since.messages().get(4).from()).isEqualTo("carol");
    }

    @Test
    void privateChangesToSomeoneOfflineAreHandedOverAtTheirNextLogin() {
        appliance.newUser("bob").close();
        TestClient alice = appliance.newUser("alice");
        Ack message = alice.send(Conversation.with("bob"), "call me");
        Ack edit = alice.edit(Conversation.with("bob"), message.seq(), "call me after 3");

        TestClient bob = appliance.login("bob");
        List<ChatMessage> waiting = bob.awaitChat(2, m -> m.conversation().equals(Conversation.with("alice")));
        assertThat(waiting).extracting(ChatMessage::messageId).containsExactly(message.messageId(), edit.messageId());
        assertThat(waiting.get(1).edits()).isEqualTo(message.seq());
    }

    @Test
    void onlyTheSenderEditsOrDeletesAMessage() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack original = alice.send(Conversation.GROUP, "mine");

        assertThat(bob.requestError(new Posting.Edit("e", id(), Conversation.GROUP, original.seq(), "yours now")).code())
                .isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
        assertThat(bob.requestError(new Posting.Delete("d", id(), Conversation.GROUP, original.seq())).code())
                .isEqualTo(ErrorCode.NOT_YOUR_MESSAGE);
        assertThat(page(alice, Conversation.GROUP)).as("nothing stored").hasSize(1);
    }

    @Test
    void theEditWindowClosesTwentyFourHoursAfterSendingByDefault() {
        TestClient alice = appliance.newUser("alice");
        Ack original = alice.send(Conversation.GROUP, "soon stale");
        now.addAndGet(Duration.ofHours(24).toMillis() - 1);
        alice.edit(Conversation.GROUP, original.seq(), "still in time");
        now.addAndGet(1);

        assertThat(alice.requestError(new Posting.Edit("e", id(), Conversation.GROUP, original.seq(), "too late")).code())
                .isEqualTo(ErrorCode.EDIT_WINDOW_CLOSED);
        assertThat(alice.requestError(new Posting.Delete("d", id(), Conversation.GROUP, original.seq())).code())
                .isEqualTo(ErrorCode.EDIT_WINDOW_CLOSED);
        alice.react(Conversation.GROUP, original.seq(), THUMBS_UP, false); // reactions have no window
    }

    /** A client offers editing only where the appliance would take it: {@code welcome} says how long that is. */
    @Test
    void welcomeAnnouncesTheEditWindowAndZeroWhenEditingIsSwitchedOff() throws Exception {
        TestClient anyone = appliance.connectWithoutHello(null);
        assertThat(anyone.hello().limits().editWindowSeconds()).as("the default, 24 h").isEqualTo(86_400);

        Path off = Files.createDirectories(dir.resolve("off"));
        try (TestDatabase offDatabase = TestDatabase.h2(off);
             RunningAppliance switchedOff = RunningAppliance.start(off, offDatabase, b -> b.editWindow(Duration.ZERO), now::get)) {
            assertThat(switchedOff.connectWithoutHello(null).hello().limits().editWindowSeconds()).isZero();
            TestClient alice = switchedOff.newUser("alice");
            Ack original = alice.send(Conversation.GROUP, "cannot be taken back");
            assertThat(alice.requestError(new Posting.Edit("e", id(), Conversation.GROUP, original.seq(), "x")).code())
                    .as("at once").isEqualTo(ErrorCode.EDIT_WINDOW_CLOSED);
        }
    }

    @Test
    void aChangeMustNameAMessageOfThatConversationThatIsNotDeleted() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob");
        Ack inGroup = alice.send(Conversation.GROUP, "one");
        Ack sticker = alice.sendSticker(Conversation.GROUP, "smile");
        Ack edit = alice.edit(Conversation.GROUP, inGroup.seq(), "one, edited");
        Ack gone = alice.send(Conversation.GROUP, "gone soon");
        alice.delete(Conversation.GROUP, gone.seq());

        assertThat(codeOf(alice, new Posting.Edit("a", id(), Conversation.GROUP, 999L, "x")))
                .as("no such message").isEqualTo(ErrorCode.UNKNOWN_TARGET);
        assertThat(codeOf(alice, new Posting.Edit("b", id(), Conversation.with("bob"), inGroup.seq(), "x")))
                .as("a seq of another conversation").isEqualTo(ErrorCode.UNKNOWN_TARGET);
        assertThat(alice.requestError(new Posting.Edit("c", id(), Conversation.GROUP, edit.seq(), "x")))
                .as("a change is no message, and the reason names the message it changes")
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TARGET))
                .satisfies(e -> assertThat(e.message()).isEqualTo("entry " + edit.seq() + " is an edit of message "
                        + inGroup.seq() + ", not a message; name message " + inGroup.seq() + " itself"));
        assertThat(codeOf(alice, new Posting.Edit("d", id(), Conversation.GROUP, gone.seq(), "x")))
                .as("deleted").isEqualTo(ErrorCode.UNKNOWN_TARGET);
        assertThat(codeOf(alice, new Posting.React("e", id(), Conversation.GROUP, gone.seq(), THUMBS_UP, null)))
                .as("deleted").isEqualTo(ErrorCode.UNKNOWN_TARGET);
        assertThat(codeOf(alice, new Posting.Send("f", id(), Conversation.GROUP, "re", null, gone.seq())))
                .as("a reply to a deleted message").isEqualTo(ErrorCode.UNKNOWN_TARGET);
        assertThat(codeOf(alice, new Posting.Edit("g", id(), Conversation.GROUP, sticker.seq(), "x")))
                .as("a sticker is deleted, not edited").isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(codeOf(alice, new Posting.Edit("h", id(), Conversation.GROUP, inGroup.seq(), "  ")))
                .isEqualTo(ErrorCode.EMPTY_MESSAGE);
    }

    @Test
    void nobodyReactsToOrLearnsAboutAPrivateConversationTheyAreNotIn() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Ack secret = alice.send(Conversation.with("bob"), "just between us");

        // "@bob" asked by carol can only mean carol-and-bob, which has no such message: the same answer as for a
        // seq that exists nowhere, so the error tells carol nothing about alice and bob.
        assertThat(codeOf(carol, new Posting.React("r", id(), Conversation.with("bob"), secret.seq(), THUMBS_UP, null)))
                .isEqualTo(ErrorCode.UNKNOWN_TARGET);
        assertThat(codeOf(carol, new Posting.React("s", id(), Conversation.with("alice"), secret.seq(), THUMBS_UP, null)))
                .isEqualTo(ErrorCode.UNKNOWN_TARGET);
        bob.react(Conversation.with("alice"), secret.seq(), HEART, false);
        Ack marker = alice.send(Conversation.GROUP, "marker");
        carol.await(ChatMessage.class, m -> m.messageId() == marker.messageId());
        assertThat(carol.chat(m -> !m.conversation().isGroup())).as("carol sees nothing of it").isEmpty();
        assertThat(alice.await(ChatMessage.class, m -> m.reactsTo() != null).from()).isEqualTo("bob");
    }

    @Test
    void resendingAChangeWithItsClientMessageIdIsAcknowledgedOnceAndStoredOnce() {
        TestClient alice = appliance.newUser("alice");
        Ack original = alice.send(Conversation.GROUP, "typo");
        Posting.Edit edit = new Posting.Edit("e1", "edit-1", Conversation.GROUP, original.seq(), "typo fixed");
        Ack first = alice.request(edit, Ack.class);
        Ack again = alice.request(new Posting.Edit("e2", "edit-1", Conversation.GROUP, original.seq(), "typo fixed"),
                Ack.class);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.seq()).isEqualTo(first.seq());
        assertThat(codeOf(alice, new Posting.Delete("e3", "edit-1", Conversation.GROUP, original.seq())))
                .as("the same id for another change").isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT);
    }

    @Test
    void aResendOfAnEditWhoseAckWasLostIsAcknowledgedEvenAfterTheWindowClosed() {
        TestClient alice = appliance.newUser("alice");
        Ack original = alice.send(Conversation.GROUP, "draft");
        Ack edit = alice.request(new Posting.Edit("e1", "edit-lost", Conversation.GROUP, original.seq(), "final"),
                Ack.class);
        now.addAndGet(Duration.ofDays(2).toMillis());
        Ack again = alice.request(new Posting.Edit("e2", "edit-lost", Conversation.GROUP, original.seq(), "final"),
                Ack.class);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.messageId()).isEqualTo(edit.messageId());
    }

    @Test
    void racingChangesOfOneMessageStoreNothingAfterItsDelete() {
        TestClient alice = appliance.newUser("alice");
        TestClient aliceElsewhere = appliance.login("alice");
        Ack original = alice.send(Conversation.GROUP, "going, going");

        // Six deletes and six edits of one message, from two computers, each sent without waiting for any answer:
        // the appliance carries out requests concurrently (§1), so unchecked they would all pass the "not deleted"
        // check before the first delete is committed.
        List<Map.Entry<TestClient, String>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (TestClient from : List.of(alice, aliceElsewhere)) {
                Posting change = i % 2 == 0
                        ? new Posting.Delete(from.nextId(), id(), Conversation.GROUP, original.seq())
                        : new Posting.Edit(from.nextId(), id(), Conversation.GROUP, original.seq(), "edit " + i);
                from.sendMessage(change);
                requests.add(Map.entry(from, change.id()));
            }
        }
        List<ServerMessage> answers = requests.stream().map(r -> r.getKey().awaitReply(r.getValue())).toList();

        List<ChatMessage> changes = page(alice, Conversation.GROUP).stream()
                .filter(m -> Objects.equals(m.edits(), original.seq()) || Objects.equals(m.deletes(), original.seq()))
                .toList();
        assertThat(changes.stream().filter(m -> m.deletes() != null)).as("the message is deleted once").hasSize(1);
        assertThat(changes.getLast().deletes()).as("nothing stored after the delete").isEqualTo(original.seq());
        assertThat(answers.stream().filter(Ack.class::isInstance)).as("one ack per stored change")
                .hasSameSizeAs(changes);
        assertThat(answers.stream().filter(a -> !(a instanceof Ack)).map(TestClient::codeOf).distinct())
                .as("the others are told the message was deleted").containsOnly(ErrorCode.UNKNOWN_TARGET);
    }

    private static List<ChatMessage> page(TestClient client, Conversation conversation) {
        return client.request(new ConversationRequest.HistoryRequest(client.nextId(), conversation, null, 0L, 100),
                HistoryPage.class).messages();
    }

    private static ErrorCode codeOf(TestClient client, ClientMessage request) {
        return client.requestError(request).code();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
