package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** A roster in parts (PROTOCOL.md §6.7) counts only whole: the parts before the last replace nobody. */
class RosterPartsTest {
    private final RosterParts parts = new RosterParts();

    @Test
    void aRosterInOneFrameIsWholeAtOnce() {
        Roster whole = new Roster(null, List.of("alice", "bob"), 2);
        assertThat(parts.add(whole)).contains(whole);
    }

    @Test
    void partsAreJoinedWithTheirNamesAndStatesOnceTheLastArrives() {
        assertThat(parts.add(new Roster(null, List.of("alice"), 3, Map.of("alice", "Алиса"),
                Map.of("alice", UserState.of(PresenceState.AWAY, null)), true))).isEmpty();
        assertThat(parts.add(new Roster(null, List.of("bob"), 3, Map.of(), Map.of(), true))).isEmpty();

        Roster whole = parts.add(new Roster(null, List.of("carol"), 3, Map.of("carol", "张伟"), Map.of())).orElseThrow();

        assertThat(whole.users()).containsExactly("alice", "bob", "carol");
        assertThat(whole.count()).isEqualTo(3);
        assertThat(whole.displayNames()).containsOnly(Map.entry("alice", "Алиса"), Map.entry("carol", "张伟"));
        assertThat(whole.states()).containsOnlyKeys("alice");
        assertThat(parts.add(new Roster(null, List.of("dave"), 1))).as("the next roster starts afresh")
                .hasValueSatisfying(next -> assertThat(next.users()).containsExactly("dave"));
    }

    @Test
    void partsOfARosterCutShortByALostConnectionAreForgotten() {
        parts.add(new Roster(null, List.of("alice"), 2, Map.of(), Map.of(), true));
        parts.clear();

        assertThat(parts.add(new Roster(null, List.of("bob"), 1))).hasValueSatisfying(
                whole -> assertThat(whole.users()).containsExactly("bob"));
    }
}
