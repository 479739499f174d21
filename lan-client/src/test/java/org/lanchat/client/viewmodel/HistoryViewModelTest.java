package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.message.Conversation;
import org.junit.jupiter.api.Test;

class HistoryViewModelTest {
    private final FakeChatService client = new FakeChatService();
    private final HistoryViewModel model = new HistoryViewModel(client, Conversation.GROUP, SameThread.EXECUTOR, ZoneOffset.UTC);

    @Test
    void pagesOlderMessagesInFrontOfTheLoadedOnes() {
        answer(page(11, 20, true));
        answer(page(1, 10, false));

        model.loadOlder();
        assertThat(model.shown()).hasSize(10);
        assertThat(model.shown().getFirst().text()).isEqualTo("message 11");
        model.loadOlder();
        assertThat(model.shown()).hasSize(20);
        assertThat(model.shown().getFirst().text()).isEqualTo("message 1");
        assertThat(client.historyBefore).containsExactly(0L, 11L);
        assertThat(model.hasMoreProperty().get()).isFalse();

        model.loadOlder();
        assertThat(client.historyBefore).hasSize(2);
        assertThat(model.shown().getFirst().timeProperty().get()).contains("Nov");
    }

    @Test
    void searchFiltersTheMessagesIgnoringCase() {
        answer(page(1, 12, false));
        model.loadOlder();
        model.searchProperty().set("MESSAGE 1");
        assertThat(model.shown()).extracting(MessageItem::text).containsExactly("message 1", "message 10", "message 11", "message 12");
        assertThat(model.statusProperty().get()).isEqualTo("4 matches in all 12 messages");
        model.searchProperty().set("");
        assertThat(model.shown()).hasSize(12);
        assertThat(model.statusProperty().get()).isEqualTo("All 12 messages");
    }

