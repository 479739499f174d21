package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;

/** The messages of display names (PROTOCOL.md §5.17, §5.18, §6.16), and the optional members older clients ignore. */
class DisplayNameMessagesTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ClientMessage client(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private ServerMessage server(String json) {
        return codec.decodeServer(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(ServerMessage message) {
        return new String(codec.encodeBody(message), StandardCharsets.UTF_8);
    }

    @Test
    void setProfileCarriesAnyScriptAndNullOrAbsentClears() {
        assertThat(client("{\"type\":\"set_profile\",\"id\":\"1\",\"displayName\":\"张伟\"}"))
                .isEqualTo(new ProfileRequest.SetProfile("1", "张伟"));
        assertThat(client("{\"type\":\"set_profile\",\"id\":\"1\",\"displayName\":null}"))
                .isEqualTo(new ProfileRequest.SetProfile("1", null));
        assertThat(client("{\"type\":\"set_profile\",\"id\":\"1\"}")).isEqualTo(new ProfileRequest.SetProfile("1", null));
    }

    @Test
    void registerWithoutADisplayNameIsAsBefore() {
        SessionRequest.Register register = (SessionRequest.Register) client(
                "{\"type\":\"register\",\"id\":\"2\",\"username\":\"alice\",\"password\":\"correct horse\"}");
        assertThat(register.displayName()).isNull();
        assertThat(((SessionRequest.Register) client("{\"type\":\"register\",\"id\":\"2\",\"username\":\"alice\","
                + "\"password\":\"correct horse\",\"displayName\":\"Ольга\"}")).displayName()).isEqualTo("Ольга");
    }

    @Test
    void getProfilesAsksAboutOneToAHundredNames() {
        assertThat(client("{\"type\":\"get_profiles\",\"id\":\"3\",\"usernames\":[\"alice\",\"Bob\"]}"))
                .isEqualTo(new ProfileRequest.ProfilesRequest("3", List.of("alice", "Bob")));
        assertThatThrownBy(() -> client("{\"type\":\"get_profiles\",\"id\":\"3\",\"usernames\":[]}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        assertThatThrownBy(() -> client("{\"type\":\"get_profiles\",\"id\":\"3\",\"usernames\":[\"a\\nb\"]}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void aProfileIsAReplyWithAnIdAndAnEventWithout() {
        assertThat(server("{\"type\":\"profile\",\"id\":\"4\",\"username\":\"alice\",\"displayName\":\"José\"}").replyId())
                .contains("4");
        ServerMessage event = server("{\"type\":\"profile\",\"username\":\"alice\"}");
        assertThat(event.replyId()).isEmpty();
        assertThat(((ProfileMessage.Profile) event).displayName()).as("cleared").isNull();
        assertThat(new ProfileMessage.Profiles("5", List.of()).replyId()).contains("5");
    }

    @Test
    void displayNamesInRosterAndPresenceAreOmittedWhenNoneSoOldOutputIsUnchanged() {
        assertThat(encode(new ProfileMessage.Roster(null, List.of("bob"), 1)))
                .isEqualTo("{\"type\":\"roster\",\"users\":[\"bob\"],\"count\":1}");
        assertThat(encode(new ProfileMessage.Presence(List.of("bob"), List.of(), 1)))
                .isEqualTo("{\"type\":\"presence\",\"joined\":[\"bob\"],\"left\":[],\"count\":1}");
        assertThat(encode(new ProfileMessage.Roster(null, List.of("bob"), 1, Map.of("bob", "Ольга"))))
                .contains("\"displayNames\":{\"bob\":\"Ольга\"}");
        ProfileMessage.Roster decoded = (ProfileMessage.Roster) server(
                "{\"type\":\"roster\",\"users\":[\"bob\",\"carol\"],\"count\":2,\"displayNames\":{\"carol\":\"张伟\"}}");
        assertThat(decoded.displayNames()).isEqualTo(Map.of("carol", "张伟"));
        assertThat(((ProfileMessage.Roster) server("{\"type\":\"roster\",\"users\":[],\"count\":0}")).displayNames()).isEmpty();
    }
}
