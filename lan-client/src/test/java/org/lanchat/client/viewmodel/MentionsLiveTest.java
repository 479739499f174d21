package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;

/**
 * PROTOCOL.md §7.21 against the real appliance: the text travels unchanged, and the window decides from it who is
 * called — through a muted group by name and by {@code @here} as it happens, never by what it catches up on.
 */
class MentionsLiveTest {
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();
    /** Stands in for the FX thread: the view-model is only touched here. */
    final ExecutorService ui = Executors.newSingleThreadExecutor();
    final List<NotificationPolicy.Notification> notified = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        ui.shutdownNow();
    }

    /** The chat window of {@code user}, in the background, logged in through {@code login} once it listens. */
    private ChatViewModel window(ChatClient client) {
        ChatViewModel model = CompletableFuture.supplyAsync(() -> new ChatViewModel(client, ui, ZoneOffset.UTC), ui).join();
        CompletableFuture.runAsync(() -> {
            model.windowFocusedProperty().set(false);
            model.notifications().setOnNotify(notified::add);
        }, ui).join();
        return model;
    }

    private List<String> notifiedBodies() {
        return notified.stream().map(NotificationPolicy.Notification::body).toList();
    }

    @Test
    void inAMutedGroupOnlyTheUsersNameAndALiveAtHereNotify() {
        ChatClient alice = live.client(new EventRecorder());
        ChatViewModel model = window(alice);
        CompletableFuture.runAsync(() -> model.notifications().setMuted(Conversation.GROUP, true), ui).join();
        alice.register("alice", RunningAppliance.PASSWORD, null).join();
        alice.caughtUp().orTimeout(20, TimeUnit.SECONDS).join();

        TestClient bob = live.appliance().newUser("bob");
        bob.send(Conversation.GROUP, "lunch?");
        bob.send(Conversation.GROUP, "@Alice can you look?");
        bob.send(Conversation.GROUP, "@here standup in 5");
        bob.send(Conversation.GROUP, "mail alice@example.com");
        bob.send(Conversation.GROUP, "last");

        await().atMost(Duration.ofSeconds(20)).until(() -> CompletableFuture.supplyAsync(
                () -> model.messagesProperty().get().stream().anyMatch(row -> "last".equals(row.text())), ui).join());
        assertThat(notifiedBodies()).containsExactly("@Alice can you look?", "@here standup in 5");
        assertThat(notified).allSatisfy(n -> assertThat(n.mention()).isTrue());
    }

    @Test
    void whatWaitedForTheUserCallsThemByNameButNeverThroughAtHere() {
        live.appliance().newUser("carol").close();
        TestClient bob = live.appliance().newUser("bob");
        // While carol is away: private messages wait for her login (§7.4), the group's she catches up on (§7.5).
        bob.send(Conversation.with("carol"), "@here anyone?");
        bob.send(Conversation.with("carol"), "@carol while you were out");
        bob.send(Conversation.GROUP, "@carol in the group");
        bob.send(Conversation.GROUP, "@here all of you");

        ChatClient carol = live.client(new EventRecorder());
        ChatViewModel model = window(carol);
        CompletableFuture.runAsync(() -> model.notifications().setMuted(Conversation.with("bob"), true), ui).join();
        carol.login("carol", RunningAppliance.PASSWORD).join();
        carol.caughtUp().orTimeout(20, TimeUnit.SECONDS).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> CompletableFuture.supplyAsync(() -> model.conversations().stream()
                .map(item -> item.previewProperty().get()).toList(), ui).join()
                .containsAll(List.of("@carol while you were out", "@here all of you")));
        bob.send(Conversation.GROUP, "@here live now");
        await().atMost(Duration.ofSeconds(20)).until(() -> notifiedBodies().contains("@here live now"));
        assertThat(notifiedBodies()).containsExactly("@carol while you were out", "@here live now");
    }
}