    @Test
    void aSearchKeepsFetchingOlderPagesUntilItHasLookedAtTheWholeConversation() {
        answer(page(21, 30, true));
        model.loadOlder();
        assertThat(model.statusProperty().get()).isEqualTo("10 messages loaded; scroll up for older ones");

        CompletableFuture<HistorySlice> middle = new CompletableFuture<>();
        CompletableFuture<HistorySlice> oldest = new CompletableFuture<>();
        client.historyAnswers.add(middle);
        client.historyAnswers.add(oldest);
        model.searchProperty().set("message 1");

        // The first match is only in the oldest page: the search fetches without the user scrolling.
        assertThat(model.searchingProperty().get()).isTrue();
        assertThat(model.shown()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("0 matches so far; searching older messages (10 looked at)…");
        middle.complete(page(11, 20, true));
        assertThat(model.shown()).hasSize(9); // 11 to 19
        assertThat(model.statusProperty().get()).isEqualTo("9 matches so far; searching older messages (20 looked at)…");
        oldest.complete(page(1, 10, false));

        assertThat(client.historyBefore).containsExactly(0L, 21L, 11L);
        assertThat(model.searchingProperty().get()).isFalse();
        assertThat(model.shown()).extracting(MessageItem::text).first().isEqualTo("message 1");
        assertThat(model.shown()).hasSize(11);
        assertThat(model.statusProperty().get()).isEqualTo("11 matches in all 30 messages");
    }

    @Test
    void clearingTheSearchStopsFetchingFurtherBack() {
        answer(page(21, 30, true));
        model.loadOlder();
        CompletableFuture<HistorySlice> middle = new CompletableFuture<>();
        client.historyAnswers.add(middle);
        model.searchProperty().set("nothing like this");
        model.searchProperty().set("");
        middle.complete(page(11, 20, true));

        assertThat(client.historyBefore).containsExactly(0L, 21L);
        assertThat(model.searchingProperty().get()).isFalse();
        assertThat(model.shown()).hasSize(20);
    }

    @Test
    void aFailedPageStopsTheSearchAndSaysWhy() {
        answer(page(21, 30, true));
        model.loadOlder();
        client.historyAnswers.add(CompletableFuture.failedFuture(new java.io.IOException("connection reset")));
        model.searchProperty().set("message 1");

        assertThat(model.searchingProperty().get()).isFalse();
        assertThat(model.errorProperty().get()).isNotEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("0 matches in the 10 messages loaded; older ones could not be searched");
    }

    @Test
    void aPageThatArrivesAfterTheHistoryWasClearedIsDropped() {
        answer(page(21, 30, true));
        model.loadOlder();
        CompletableFuture<HistorySlice> late = new CompletableFuture<>();
        client.historyAnswers.add(late);
        model.topReached();
        model.clear();
        client.clearResult.complete(null);
        late.complete(page(11, 20, true));

        assertThat(model.shown()).isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void reachingTheTopLoadsTheNextOlderPageOnlyOnceAtATime() {
        answer(page(21, 30, true));
        model.loadOlder();
        CompletableFuture<HistorySlice> older = new CompletableFuture<>();
        client.historyAnswers.add(older);
        model.topReached();
        model.topReached();
        assertThat(client.historyBefore).containsExactly(0L, 21L);
        older.complete(page(11, 20, false));
        model.topReached();
        assertThat(client.historyBefore).containsExactly(0L, 21L);
        assertThat(model.shown()).hasSize(20);
    }

    @Test
    void clearingEmptiesTheWindowOnceTheApplianceConfirms() {
        answer(page(1, 3, false));
        model.loadOlder();
        model.clear();
        assertThat(model.shown()).hasSize(3);
        client.clearResult.complete(null);
        assertThat(model.shown()).isEmpty();
        assertThat(client.cleared).containsExactly(Conversation.GROUP);
        assertThat(model.statusProperty().get()).startsWith("History cleared");
    }

    @Test
    void changesOnANewerPageApplyToTheirMessagesOnAnOlderOneAndAreNoRowsThemselves() {
        answer(new HistorySlice(Conversation.GROUP, List.of(
                change(3, ChatEntry.Change.Kind.EDIT, 1, "first, edited", null),
                change(4, ChatEntry.Change.Kind.DELETE, 2, "message deleted", null),
                change(5, ChatEntry.Change.Kind.REACT, 1, "\uD83D\uDC4D", "\uD83D\uDC4D")), true, 0));
        answer(new HistorySlice(Conversation.GROUP, List.of(bob(1, "first"), bob(2, "second")), false, 0));

        model.loadOlder();
        assertThat(model.shown()).isEmpty();
        model.loadOlder();
        assertThat(model.shown()).extracting(MessageItem::text, MessageItem::edited, MessageItem::deleted)
                .containsExactly(tuple("first, edited", true, false), tuple(null, false, true));
        assertThat(model.shown().getFirst().reactions()).singleElement()
                .satisfies(r -> assertThat(r.users()).containsExactly("bob"));
    }

    private static ChatEntry bob(long seq, String text) {
        return new ChatEntry(seq, Conversation.GROUP, seq, "bob", "b" + seq, text, null, seq, false, Delivery.DELIVERED,
                Optional.empty());
    }

    private static ChatEntry change(long seq, ChatEntry.Change.Kind kind, long target, String text, String emoji) {
        return new ChatEntry(seq, Conversation.GROUP, seq, "bob", "b" + seq, text, null, seq, false, Delivery.DELIVERED,
                Optional.empty(), null, false, false, List.of(), new ChatEntry.Change(kind, target, emoji));
    }

    private void answer(HistorySlice slice) {
        client.historyAnswers.add(CompletableFuture.completedFuture(slice));
    }

    private static HistorySlice page(int from, int to, boolean hasMore) {
        List<ChatEntry> entries = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            entries.add(FakeChatService.from("bob", Conversation.GROUP, seq, "message " + seq));
        }
        return new HistorySlice(Conversation.GROUP, entries, hasMore, 0);
    }
}
