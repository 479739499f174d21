package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * Joins a roster that came in parts (PROTOCOL.md §6.7: everyone online did not fit one frame) into the whole one,
 * which alone may replace who is online: a part on its own would drop everyone the later parts list.
 */
final class RosterParts {
    private final List<Roster> received = new ArrayList<>();

    /** The whole roster once its last part is in; empty while more parts are to come. */
    Optional<Roster> add(Roster part) {
        if (received.isEmpty() && !part.more()) {
            return Optional.of(part);
        }
        received.add(part);
        if (part.more()) {
            return Optional.empty();
        }
        List<String> users = new ArrayList<>();
        Map<String, String> displayNames = new HashMap<>();
        Map<String, UserState> states = new HashMap<>();
        for (Roster each : received) {
            users.addAll(each.users());
            displayNames.putAll(each.displayNames());
            states.putAll(each.states());
        }
        received.clear();
        return Optional.of(new Roster(part.id(), users, part.count(), displayNames, states));
    }

    /** Forgets a roster cut short by a lost connection. */
    void clear() {
        received.clear();
    }
}
