package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.ProfileRequest.RosterRequest;
import org.lanchat.protocol.message.ProfileRequest.SetPresence;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * Presence states (PROTOCOL §7.20) over real TLS, on the embedded database ({@link PresenceStatesOnMariaDbEndToEndTest}
 * runs the same on MariaDB): a state chosen is stored per account, announced to everyone online in the next
 * {@code presence} event, listed in every roster, kept across reconnects and restarts, and never shown for a user who
 * is offline.
 */
class PresenceStatesEndToEndTest extends OneApplianceTest {
    @Test
    void aStateChosenIsAnnouncedToEveryoneOnlineNormalized() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        assertThat(alice.request(new SetPresence("s", "busy", "  In a  meeting until 3 "), Ok.class).id()).isEqualTo("s");

        Presence event = bob.await(Presence.class, p -> p.states().containsKey("alice"));
        assertThat(event.states().get("alice")).as("one space, none at either end")
                .isEqualTo(UserState.of(PresenceState.BUSY, "In a meeting until 3"));
        assertThat(alice.await(Presence.class, p -> p.states().containsKey("alice")).states().get("alice").state())
                .as("the user's own connections hear it too").isEqualTo("busy");

        Roster roster = bob.request(new RosterRequest("r"), Roster.class);
        assertThat(roster.states()).as("bob never chose a state: left out").containsOnlyKeys("alice");
    }

    @Test
    void backToAvailableIsAnnouncedAndLeavesTheRosterAsBefore() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.request(new SetPresence("1", "away", null), Ok.class);
        bob.await(Presence.class, p -> p.states().containsKey("alice"));
        alice.request(new SetPresence("2", "available", ""), Ok.class);
        assertThat(bob.await(Presence.class, p -> UserState.DEFAULT.equals(p.states().get("alice")))).isNotNull();
        assertThat(bob.request(new RosterRequest("r"), Roster.class).states()).isEmpty();
    }

    @Test
    void aStateSurvivesAReconnectAndReachesAClientThatWasOffline() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        bob.close();
        alice.request(new SetPresence("1", "busy", "Do not disturb: release day"), Ok.class);
        alice.close();
        carol.await(Presence.class, p -> p.left().contains("alice"));

        TestClient bobAgain = appliance.login("bob");
        TestClient aliceAgain = appliance.login("alice");
        Roster seen = rosterListing(bobAgain, "alice");
        assertThat(seen.states().get("alice")).as("the chosen state comes back with the user, to a client that was offline")
                .isEqualTo(UserState.of(PresenceState.BUSY, "Do not disturb: release day"));
        assertThat(rosterListing(aliceAgain, "alice").states().get("alice").state()).isEqualTo("busy");
    }

    /** The roster once it lists {@code name}: presence is announced at intervals, so a login shows a moment later. */
    static Roster rosterListing(TestClient client, String name) {
        return Awaitility.await(name + " in the roster").atMost(TestClient.TIMEOUT)
                .until(() -> client.request(new RosterRequest(client.nextId()), Roster.class), r -> r.users().contains(name));
    }

    @Test
    void anOfflineUserIsOfflineWhateverTheirState() {
        TestClient alice = appliance.newUser("alice");
        alice.request(new SetPresence("1", "away", "Lunch"), Ok.class);
        TestClient bob = appliance.newUser("bob");
        bob.await(Presence.class, p -> p.states().containsKey("alice") || p.joined().contains("bob"));
        alice.close();
        Presence gone = bob.await(Presence.class, p -> p.left().contains("alice"));
        assertThat(gone.states()).doesNotContainKey("alice");
        Roster roster = bob.request(new RosterRequest("r"), Roster.class);
        assertThat(roster.users()).doesNotContain("alice");
        assertThat(roster.states()).doesNotContainKey("alice");
    }

    @Test
    void aStateSurvivesARestart() {
        TestClient alice = appliance.newUser("alice");
        alice.request(new SetPresence("1", "away", "Back on Monday"), Ok.class);
        alice.close();
        appliance.restart();
        TestClient back = appliance.login("alice");
        Roster roster = rosterListing(back, "alice");
        assertThat(roster.states().get("alice")).isEqualTo(UserState.of(PresenceState.AWAY, "Back on Monday"));
    }

    @Test
    void badInputIsRefusedWithAClearErrorAndChangesNothing() {
        TestClient alice = appliance.newUser("alice");
        alice.request(new SetPresence("1", "away", "Lunch"), Ok.class);

        SessionMessage.Error overlong = alice.requestError(new SetPresence("2", "busy", "x".repeat(81)));
        assertThat(overlong.code()).isEqualTo(ErrorCode.INVALID_STATUS_TEXT);
        assertThat(overlong.message()).contains("80");
        SessionMessage.Error rtl = alice.requestError(new SetPresence("3", "busy", "meeting\u202Etxt.exe"));
        assertThat(rtl.code()).isEqualTo(ErrorCode.INVALID_STATUS_TEXT);
        assertThat(rtl.message()).contains("direction").contains("U+202E");
        assertThat(alice.requestError(new SetPresence("4", "busy", "a\u200Bb")).code()).isEqualTo(ErrorCode.INVALID_STATUS_TEXT);
        assertThat(alice.request(new SetPresence("5", "busy", "会议中 — 3 点回来 🙂"), Ok.class)).as("any script, emoji")
                .isNotNull();
        assertThat(alice.request(new SetPresence("6", "busy", "🙂".repeat(80)), Ok.class))
                .as("80 code points, outside the BMP each counts one").isNotNull();

        alice.sendJson("{\"type\":\"set_presence\",\"id\":\"7\",\"state\":\"offline\"}");
        assertThat(TestClient.codeOf(alice.awaitReply("7"))).isEqualTo(ErrorCode.INVALID_FIELD);
        alice.sendJson("{\"type\":\"set_presence\",\"id\":\"8\",\"state\":true}");
        assertThat(TestClient.codeOf(alice.awaitReply("8"))).isEqualTo(ErrorCode.WRONG_TYPE);
        assertThat(rosterListing(alice, "alice").states().get("alice"))
                .isEqualTo(UserState.of(PresenceState.BUSY, "🙂".repeat(80)));
    }

    @Test
    void aStateNeedsALogin() {
        TestClient stranger = appliance.connect();
        stranger.hello();
        assertThat(stranger.requestError(new SetPresence("1", "busy", null)).code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        assertThat(List.of(PresenceState.values())).hasSize(3);
    }
}
