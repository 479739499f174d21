package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;

/**
 * The search box against the real appliance (PROTOCOL.md §7.22): hits from the group and a private chat, newest
 * first, and an old hit opened in the chat window by paging history back to it.
 */
class SearchLiveTest {
    /** More than one history page (50) before the old hit, so opening it has to page. */
    private static final int FILLER = 120;

    /** bob writes a long history quickly: loopback is exempt from the message rate. */
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension(b -> b.rateLimits(new RateLimits(RateLimits.DEFAULT_REGISTRATIONS_PER_HOUR,
            RateLimits.DEFAULT_CONNECTIONS_PER_ADDRESS, RateLimits.DEFAULT_MESSAGES_PER_SECOND_PER_CONNECTION,
            RateLimits.DEFAULT_MESSAGES_PER_SECOND_PER_USER, true)));
    /** Stands in for the FX thread: the view-model is only touched here. */
    final ExecutorService ui = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        ui.shutdownNow();
    }

    private <T> T onUi(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, ui).join();
    }

    @Test
    void hitsFromEveryConversationAndAnOldOneOpensAtItsMessage() {
        live.appliance().newUser("alice").close();
        TestClient bob = live.appliance().newUser("bob");
        bob.send(Conversation.GROUP, "the budget draft is in the shared folder");
        for (int i = 1; i <= FILLER; i++) {
            bob.send(Conversation.GROUP, "filler " + i);
        }
        bob.send(Conversation.with("alice"), "Budget numbers for the offsite");

        ChatClient alice = live.client(new EventRecorder());
        ChatViewModel model = onUi(() -> new ChatViewModel(alice, ui, ZoneOffset.UTC));
        alice.login("alice", RunningAppliance.PASSWORD).join();
        alice.caughtUp().orTimeout(20, TimeUnit.SECONDS).join();
        SearchViewModel search = model.search();

        CompletableFuture.runAsync(() -> search.queryProperty().set("budget"), ui).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> search.results().size()) == 2);
        List<SearchResult> results = onUi(() -> List.copyOf(search.results()));
        assertThat(results).extracting(r -> r.hit().conversation())
                .as("newest first").containsExactly(Conversation.with("bob"), Conversation.GROUP);
        assertThat(onUi(() -> search.where(results.getFirst()))).isEqualTo("bob");
        assertThat(results.getFirst().snippet()).isEqualTo("Budget numbers for the offsite");

        long oldSeq = results.get(1).hit().seq();
        assertThat(onUi(() -> model.messagesProperty().get().stream().mapToLong(MessageItem::seq).filter(seq -> seq > 0).min().orElse(0)))
                .as("the window holds only the newest of the group").isGreaterThan(oldSeq);
        CompletableFuture.runAsync(() -> search.open(results.get(1)), ui).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> model.openedAtProperty().get() != null
                && model.openedAtProperty().get().seq() == results.get(1).hit().seq()));
        assertThat(onUi(model::selectedConversation)).isEqualTo(Conversation.GROUP);
        assertThat(onUi(() -> model.openedAtProperty().get().text())).isEqualTo("the budget draft is in the shared folder");
        assertThat(onUi(() -> search.statusProperty().get())).isEmpty();
    }
}
