package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.SessionMessage;

/**
 * Group and private chat, offline delivery, idempotent resends, history and presence, over real TLS,
 * on the embedded database ({@link ChatOnMariaDbEndToEndTest} runs the same on MariaDB).
 */
class ChatEndToEndTest extends OneApplianceTest {
    @Test
    void groupMessagesReachEveryoneOnlineInOneOrderExactlyOnce() throws Exception {
        int members = 12;
        int perMember = 5;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            clients.add(appliance.newUser("member" + i));
        }
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> sending = new ArrayList<>();
        for (TestClient c : clients) {
            sending.add(senders.submit(() -> IntStream.range(0, perMember)
                    .forEach(n -> c.send(Conversation.GROUP, c.username() + " says " + n))));
        }
        for (Future<?> f : sending) {
            f.get();
        }
        senders.shutdown();

        int total = members * perMember;
        List<Long> reference = null;
        for (TestClient c : clients) {
            // Everyone receives everyone else's messages; their own arrive as acknowledgements instead.
            List<ChatMessage> got = c.awaitChat(total - perMember, m -> m.conversation().isGroup());
            assertThat(got).hasSize(total - perMember);
            assertThat(got).extracting(ChatMessage::from).doesNotContain(c.username());
            assertThat(got).extracting(ChatMessage::messageId).doesNotHaveDuplicates();
            List<Long> seqs = got.stream().map(ChatMessage::seq).toList();
            assertThat(seqs).as("delivered in the order the appliance accepted them").isSorted();
            List<Long> all = new ArrayList<>(seqs);
            c.received().stream().filter(Ack.class::isInstance).map(m -> ((Ack) m).seq()).forEach(all::add);
            all.sort(Long::compare);
            if (reference == null) {
                reference = all;
            }
            assertThat(all).as("one gap-free sequence shared by all members").isEqualTo(reference);
        }
        assertThat(reference).containsExactlyElementsOf(IntStream.rangeClosed(1, total).mapToObj(i -> (long) i).toList());
    }

    @Test
    void aGroupMessageAlsoReachesTheSendersOtherSessionsButNotTheSendingOne() {
        TestClient laptop = appliance.newUser("alice");
        TestClient phone = appliance.login("alice");
        Ack ack = laptop.send(Conversation.GROUP, "from my laptop");
        ChatMessage echoed = phone.await(ChatMessage.class, m -> m.messageId() == ack.messageId());
        assertThat(echoed.text()).isEqualTo("from my laptop");
        assertThat(laptop.chat(m -> true)).isEmpty();
    }

    @Test
    void privateMessagesReachEverySessionOfTheRecipientAndEchoToTheSender() {
        TestClient alice = appliance.newUser("alice");
        TestClient alicePhone = appliance.login("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient bobPhone = appliance.login("bob");
        TestClient carol = appliance.newUser("carol");

        Ack ack = alice.send(Conversation.with("Bob"), "psst \uD83D\uDE00");
        assertThat(ack.conversation()).isEqualTo(Conversation.with("bob"));

        for (TestClient recipient : List.of(bob, bobPhone)) {
            ChatMessage m = recipient.await(ChatMessage.class, x -> x.messageId() == ack.messageId());
            assertThat(m.conversation()).as("named from the recipient's side").isEqualTo(Conversation.with("alice"));
            assertThat(m.from()).isEqualTo("alice");
            assertThat(m.text()).isEqualTo("psst \uD83D\uDE00");
        }
        ChatMessage echo = alicePhone.await(ChatMessage.class, x -> x.messageId() == ack.messageId());
        assertThat(echo.conversation()).isEqualTo(Conversation.with("bob"));

        carol.send(Conversation.GROUP, "marker"); // anything carol would receive has arrived before this ack's echo
        alice.await(ChatMessage.class, m -> "marker".equals(m.text()));
        assertThat(carol.chat(m -> !m.conversation().isGroup())).as("a third user sees nothing").isEmpty();
    }

    @Test
    void privateMessagesToSomeoneOfflineAreDeliveredWhenTheyNextConnect() {
        appliance.newUser("bob").close();
        TestClient alice = appliance.newUser("alice");
        Ack first = alice.send(Conversation.with("bob"), "are you there?");
        Ack second = alice.send(Conversation.with("bob"), "call me when you're back");

        TestClient bob = appliance.login("bob");
        List<ChatMessage> waiting = bob.awaitChat(2, m -> m.conversation().equals(Conversation.with("alice")));
        assertThat(waiting).extracting(ChatMessage::messageId).containsExactly(first.messageId(), second.messageId());

        TestClient bobAgain = appliance.login("bob");
        Ack later = alice.send(Conversation.with("bob"), "one more");
        bobAgain.await(ChatMessage.class, m -> m.messageId() == later.messageId());
        assertThat(bobAgain.chat(m -> m.messageId() == first.messageId()))
                .as("handed over once; later logins catch up from history instead").isEmpty();
    }

    @Test
    void offlineMessagesSurviveARestart() {
        appliance.newUser("bob").close();
        Ack ack = appliance.newUser("alice").send(Conversation.with("bob"), "while you were out");
        appliance.restart();
        TestClient bob = appliance.login("bob");
        assertThat(bob.await(ChatMessage.class, m -> m.messageId() == ack.messageId()).text()).isEqualTo("while you were out");
    }

    @Test
    void resendingTheSameClientMessageIdReturnsTheOriginalAckAndDeliversOnce() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack original = alice.send(Conversation.GROUP, "only once", "client-id-1");
        Ack again = alice.send(Conversation.GROUP, "only once", "client-id-1");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.messageId()).isEqualTo(original.messageId());
        assertThat(again.seq()).isEqualTo(original.seq());
        assertThat(again.sentAt()).isEqualTo(original.sentAt());

        Ack marker = alice.send(Conversation.GROUP, "marker");
        bob.await(ChatMessage.class, m -> m.messageId() == marker.messageId());
        assertThat(bob.chat(m -> "only once".equals(m.text()))).hasSize(1);

        SessionMessage.Error conflict = alice.requestError(
                new Posting.Send("x", "client-id-1", Conversation.GROUP, "something else", null));
        assertThat(conflict.code()).isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT);
    }

    @Test
    void aResendAfterARestartIsStillRecognised() {
        TestClient alice = appliance.newUser("alice");
        Ack original = alice.send(Conversation.GROUP, "before the restart", "stable-id");
        String token = alice.token();
        appliance.restart();
        TestClient back = appliance.connect();
        back.resume(token);
        Ack again = back.send(Conversation.GROUP, "before the restart", "stable-id");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.messageId()).isEqualTo(original.messageId());
    }

    @Test
    void historyPagesBackwardsAndCatchesUpForwards() {
        TestClient alice = appliance.newUser("alice");
        for (int i = 1; i <= 25; i++) {
            alice.send(Conversation.GROUP, "message " + i);
        }
        HistoryPage newest = alice.request(new ConversationRequest.HistoryRequest("h1", Conversation.GROUP, null, null, 10), HistoryPage.class);
        assertThat(newest.messages()).extracting(ChatMessage::seq).containsExactly(25L, 24L, 23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L);
        assertThat(newest.hasMore()).isTrue();

        HistoryPage older = alice.request(new ConversationRequest.HistoryRequest("h2", Conversation.GROUP, 16L, null, 10), HistoryPage.class);
        assertThat(older.messages()).extracting(ChatMessage::seq).containsExactly(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L);
        HistoryPage oldest = alice.request(new ConversationRequest.HistoryRequest("h3", Conversation.GROUP, 6L, null, 10), HistoryPage.class);
        assertThat(oldest.messages()).extracting(ChatMessage::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(oldest.hasMore()).isFalse();

        HistoryPage since = alice.request(new ConversationRequest.HistoryRequest("h4", Conversation.GROUP, null, 20L, 100), HistoryPage.class);
        assertThat(since.messages()).extracting(ChatMessage::seq).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(since.messages().get(0).text()).isEqualTo("message 21");
        assertThat(since.messages().get(0).from()).isEqualTo("alice");
    }

    @Test
    void aHistoryPageTooBigForOneFrameIsCutShortAndSaysThereIsMore() {
        TestClient alice = appliance.newUser("alice");
        String longText = "\u6F22".repeat(4000); // 12,000 bytes of UTF-8 each
        for (int i = 0; i < 120; i++) {
            alice.send(Conversation.GROUP, longText);
        }
        HistoryPage page = alice.request(new ConversationRequest.HistoryRequest("h", Conversation.GROUP, null, null, 200), HistoryPage.class);
        assertThat(page.messages()).hasSizeBetween(1, 119);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.messages().get(0).seq()).as("newest first, as asked").isEqualTo(120);
    }

    @Test
    void clearingHistoryHidesItForThatUserOnly() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.send(Conversation.with("bob"), "one");
        alice.send(Conversation.with("bob"), "two");
        bob.request(new ConversationRequest.ClearHistory("c", Conversation.with("alice")), SessionMessage.Ok.class);
        alice.send(Conversation.with("bob"), "three");

        HistoryPage bobs = bob.request(new ConversationRequest.HistoryRequest("h", Conversation.with("alice"), null, null, 50), HistoryPage.class);
        assertThat(bobs.messages()).extracting(ChatMessage::text).containsExactly("three");
        assertThat(bobs.clearedThrough()).isEqualTo(2);
        HistoryPage alices = alice.request(new ConversationRequest.HistoryRequest("h", Conversation.with("bob"), null, null, 50), HistoryPage.class);
        assertThat(alices.messages()).extracting(ChatMessage::text).containsExactly("three", "two", "one");
    }

    @Test
    void conversationsListTheGroupAndEveryPrivateChatWithTheirLatestSequence() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob");
        appliance.newUser("carol");
        alice.send(Conversation.GROUP, "hello all");
        alice.send(Conversation.with("bob"), "hi bob");
        alice.send(Conversation.with("bob"), "again");
        alice.send(Conversation.with("carol"), "hi carol");
        ConversationMessage.ConversationList list = alice.request(new ConversationRequest.ConversationsRequest("l"), ConversationMessage.ConversationList.class);
        assertThat(list.conversations()).extracting(c -> c.conversation().value() + "=" + c.lastSeq())
                .containsExactlyInAnyOrder("group=1", "@bob=2", "@carol=1");
    }

    @Test
    void nobodyCanReadAPrivateConversationTheyAreNotIn() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob");
        TestClient mallory = appliance.newUser("mallory");
        alice.send(Conversation.with("bob"), "secret");
        // mallory can only name conversations from her own side: "@bob" is mallory-and-bob, which is empty.
        HistoryPage page = mallory.request(new ConversationRequest.HistoryRequest("h", Conversation.with("bob"), null, 0L, 50), HistoryPage.class);
        assertThat(page.messages()).isEmpty();
        assertThat(mallory.request(new ConversationRequest.ConversationsRequest("c"), ConversationMessage.ConversationList.class).conversations())
                .extracting(c -> c.conversation().value()).containsExactly("group");
    }

    @Test
    void stickersFromTheSetAreRelayedAndUnknownOnesRefused() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Ack ack = alice.sendSticker(Conversation.GROUP, "party");
        assertThat(bob.await(ChatMessage.class, m -> m.messageId() == ack.messageId()).sticker()).isEqualTo("party");
        SessionMessage.Error error = alice.requestError(new Posting.Send("s", "c2", Conversation.GROUP, null, "dancing_banana"));
        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_STICKER);
    }

    @Test
    void emptyTooLongSelfAddressedAndUnknownRecipientSendsAreRefused() {
        TestClient alice = appliance.newUser("alice");
        assertThat(alice.requestError(new Posting.Send("1", "c1", Conversation.GROUP, "   ", null)).code())
                .isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(alice.requestError(new Posting.Send("2", "c2", Conversation.GROUP, "x".repeat(4001), null)).code())
                .isEqualTo(ErrorCode.TEXT_TOO_LONG);
        assertThat(alice.requestError(new Posting.Send("3", "c3", Conversation.with("alice"), "me", null)).code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(alice.requestError(new Posting.Send("4", "c4", Conversation.with("nobody"), "hi", null)).code())
                .isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        assertThat(alice.requestError(new Posting.Send("5", "c5", Conversation.GROUP, "both", "smile")).code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void joinsAndLeavesArePushedWithTheCountAndTheRosterCanBeAsked() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.await(ProfileMessage.Presence.class, p -> p.joined().contains("bob") && p.count() == 2);
        ProfileMessage.Roster roster = alice.request(new ProfileRequest.RosterRequest("r"), ProfileMessage.Roster.class);
        assertThat(roster.users()).containsExactly("alice", "bob");
        assertThat(roster.count()).isEqualTo(2);

        TestClient bobPhone = appliance.login("bob");
        bobPhone.close();
        bob.close();
        ProfileMessage.Presence left = alice.await(ProfileMessage.Presence.class, p -> p.left().contains("bob"));
        assertThat(left.count()).isEqualTo(1);
    }
}
