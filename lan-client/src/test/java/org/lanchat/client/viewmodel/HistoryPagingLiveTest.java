package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;

/**
 * The history window's paging and search against the real appliance, with a conversation of 120 messages:
 * more than two pages of {@link HistoryViewModel#PAGE}.
 */
class HistoryPagingLiveTest {
    private static final int MESSAGES = 120;

    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();
    static ChatClient alice;
    /** Stands in for the FX thread: the view-model is only touched here. */
    final ExecutorService ui = Executors.newSingleThreadExecutor();
    HistoryViewModel model;

    @BeforeAll
    static void seed() {
        alice = live.user("alice", new EventRecorder());
        TestClient bob = live.appliance().newUser("bob");
        for (int i = 1; i <= MESSAGES; i++) {
            // The needle is in the oldest page and in the middle one, never in the newest.
            bob.send(Conversation.with("alice"), i == 3 || i == 60 ? "needle " + i : "hay " + i);
        }
    }

    @BeforeEach
    void open() {
        model = read(() -> new HistoryViewModel(alice, Conversation.with("bob"), ui, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        ui.shutdownNow();
    }

    @Test
    void reachingTheTopLoadsOlderPagesUntilTheFirstMessage() {
        act(() -> model.loadOlder());
        awaitOnUi(() -> !model.loadingProperty().get() && model.shown().size() == HistoryViewModel.PAGE);
        assertThat(read(() -> model.shown().getFirst().text())).isEqualTo("hay 71");
        assertThat(read(() -> model.statusProperty().get())).isEqualTo("50 messages loaded; scroll up for older ones");

        act(() -> model.topReached());
        awaitOnUi(() -> !model.loadingProperty().get() && model.shown().size() == 2 * HistoryViewModel.PAGE);
        act(() -> model.topReached());
        awaitOnUi(() -> !model.loadingProperty().get() && !model.hasMoreProperty().get());

        assertThat(read(() -> model.shown().stream().map(MessageItem::text).toList()))
                .hasSize(MESSAGES).startsWith("hay 1", "hay 2", "needle 3").endsWith("hay 119", "hay 120")
                .doesNotHaveDuplicates();
        assertThat(read(() -> model.statusProperty().get())).isEqualTo("All 120 messages");
    }

    @Test
    void aSearchLooksThroughTheWholeConversationNotJustTheLoadedPage() {
        act(() -> model.loadOlder());
        awaitOnUi(() -> !model.loadingProperty().get() && model.shown().size() == HistoryViewModel.PAGE);

        act(() -> model.searchProperty().set("NEEDLE"));
        awaitOnUi(() -> !model.searchingProperty().get() && !model.loadingProperty().get());

        assertThat(read(() -> model.shown().stream().map(MessageItem::text).toList()))
                .containsExactly("needle 3", "needle 60");
        assertThat(read(() -> model.statusProperty().get())).isEqualTo("2 matches in all 120 messages");
        assertThat(read(() -> model.hasMoreProperty().get())).isFalse();
    }

    private void act(Runnable work) {
        CompletableFuture.runAsync(work, ui).join();
    }

    private <T> T read(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, ui).join();
    }

    private void awaitOnUi(Supplier<Boolean> condition) {
        await().atMost(EventRecorder.TIMEOUT).until(() -> read(condition));
    }
}
