package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** The presence view model without a display: choosing, automatic away, others' states, do not disturb. */
class PresenceViewModelTest {
    private final FakeChatService client = new FakeChatService();
    private final PresenceViewModel model = new PresenceViewModel(client, Runnable::run);

    PresenceViewModelTest() {
        client.loggedInAs("alice");
    }

    @Test
    void choosingBusySendsItAndTurnsDoNotDisturbOn() {
        model.statusTextProperty().set("  In a meeting ");
        model.choose(PresenceState.BUSY);
        assertThat(client.presenceSet).containsExactly("busy: In a meeting");
        assertThat(model.doNotDisturbProperty().get()).isTrue();
        model.choose(PresenceState.AVAILABLE);
        assertThat(model.doNotDisturbProperty().get()).isFalse();
    }

    @Test
    void idleGoesAwayAndBackButNeverOverBusy() {
        model.idleFor(Duration.ofMinutes(10));
        assertThat(model.stateProperty().get()).isEqualTo(PresenceState.AWAY);
        assertThat(model.isAwayAutomatic()).isTrue();
        model.idleFor(Duration.ofSeconds(1));
        assertThat(model.stateProperty().get()).isEqualTo(PresenceState.AVAILABLE);
        assertThat(client.presenceSet).containsExactly("away", "available");

        model.choose(PresenceState.BUSY);
        model.idleFor(Duration.ofHours(1));
        assertThat(model.stateProperty().get()).isEqualTo(PresenceState.BUSY);
    }

    @Test
    void othersStatesShowUntilTheyLeave() {
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of(), List.of()));
        client.fire(new ClientEvent.PresenceStateChanged("bob", UserState.of(PresenceState.BUSY, "Release day")));
        assertThat(model.of("BOB")).isEqualTo(UserState.of(PresenceState.BUSY, "Release day"));
        assertThat(model.caption("bob")).isEqualTo("Release day");
        assertThat(model.versionProperty().get()).isPositive();

        client.fire(new ClientEvent.RosterChanged(List.of("alice"), 1, List.of(), List.of("bob")));
        assertThat(model.of("bob")).as("offline is offline").isEqualTo(UserState.DEFAULT);
        assertThat(model.caption("bob")).isEmpty();
    }

    @Test
    void aStateSetOnAnotherDeviceShowsHereAndARefusalIsExplained() {
        client.fire(new ClientEvent.PresenceStateChanged("alice", UserState.of(PresenceState.AWAY, "Lunch")));
        assertThat(model.stateProperty().get()).isEqualTo(PresenceState.AWAY);
        assertThat(model.statusTextProperty().get()).isEqualTo("Lunch");

        client.setPresenceResult = CompletableFuture.failedFuture(new ChatException(ErrorCode.INVALID_STATUS_TEXT,
                "the status text must be at most 80 characters, not 81", java.util.Optional.empty()));
        model.choose(PresenceState.BUSY);
        assertThat(model.stateProperty().get()).as("back to what it was").isEqualTo(PresenceState.AWAY);
        assertThat(model.errorProperty().get()).contains("80 characters");
    }
}
