package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.ConversationsRequest;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;

/** Catching up (PROTOCOL.md §7.5) against a fake appliance: what is asked for, and what counts as unread. */
class CatchUpTest {
    private static final Conversation WITH_BOB = Conversation.with("bob");

    private final FakeRequests appliance = new FakeRequests();
    private final EventRecorder events = new EventRecorder();
    private final ConversationBook book = new ConversationBook(events);
    private final CatchUp catchUp = new CatchUp(appliance, book, events, 50, () -> 3);

    @BeforeEach
    void loggedIn() {
        book.owner("alice", false);
    }

    private static ChatMessage fromBob(Conversation conversation, long seq) {
        return new ChatMessage(1000 + seq, conversation, seq, "bob", "c-" + seq, "m" + seq, null, 1_700_000_000_000L + seq);
    }

    /** Messages {@code from}..{@code to} in the order the appliance pages them. */
    private static List<ChatMessage> messages(Conversation conversation, long from, long to, boolean newestFirst) {
        LongStream seqs = newestFirst ? LongStream.rangeClosed(from, to).map(s -> to - (s - from)) : LongStream.rangeClosed(from, to);
        return seqs.mapToObj(seq -> fromBob(conversation, seq)).toList();
    }

    private void answerConversations(ConversationInfo... infos) {
        ConversationsRequest asked = appliance.open(ConversationsRequest.class).getFirst();
        appliance.reply(asked, new ConversationList(asked.id(), List.of(infos)));
    }

    private HistoryRequest onlyHistoryRequest() {
        List<HistoryRequest> open = appliance.open(HistoryRequest.class);
        assertThat(open).hasSize(1);
        return open.getFirst();
    }

    private void answer(HistoryRequest request, List<ChatMessage> messages, boolean hasMore) {
        appliance.reply(request, new HistoryPage(request.id(), request.conversation(), messages, hasMore, 0));
    }

    @Test
    void aConversationNewHereLoadsItsNewestPageAsRead() {
        CompletableFuture<Void> done = catchUp.run();
        answerConversations(new ConversationInfo(WITH_BOB, 2, 0));

        HistoryRequest newest = onlyHistoryRequest();
        assertThat(newest.before()).isNull();
        assertThat(newest.after()).isNull();
        assertThat(newest.limit()).isEqualTo(50);
        answer(newest, messages(WITH_BOB, 1, 2, true), false);

        assertThat(done).isCompleted();
        assertThat(book.entries(WITH_BOB)).extracting(ChatEntry::text).containsExactly("m1", "m2");
        assertThat(events.unread(WITH_BOB)).as("history seen for the first time is not news").isZero();
        assertThat(events.caughtUps()).isEqualTo(1);
        assertThat(catchUp.done()).isCompleted();
    }

    @Test
    void whatWasMissedIsFetchedAfterTheLastSeqHeldPageByPageAndCountsAsUnread() {
        catchUp.run();
        answerConversations(new ConversationInfo(WITH_BOB, 2, 0));
        answer(onlyHistoryRequest(), messages(WITH_BOB, 1, 2, true), false);

        CompletableFuture<Void> again = catchUp.run(); // after a resume: bob wrote 5 more meanwhile
        answerConversations(new ConversationInfo(WITH_BOB, 7, 0));
        HistoryRequest first = onlyHistoryRequest();
        assertThat(first.after()).isEqualTo(2);
        assertThat(first.limit()).as("the appliance's page maximum").isEqualTo(3);
        answer(first, messages(WITH_BOB, 3, 5, false), true);
        HistoryRequest second = onlyHistoryRequest();
        assertThat(second.after()).isEqualTo(5);
        answer(second, messages(WITH_BOB, 6, 7, false), false);

        assertThat(again).isCompleted();
        assertThat(book.entries(WITH_BOB)).extracting(ChatEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events.unread(WITH_BOB)).isEqualTo(5);
        assertThat(events.caughtUps()).isEqualTo(2);
    }

