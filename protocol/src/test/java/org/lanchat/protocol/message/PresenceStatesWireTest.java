package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** Presence states on the wire (docs/PROTOCOL.md §5.25, §6.6, §6.7, §7.20), exactly as the spec's examples write them. */
class PresenceStatesWireTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    private ClientMessage request(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encoded(Message message) {
        return new String(codec.encodeBody(message), StandardCharsets.UTF_8);
    }

    private static ProtocolException refusal(String json, MessageCodec codec) {
        try {
            codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void theRequestsOfTheSpecDecode() {
        assertThat(request("{\"type\":\"set_presence\",\"id\":\"21\",\"state\":\"busy\",\"statusText\":\"In a meeting until 3\"}"))
                .isEqualTo(new ProfileRequest.SetPresence("21", "busy", "In a meeting until 3"));
        assertThat(request("{\"type\":\"set_presence\",\"id\":\"22\",\"state\":\"available\"}"))
                .isEqualTo(new ProfileRequest.SetPresence("22", "available", null));
        assertThat(((ProfileRequest.SetPresence) request("{\"type\":\"set_presence\",\"id\":\"23\",\"state\":\"away\"}"))
                .presenceState()).isEqualTo(PresenceState.AWAY);
    }

    @Test
    void aStateIsOneOfThreeLowerCaseWordsAndRequired() {
        assertThat(refusal("{\"type\":\"set_presence\",\"id\":\"1\",\"state\":\"Busy\"}", codec).code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(refusal("{\"type\":\"set_presence\",\"id\":\"1\",\"state\":\"offline\"}", codec).code())
                .as("offline is not a state one chooses").isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(refusal("{\"type\":\"set_presence\",\"id\":\"1\"}", codec).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(refusal("{\"type\":\"set_presence\",\"id\":\"1\",\"state\":2}", codec).code()).isEqualTo(ErrorCode.WRONG_TYPE);
        assertThat(refusal("{\"type\":\"set_presence\",\"id\":\"1\",\"state\":\"away\",\"statusText\":[]}", codec).code())
                .isEqualTo(ErrorCode.WRONG_TYPE);
        assertThat(refusal("{\"type\":\"set_presence\",\"id\":\"1\",\"state\":\"away\",\"statusText\":\"a\\nb\"}", codec).code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void theRosterAndPresenceOfTheSpecEncodeAsShown() {
        Map<String, UserState> states = new TreeMap<>();
        states.put("bob", UserState.of(PresenceState.BUSY, "In a meeting until 3"));
        states.put("carol", UserState.of(PresenceState.AWAY, null));
        assertThat(encoded(new ProfileMessage.Roster(null, List.of("alice", "bob", "carol"), 3, Map.of(), states))).isEqualTo(
                "{\"type\":\"roster\",\"users\":[\"alice\",\"bob\",\"carol\"],\"count\":3,\"states\":{\"bob\":{\"state\":\"busy\","
                        + "\"statusText\":\"In a meeting until 3\"},\"carol\":{\"state\":\"away\"}}}");
        assertThat(encoded(new ProfileMessage.Presence(List.of(), List.of(), 3, Map.of(),
                Map.of("carol", UserState.DEFAULT)))).isEqualTo(
                "{\"type\":\"presence\",\"joined\":[],\"left\":[],\"count\":3,\"states\":{\"carol\":{\"state\":\"available\"}}}");
    }

    @Test
    void withoutStatesTheFramesAreWhatTheyWereBefore() {
        assertThat(encoded(new ProfileMessage.Roster(null, List.of("alice"), 1, Map.of(), Map.of())))
                .isEqualTo("{\"type\":\"roster\",\"users\":[\"alice\"],\"count\":1}");
        assertThat(encoded(new ProfileMessage.Presence(List.of("alice"), List.of(), 1, Map.of(), Map.of())))
                .isEqualTo("{\"type\":\"presence\",\"joined\":[\"alice\"],\"left\":[],\"count\":1}");
    }

    @Test
    void aStateThisClientDoesNotKnowReadsAsAvailable() {
        ProfileMessage.Roster roster = (ProfileMessage.Roster) codec.decodeServer(
                "{\"type\":\"roster\",\"users\":[\"bob\"],\"count\":1,\"states\":{\"bob\":{\"state\":\"in_a_call\"}}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(roster.states().get("bob").presenceState()).isEqualTo(PresenceState.AVAILABLE);
    }

    @Test
    void theKeysOfStatesAreSortedIgnoringCaseAsTheNamesBesideThemAre() {
        Map<String, UserState> states = Map.of("Zoe", UserState.of(PresenceState.AWAY, null),
                "bart", UserState.of(PresenceState.BUSY, null));
        assertThat(encoded(new ProfileMessage.Roster(null, List.of("bart", "Zoe"), 2, Map.of(), states))).isEqualTo(
                "{\"type\":\"roster\",\"users\":[\"bart\",\"Zoe\"],\"count\":2,"
                        + "\"states\":{\"bart\":{\"state\":\"busy\"},\"Zoe\":{\"state\":\"away\"}}}");
    }

    @Test
    void aRosterPartThatMorePartsFollowSaysSoAndTheLastOneDoesNot() {
        ProfileMessage.Roster first = new ProfileMessage.Roster("7", List.of("alice"), 2, Map.of(), Map.of(), true);
        assertThat(encoded(first)).isEqualTo(
                "{\"type\":\"roster\",\"id\":\"7\",\"users\":[\"alice\"],\"count\":2,\"hasMore\":true}");
        assertThat(codec.decodeServer(encoded(first).getBytes(StandardCharsets.UTF_8))).isEqualTo(first);
        ProfileMessage.Roster last = new ProfileMessage.Roster("7", List.of("bob"), 2, Map.of(), Map.of(), false);
        assertThat(encoded(last)).as("hasMore is absent unless true").doesNotContain("hasMore");
        assertThat(((ProfileMessage.Roster) codec.decodeServer(encoded(last).getBytes(StandardCharsets.UTF_8))).more())
                .isFalse();
    }
}
