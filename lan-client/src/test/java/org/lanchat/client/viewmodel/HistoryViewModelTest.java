package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.ChatEntry;
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
    void searchFiltersWhatIsLoaded() {
        answer(page(1, 12, false));
        model.loadOlder();
        model.searchProperty().set("MESSAGE 1");
        assertThat(model.shown()).extracting(MessageItem::text).containsExactly("message 1", "message 10", "message 11", "message 12");
        assertThat(model.statusProperty().get()).isEqualTo("4 matches in 12 loaded messages");
        model.searchProperty().set("");
        assertThat(model.shown()).hasSize(12);
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