    @Test
    void nothingIsAskedForAConversationAlreadyUpToDate() {
        catchUp.run();
        answerConversations(new ConversationInfo(WITH_BOB, 2, 0));
        answer(onlyHistoryRequest(), messages(WITH_BOB, 1, 2, true), false);

        catchUp.run();
        answerConversations(new ConversationInfo(WITH_BOB, 2, 0));
        assertThat(appliance.open(HistoryRequest.class)).isEmpty();
        assertThat(events.caughtUps()).isEqualTo(2);
    }

    @Test
    void aPageTooLargeForAFrameIsAskedForAgainWithHalfTheLimit() {
        catchUp.run();
        answerConversations(new ConversationInfo(WITH_BOB, 2, 0));
        HistoryRequest tooLarge = onlyHistoryRequest();
        appliance.fail(tooLarge, new ChatException(ErrorCode.FRAME_TOO_LARGE, "page too large", Optional.empty()));

        assertThat(onlyHistoryRequest().limit()).isEqualTo(25);
    }

    @Test
    void aLiveMessageAfterAGapFetchesTheGap() {
        catchUp.run();
        answerConversations(new ConversationInfo(WITH_BOB, 2, 0));
        answer(onlyHistoryRequest(), messages(WITH_BOB, 1, 2, true), false);

        catchUp.live(fromBob(WITH_BOB, 5));

        HistoryRequest gap = onlyHistoryRequest();
        assertThat(gap.after()).isEqualTo(2);
        answer(gap, messages(WITH_BOB, 3, 5, false), false);
        assertThat(book.entries(WITH_BOB)).extracting(ChatEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.added(e -> e.seq() == 5)).as("the live one is not added twice").hasSize(1);
        assertThat(events.unread(WITH_BOB)).isEqualTo(3);
    }

    @Test
    void aLostConnectionLeavesTheWaitForTheResumeToEnd() {
        CompletableFuture<Void> waiting = catchUp.done();
        catchUp.run();
        appliance.fail(appliance.open(ConversationsRequest.class).getFirst(), new ConnectionClosedException("lost"));
        assertThat(waiting).as("a resume catches up again").isNotDone();

        catchUp.run();
        answerConversations();
        assertThat(waiting).isCompleted();
    }

    @Test
    void anEndedSessionReleasesWhoeverWaits() {
        CompletableFuture<Void> waiting = catchUp.done();
        catchUp.abandon("Logged out.");
        assertThat(waiting).isCompletedExceptionally();
    }

    @Test
    void aCatchUpCutShortByALogoutIsNoFailureWorthWarningAbout() {
        ChatException refused = new ChatException(ErrorCode.NOT_AUTHENTICATED, "log in first", Optional.empty());
        assertThat(CatchUp.worthWarning(refused, false)).as("not_authenticated before the logout's ok arrived").isFalse();
        assertThat(CatchUp.worthWarning(new ChatException(ErrorCode.STORE_UNAVAILABLE, "down", Optional.empty()), true))
                .as("any refusal once the session has ended").isFalse();
        assertThat(CatchUp.worthWarning(new ConnectionClosedException("lost"), false)).isFalse();
        assertThat(CatchUp.worthWarning(new ChatException(ErrorCode.STORE_UNAVAILABLE, "down", Optional.empty()), false))
                .as("a refusal during the session").isTrue();
    }

    @Test
    void pagesAreAskedForAFewAtATimeSoAUserInManyConversationsIsNeverTurnedAwayBusy() {
        CompletableFuture<Void> done = catchUp.run();
        ConversationInfo[] many = new ConversationInfo[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = new ConversationInfo(Conversation.with("user" + i), 1, 0);
        }
        answerConversations(many);

        int answered = 0;
        while (!appliance.open(HistoryRequest.class).isEmpty()) {
            List<HistoryRequest> open = appliance.open(HistoryRequest.class);
            assertThat(open.size()).as("on their way at once").isLessThanOrEqualTo(CatchUp.PAGES_AT_ONCE);
            HistoryRequest first = open.getFirst();
            answer(first, List.of(), false);
            answered++;
        }

        assertThat(answered).isEqualTo(many.length);
        assertThat(done).isCompleted();
    }
}
