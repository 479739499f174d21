package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;

/** The window shows display names (PROTOCOL.md §7.17) for everyone it meets, current ones, and sets the user's own. */
class DisplayNamesViewModelTest {
    private final FakeChatService client = new FakeChatService();
    private final ChatViewModel model = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC);

    @BeforeEach
    void login() {
        client.displayNames.put("bob", "Ольга");
        client.loggedInAs("alice");
    }

    @Test
    void usersInTheRosterAndSendersAreShownByDisplayNameOrElseByLoginName() {
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of(), List.of()));
        assertThat(model.displayNames().shown("bob")).isEqualTo("Ольга");
        assertThat(model.displayNames().shown("BOB")).as("names are keyed ignoring case").isEqualTo("Ольга");
        assertThat(model.displayNames().shown("alice")).isEqualTo("alice");

        client.displayNames.put("carol", "张伟");
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("carol", Conversation.GROUP, 1, "hi"), false));
        assertThat(model.displayNames().shown("carol")).as("a sender met in history, offline").isEqualTo("张伟");
    }

    @Test
    void aChangedNameShowsAtOnceAndEveryViewIsToldToRedraw() {
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of(), List.of()));
        long before = model.displayNames().versionProperty().get();
        client.fire(new ClientEvent.DisplayNameChanged("bob", Optional.of("Olga")));
        assertThat(model.displayNames().shown("bob")).isEqualTo("Olga");
        client.fire(new ClientEvent.DisplayNameChanged("bob", Optional.empty()));
        assertThat(model.displayNames().shown("bob")).as("cleared: the login name again").isEqualTo("bob");
        assertThat(model.displayNames().versionProperty().get()).isGreaterThan(before);
    }

    @Test
    void settingTheOwnNameShowsItAndARefusalSaysWhy() {
        assertThat(model.setDisplayName("José").join()).isTrue();
        assertThat(client.displayNamesSet).containsExactly("José");
        assertThat(model.displayNames().shown("alice")).isEqualTo("José");

        client.setDisplayNameResult = CompletableFuture.failedFuture(
                new ChatException(ErrorCode.DISPLAY_NAME_TAKEN, "the display name looks too much like another user's name", Optional.empty()));
        assertThat(model.setDisplayName("Ольга").join()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("That display name looks like another user's.");
        assertThat(model.displayNames().shown("alice")).as("unchanged").isEqualTo("José");

        client.setDisplayNameResult = null;
        assertThat(model.setDisplayName("  ").join()).isTrue();
        assertThat(client.displayNamesSet).as("blank clears").endsWith((String) null);
        assertThat(model.displayNames().shown("alice")).isEqualTo("alice");
    }
}
