package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * Presence states ride on the coalesced presence events (PROTOCOL §7.20): a user's changes within one interval are
 * announced once, with the last; a user who joins brings a chosen state along; offline is offline.
 */
class PresenceHubStatesTest {
    private final PresenceHub hub = new PresenceHub();
    private final PresenceStates states = new PresenceStates();

    private void set(String user, PresenceState state, String text) {
        states.set(user, UserState.of(state, text));
        hub.restated(user);
    }

    @Test
    void severalChangesInOneIntervalAreAnnouncedOnceWithTheLast() {
        hub.flush(List.of("alice", "bob"), states);
        set("alice", PresenceState.AWAY, null);
        set("alice", PresenceState.BUSY, "Release day");
        Presence event = hub.flush(List.of("alice", "bob"), states);
        assertThat(event.joined()).isEmpty();
        assertThat(event.left()).isEmpty();
        assertThat(event.states()).isEqualTo(Map.of("alice", UserState.of(PresenceState.BUSY, "Release day")));
        assertThat(hub.flush(List.of("alice", "bob"), states)).as("nothing more to tell").isNull();
    }

    @Test
    void backToAvailableIsAnnouncedAndAJoiningUserBringsOnlyAChosenState() {
        hub.flush(List.of("alice"), states);
        states.set("bob", UserState.of(PresenceState.AWAY, "Lunch"));
        Presence joined = hub.flush(List.of("alice", "bob", "carol"), states);
        assertThat(joined.states()).as("carol is available: left out").containsOnlyKeys("bob");

        set("bob", PresenceState.AVAILABLE, null);
        assertThat(hub.flush(List.of("alice", "bob", "carol"), states).states()).isEqualTo(Map.of("bob", UserState.DEFAULT));
    }

    @Test
    void aChangeOfSomeoneOfflineIsNotAnnounced() {
        hub.flush(List.of("alice"), states);
        set("dave", PresenceState.BUSY, null);
        assertThat(hub.flush(List.of("alice"), states)).isNull();
        Presence back = hub.flush(List.of("alice", "dave"), states);
        assertThat(back.states()).as("told when dave comes online").containsEntry("dave", UserState.of(PresenceState.BUSY, null));
    }
}
