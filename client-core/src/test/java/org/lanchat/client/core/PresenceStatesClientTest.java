package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** Presence states (PROTOCOL.md §7.20) through the client core, against the real appliance. */
class PresenceStatesClientTest {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Test
    void aStateSetByOneUserReachesTheOthersAsAnEventAndInWhoIsOnline() {
        EventRecorder bobEvents = new EventRecorder();
        ChatClient alice = live.user("alice", new EventRecorder());
        ChatClient bob = live.user("bob", bobEvents);

        alice.setPresence(PresenceState.BUSY, "In a meeting").join();
        ClientEvent.PresenceStateChanged changed = bobEvents.await(ClientEvent.PresenceStateChanged.class,
                e -> e.username().equals("alice"));
        assertThat(changed.state()).isEqualTo(UserState.of(PresenceState.BUSY, "In a meeting"));
        assertThat(bob.online().join().stateOf("alice")).isEqualTo(changed.state());

        alice.setPresence(PresenceState.AVAILABLE, null).join();
        bobEvents.await(ClientEvent.PresenceStateChanged.class, e -> e.username().equals("alice") && e.state().isDefault());
        assertThat(bob.online().join().states()).doesNotContainKey("alice");
    }

    @Test
    void aClientThatLogsInLaterSeesTheStateAndARefusedTextFailsWithItsCode() {
        ChatClient carol = live.user("carol", new EventRecorder());
        carol.setPresence(PresenceState.AWAY, "Lunch").join();
        assertThatThrownBy(() -> carol.setPresence(PresenceState.AWAY, "x".repeat(81)).join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATUS_TEXT));

        ChatClient dave = live.user("dave", new EventRecorder());
        Awaitility.await("carol away in dave's roster").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> dave.online().join().stateOf("carol"), state -> state.equals(UserState.of(PresenceState.AWAY, "Lunch")));
    }
}
