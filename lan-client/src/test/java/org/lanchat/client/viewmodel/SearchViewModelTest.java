package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest;

/** The desktop search box (PROTOCOL.md §7.22): searched once typing pauses, paged, each hit opening at its message. */
class SearchViewModelTest {
    private final FakeChatService client = new FakeChatService();
    /** Pending timers (the debounce), run when the test says time passed. */
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final ChatViewModel chat = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC,
            (delay, task) -> {
                timers.add(task);
                delays.add(delay);
                return () -> timers.remove(task);
            });
    private final SearchViewModel search = chat.search();
    private final Conversation withBob = Conversation.with("bob");

    @BeforeEach
    void login() {
        client.loggedInAs("alice");
    }

    private void pause() {
        List<Runnable> due = List.copyOf(timers);
        timers.clear();
        due.forEach(Runnable::run);
    }

    private static SearchHit hit(long messageId, Conversation conversation, long seq, String from, String snippet) {
        return new SearchHit(messageId, conversation, seq, from, 1_700_000_000_000L + seq * 60_000, snippet);
    }

    private static CompletableFuture<SearchResults> page(boolean hasMore, SearchHit... hits) {
        return CompletableFuture.completedFuture(new SearchResults("1", List.of(hits), hasMore));
    }

    @Test
    void theTextIsSearchedOnceTypingPausesNotOnEveryKey() {
        search.queryProperty().set("b");
        search.queryProperty().set("bu");
        search.queryProperty().set("budget ");
        assertThat(client.searches).as("nothing before the pause").isEmpty();
        assertThat(timers).as("each key replaces the wait").hasSize(1);
        assertThat(delays.getLast()).isEqualTo(Duration.ofMillis(300));

        pause();
        assertThat(client.searches).extracting(ConversationRequest.Search::text).containsExactly("budget");
        assertThat(client.searches.getFirst().conversation()).as("every conversation").isNull();
        assertThat(client.searches.getFirst().before()).as("the first page").isNull();
        assertThat(search.searchingProperty().get()).isTrue();
        assertThat(search.activeProperty().get()).isTrue();
    }

    @Test
    void hitsShowWhereWhoWhenAndTheMatchEmphasised() {
        client.displayNames.put("bob", "Bob Li");
        client.searchAnswer = page(false,
                hit(4711, Conversation.GROUP, 230, "bob", "the Budget is due friday"),
                hit(4100, withBob, 12, "alice", "budget, budget"));
        search.queryProperty().set("budget");
        pause();

        assertThat(search.searchingProperty().get()).isFalse();
        assertThat(search.results()).hasSize(2);
        SearchResult first = search.results().getFirst();
        assertThat(search.where(first)).isEqualTo("Group");
        assertThat(search.who(first)).isEqualTo("Bob Li");
        assertThat(first.time()).isEqualTo("15 Nov 02:03");
        assertThat(first.snippet()).isEqualTo("the Budget is due friday");
        assertThat(first.query()).as("what the view emphasises").isEqualTo("budget");
        SearchResult second = search.results().get(1);
        assertThat(search.where(second)).as("a private chat is named by the peer's display name").isEqualTo("Bob Li");
        assertThat(search.statusProperty().get()).isEmpty();
        assertThat(search.hasMoreProperty().get()).isFalse();
    }

    @Test
    void nothingFoundIsSaid() {
        client.searchAnswer = page(false);
        search.queryProperty().set("zebra");
        pause();
        assertThat(search.results()).isEmpty();
        assertThat(search.statusProperty().get()).isEqualTo("No messages found.");
    }

    @Test
    void loadMoreAsksForThePageBeforeTheLastHit() {
        client.searchAnswers.add(page(true, hit(90, Conversation.GROUP, 9, "bob", "lunch?"),
                hit(80, Conversation.GROUP, 8, "bob", "lunch at noon")));
        client.searchAnswers.add(page(false, hit(10, withBob, 1, "bob", "lunch tomorrow")));
        search.queryProperty().set("lunch");
        pause();
        assertThat(search.hasMoreProperty().get()).isTrue();

        search.loadMore();
        assertThat(client.searches).extracting(ConversationRequest.Search::before).containsExactly(null, 80L);
        assertThat(client.searches).extracting(ConversationRequest.Search::text).containsOnly("lunch");
        assertThat(search.results()).extracting(r -> r.hit().messageId()).containsExactly(90L, 80L, 10L);
        assertThat(search.hasMoreProperty().get()).isFalse();

        search.loadMore();
        assertThat(client.searches).as("no page beyond the last").hasSize(2);
    }

    @Test
    void anAnswerToAnOlderQueryIsDropped() {
        CompletableFuture<SearchResults> slow = new CompletableFuture<>();
        client.searchAnswers.add(slow);
        client.searchAnswers.add(page(false, hit(5, Conversation.GROUP, 5, "bob", "coffee")));
        search.queryProperty().set("tea");
        pause();
        search.queryProperty().set("coffee");
        pause();
        slow.complete(new SearchResults("1", List.of(hit(4, Conversation.GROUP, 4, "bob", "tea")), false));

        assertThat(search.results()).extracting(SearchResult::snippet).containsExactly("coffee");
    }

    @Test
    void clearingTheBoxShowsTheConversationsAgainAndCancelsTheWait() {
        search.queryProperty().set("tea");
        search.clear();
        assertThat(timers).isEmpty();
        assertThat(search.activeProperty().get()).isFalse();
        assertThat(search.results()).isEmpty();
        assertThat(client.searches).isEmpty();
    }

    @Test
    void aRateLimitSaysHowLongToWait() {
        client.searchAnswer = CompletableFuture.failedFuture(
                new ChatException(ErrorCode.RATE_LIMITED, "rate_limited", Optional.of(Duration.ofMillis(2500))));
        search.queryProperty().set("tea");
        pause();
        assertThat(search.statusProperty().get()).isEqualTo("Too many searches. Try again in 3 s.");
        assertThat(search.searchingProperty().get()).isFalse();
    }

    @Test
    void anUnreachableApplianceIsSaid() {
        client.searchAnswer = CompletableFuture.failedFuture(new java.net.ConnectException("Connection refused"));
        search.queryProperty().set("tea");
        pause();
        assertThat(search.statusProperty().get()).startsWith("The appliance cannot be reached");
    }

    @Test
    void aHitTheWindowHoldsOpensAtOnce() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 7, "budget?"), false));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 8, "hello?"), false));
        client.searchAnswer = page(false, hit(1007, withBob, 7, "bob", "budget?"));
        search.queryProperty().set("budget");
        pause();

        search.open(search.results().getFirst());
        assertThat(chat.selectedConversation()).isEqualTo(withBob);
        assertThat(chat.openedAtProperty().get().text()).isEqualTo("budget?");
        assertThat(client.historyBefore).as("no history needed").isEmpty();
    }

    @Test
    void anOlderHitIsReachedByPagingHistoryBack() {
        LongStream.rangeClosed(101, 110).forEach(seq -> client.fire(
                new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, seq, "m" + seq), false)));
        client.historyAnswers.add(slice(51, 100, true));
        client.historyAnswers.add(slice(1, 50, true));
        client.searchAnswer = page(false, hit(1030, Conversation.GROUP, 30, "bob", "m30"));
        chat.openPrivate("bob");
        search.queryProperty().set("m30");
        pause();

        search.open(search.results().getFirst());
        assertThat(client.historyBefore).as("page back from the oldest held").containsExactly(101L, 51L);
        assertThat(chat.selectedConversation()).isEqualTo(Conversation.GROUP);
        assertThat(chat.openedAtProperty().get().seq()).isEqualTo(30);
        assertThat(chat.messagesProperty().get()).as("older rows are kept for reading").hasSize(110);
        assertThat(search.statusProperty().get()).isEmpty();
    }

    @Test
    void pagingBackIsBounded() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 10_000, "new"), false));
        for (int i = 0; i < SearchViewModel.REACH_PAGES + 1; i++) {
            long newest = 9_999 - i * 50L;
            client.historyAnswers.add(slice(newest - 49, newest, true));
        }
        client.searchAnswer = page(false, hit(1, Conversation.GROUP, 3, "bob", "ancient"));
        search.queryProperty().set("ancient");
        pause();

        search.open(search.results().getFirst());
        assertThat(client.historyBefore).hasSize(SearchViewModel.REACH_PAGES);
        assertThat(search.statusProperty().get()).contains("History");
    }

    private CompletableFuture<HistorySlice> slice(long from, long to, boolean hasMore) {
        List<ChatEntry> entries = LongStream.rangeClosed(from, to)
                .mapToObj(seq -> FakeChatService.from("bob", Conversation.GROUP, seq, "m" + seq)).toList();
        return CompletableFuture.completedFuture(new HistorySlice(Conversation.GROUP, entries, hasMore, 0));
    }
}
