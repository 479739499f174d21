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
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;

/**
 * The desktop's rooms against the real appliance over TLS (PROTOCOL.md §7.23): two windows, alice's and bob's,
 * each on its own connection; what one does to a room shows in the other's list and members panel from the room
 * events alone.
 */
class RoomsLiveTest {
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();
    /** Stands in for the FX thread: the view-models are only touched here. */
    final ExecutorService ui = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        ui.shutdownNow();
    }

    private <T> T onUi(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, ui).join();
    }

    /** {@code name}'s chat window, registered and caught up. */
    private ChatViewModel window(String name) {
        ChatClient client = live.client(new EventRecorder());
        ChatViewModel model = onUi(() -> new ChatViewModel(client, ui, ZoneOffset.UTC));
        client.register(name, RunningAppliance.PASSWORD, null).join();
        client.caughtUp().orTimeout(20, TimeUnit.SECONDS).join();
        return model;
    }

    private static List<String> titles(ChatViewModel model) {
        return model.conversations().stream().map(item -> item.titleProperty().get()).toList();
    }

    private <T> T done(Supplier<CompletableFuture<T>> call) {
        return onUi(call).orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void aPublicRoomIsCreatedBrowsedJoinedWrittenInAndItsMemberRemoved() {
        ChatViewModel alice = window("alice");
        ChatViewModel bob = window("bob");

        assertThat(done(() -> alice.rooms().create("design", "Mockups", false))).isTrue();
        assertThat(onUi(() -> titles(alice))).containsExactly("Group", "design");
        assertThat(onUi(() -> alice.selectedProperty().get().topicProperty().get())).isEqualTo("Mockups");
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> List.copyOf(alice.rooms().members())),
                members -> members.equals(List.of("alice")));

        done(() -> bob.rooms().refresh());
        RoomInfo design = onUi(() -> bob.rooms().open().getFirst());
        assertThat(design.name()).isEqualTo("design");
        assertThat(done(() -> bob.rooms().join(design))).isTrue();
        assertThat(onUi(() -> titles(bob))).containsExactly("Group", "design");
        assertThat(onUi(bob::selectedConversation)).isEqualTo(design.conversation());
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> List.copyOf(alice.rooms().members())),
                members -> members.equals(List.of("alice", "bob")));

        CompletableFuture.runAsync(() -> {
            bob.draftProperty().set("first sketch is up");
            bob.send();
        }, ui).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> alice.messagesProperty().get().stream()
                .anyMatch(row -> "first sketch is up".equals(row.text()))));

        assertThat(onUi(() -> alice.rooms().managingProperty().get())).as("alice created it").isTrue();
        assertThat(done(() -> alice.rooms().remove("bob"))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> titles(bob)), titles -> titles.equals(List.of("Group")));
        assertThat(onUi(bob::selectedConversation)).isEqualTo(Conversation.GROUP);
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> List.copyOf(alice.rooms().members())),
                members -> members.equals(List.of("alice")));
    }

    @Test
    void aPrivateRoomIsNotBrowsableReachesTheInvitedAndIsNamedForOneWhoLogsInLater() {
        ChatViewModel alice = window("alice");
        ChatViewModel bob = window("bob");
        live.appliance().newUser("carol").close();

        assertThat(done(() -> alice.rooms().create("plans", null, true))).isTrue();
        done(() -> bob.rooms().refresh());
        assertThat(onUi(() -> List.copyOf(bob.rooms().open()))).as("private rooms are not listed").isEmpty();

        assertThat(done(() -> alice.rooms().invite("bob"))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> titles(bob)),
                titles -> titles.equals(List.of("Group", "plans")));
        assertThat(done(() -> alice.rooms().invite("carol"))).isTrue();
        assertThat(done(() -> alice.rooms().invite("nobody-here"))).as("an unknown user").isFalse();
        assertThat(onUi(() -> alice.rooms().errorProperty().get())).isNotEmpty();
        assertThat(onUi(() -> List.copyOf(alice.rooms().members()))).as("nothing lost").contains("alice");

        ChatViewModel dave = window("dave");
        assertThat(onUi(() -> titles(dave))).as("not invited: nothing to see").containsExactly("Group");
        ChatClient carolsClient = live.client(new EventRecorder());
        ChatViewModel carolsWindow = onUi(() -> new ChatViewModel(carolsClient, ui, ZoneOffset.UTC));
        carolsClient.login("carol", RunningAppliance.PASSWORD).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> titles(carolsWindow)),
                titles -> titles.equals(List.of("Group", "plans")));

        Conversation plans = onUi(() -> alice.rooms().shownProperty().get());
        assertThat(done(() -> bob.rooms().leave(plans))).isTrue();
        assertThat(onUi(() -> titles(bob))).containsExactly("Group");
        await().atMost(Duration.ofSeconds(20)).until(() -> onUi(() -> List.copyOf(alice.rooms().members())),
                members -> members.equals(List.of("alice", "carol")));
    }
}
