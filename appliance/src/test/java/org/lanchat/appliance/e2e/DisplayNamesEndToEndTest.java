package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileMessage.Profile;
import org.lanchat.protocol.message.ProfileMessage.Profiles;
import org.lanchat.protocol.message.ProfileMessage.UserProfile;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Display names (PROTOCOL §7.17) over real TLS, on the embedded database ({@link DisplayNamesOnMariaDbEndToEndTest}
 * runs the same on MariaDB): set at registration or later, announced to everyone online, carried by roster and
 * presence, looked up for users who are offline, and refused when they could pass for someone else.
 */
class DisplayNamesEndToEndTest extends OneApplianceTest {
    @Test
    void aNameSetIsRepliedNormalizedAndAnnouncedToEveryoneOnline() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Profile reply = alice.request(new ProfileRequest.SetProfile("p", "Jose\u0301  Álvarez "), Profile.class);
        assertThat(reply.id()).isEqualTo("p");
        assertThat(reply.username()).isEqualTo("alice");
        assertThat(reply.displayName()).as("NFC, one space, none at the end").isEqualTo("José Álvarez");

        Profile event = bob.await(Profile.class, p -> p.id() == null && p.username().equals("alice"));
        assertThat(event.displayName()).isEqualTo("José Álvarez");
        assertThat(event.replyId()).isEmpty();
    }

    @Test
    void theRosterAndPresenceCarryDisplayNames() {
        TestClient alice = appliance.connect();
        alice.registerAs("alice", RunningAppliance.PASSWORD, null, "张伟");
        TestClient bob = appliance.connect();
        bob.registerAs("bob", RunningAppliance.PASSWORD, null, "Ольга");
        ProfileMessage.Presence joined = alice.await(ProfileMessage.Presence.class, p -> p.joined().contains("bob"));
        assertThat(joined.displayNames()).containsEntry("bob", "Ольга");

        ProfileMessage.Roster roster = bob.request(new ProfileRequest.RosterRequest("r"), ProfileMessage.Roster.class);
        assertThat(roster.displayNames()).isEqualTo(Map.of("alice", "张伟", "bob", "Ольга"));
    }

    @Test
    void anOfflineUserSeesTheNewNameOnOldMessagesAfterwards() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.send(Conversation.GROUP, "hello from before the change");
        bob.awaitChat(1, m -> m.from().equals("alice"));
        bob.close();

        alice.request(new ProfileRequest.SetProfile("p", "Алиса"), Profile.class);

        TestClient later = appliance.login("bob");
        ConversationMessage.HistoryPage page = later.request(new ConversationRequest.HistoryRequest("h", Conversation.GROUP, null, null, 10),
                ConversationMessage.HistoryPage.class);
        assertThat(page.messages()).extracting(ConversationMessage.ChatMessage::from).containsExactly("alice");
        Profiles profiles = later.request(new ProfileRequest.ProfilesRequest("q", List.of("ALICE", "bob", "nobody", "alice")),
                Profiles.class);
        assertThat(profiles.profiles()).as("known users once each, canonical names, in the order asked")
                .containsExactly(new UserProfile("alice", "Алиса"), new UserProfile("bob", null));
    }

    @Test
    void aNameThatLooksLikeAnotherUsersLoginOrDisplayNameIsRefused() {
        TestClient alice = appliance.newUser("alice");
        TestClient mallory = appliance.newUser("mallory");
        assertThat(mallory.requestError(new ProfileRequest.SetProfile("1", "Alice")).code())
                .as("another's login name, capitalized").isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
        assertThat(alice.request(new ProfileRequest.SetProfile("2", "ALICE"), Profile.class).displayName())
                .as("one's own login name").isEqualTo("ALICE");

        TestClient paypal = appliance.newUser("paypal");
        assertThat(paypal.request(new ProfileRequest.SetProfile("3", "coco"), Profile.class).displayName()).isEqualTo("coco");
        SessionMessage.Error wholeScript = mallory.requestError(new ProfileRequest.SetProfile("4", "\u0441\u043e\u0441\u043e"));
        assertThat(wholeScript.code()).as("all-Cyrillic сосо imitates coco").isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
        assertThat(wholeScript.message()).doesNotContain("paypal");
        assertThat(alice.requestError(new ProfileRequest.SetProfile("4b", "\uFF4Dallory")).code())
                .as("a full-width m, which TS #39's data leaves alone, imitates mallory").isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
        assertThat(alice.requestError(new ProfileRequest.SetProfile("4c", "\u1D18\u1D00\u028F\u1D18\u1D00\u029F")).code())
                .as("small capitals ᴘᴀʏᴘᴀʟ imitate paypal").isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);

        SessionMessage.Error mixed = mallory.requestError(new ProfileRequest.SetProfile("5", "\u0420\u0430\u0443\u0440\u0430l"));
        assertThat(mixed.code()).as("Cyrillic Раура with a Latin l").isEqualTo(ErrorCode.INVALID_DISPLAY_NAME);
        SessionMessage.Error rtl = mallory.requestError(new ProfileRequest.SetProfile("6", "mallory\u202Etxt.exe"));
        assertThat(rtl.code()).isEqualTo(ErrorCode.INVALID_DISPLAY_NAME);
        SessionMessage.Error zwj = mallory.requestError(new ProfileRequest.SetProfile("7", "pay\u200Dpal"));
        assertThat(zwj.code()).isEqualTo(ErrorCode.INVALID_DISPLAY_NAME);
    }

    @Test
    void composedAndDecomposedSpellingsAreOneName() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.request(new ProfileRequest.SetProfile("1", "Jos\u00e9"), Profile.class);
        assertThat(bob.requestError(new ProfileRequest.SetProfile("2", "Jose\u0301")).code())
                .isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
    }

    @Test
    void aClearedNameIsFreeForOthersAndTheLoginNameIsShownAgain() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        alice.request(new ProfileRequest.SetProfile("1", "Ann Lee"), Profile.class);
        Profile cleared = alice.request(new ProfileRequest.SetProfile("2", null), Profile.class);
        assertThat(cleared.displayName()).isNull();
        bob.await(Profile.class, p -> p.username().equals("alice") && p.displayName() == null);
        assertThat(bob.request(new ProfileRequest.SetProfile("3", "Ann Lee"), Profile.class).displayName()).isEqualTo("Ann Lee");
    }

    @Test
    void aRegistrationWithATakenOrInvalidDisplayNameCreatesNoAccount() {
        TestClient alice = appliance.connect();
        alice.registerAs("alice", RunningAppliance.PASSWORD, null, "张伟");
        TestClient carol = appliance.connect();
        assertThat(carol.requestError(new SessionRequest.Register("register-1", "carol", RunningAppliance.PASSWORD, null, "张伟")).code())
                .isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
        assertThat(carol.requestError(new SessionRequest.Register("register-2", "carol", RunningAppliance.PASSWORD, null, "c\u200Barol")).code())
                .isEqualTo(ErrorCode.INVALID_DISPLAY_NAME);
        assertThat(carol.requestError(new SessionRequest.Register("register-3", "alice", RunningAppliance.PASSWORD, null, "Someone")).code())
                .as("a taken login name is reported as such").isEqualTo(ErrorCode.USERNAME_TAKEN);
        carol.registerAs("carol", RunningAppliance.PASSWORD, null, "Carol");
        assertThat(carol.request(new ProfileRequest.ProfilesRequest("q", List.of("carol")), Profiles.class).profiles())
                .containsExactly(new UserProfile("carol", "Carol"));
    }

    @Test
    void displayNamesSurviveARestart() {
        TestClient alice = appliance.newUser("alice");
        alice.request(new ProfileRequest.SetProfile("1", "Ольга"), Profile.class);
        alice.close();
        appliance.restart();
        TestClient bob = appliance.newUser("bob");
        assertThat(bob.request(new ProfileRequest.ProfilesRequest("q", List.of("alice")), Profiles.class).profiles())
                .containsExactly(new UserProfile("alice", "Ольга"));
        assertThat(bob.requestError(new ProfileRequest.SetProfile("2", "ОЛЬГА")).code()).isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
    }

    @Test
    void oneUsersChangesAtOnceEachSucceedAndNobodyElsesSendsAreRefused() {
        TestClient bob = appliance.newUser("bob");
        List<TestClient> alices = new java.util.ArrayList<>(List.of(appliance.newUser("alice")));
        for (int i = 1; i < 8; i++) {
            alices.add(appliance.login("alice"));
        }
        // 200 changes pipelined on eight connections, alternating between two names, while bob sends: they replace
        // the same rows of the same user and claim the same names' look-alike keys.
        Map<TestClient, List<String>> asked = new java.util.HashMap<>();
        for (int i = 0; i < 25; i++) {
            for (TestClient alice : alices) {
                String id = alice.nextId();
                alice.sendMessage(new ProfileRequest.SetProfile(id, "Alice " + (i % 2 == 0 ? "Liddell" : "Springs")));
                asked.computeIfAbsent(alice, a -> new java.util.ArrayList<>()).add(id);
            }
            bob.send(Conversation.GROUP, "still here " + i);
        }

        asked.forEach((alice, ids) -> ids.forEach(id -> assertThat(alice.awaitReply(id))
                .as("a change of alice's own name, not refused as taken or as the database failing")
                .isInstanceOf(Profile.class)));
        assertThat(bob.send(Conversation.GROUP, "and after")).isNotNull();
    }
}
