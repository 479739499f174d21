package org.lanchat.client.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.Usernames;

/**
 * The presence state of each user online (PROTOCOL.md §7.20), as the roster and presence events say: a user
 * online whom no {@code states} named is available; a user who leaves is forgotten, since offline is offline
 * whatever the state. Confined to the client's loop.
 */
final class StateBook {
    /** Key: name key; only users online with a state other than the default. */
    private final Map<String, UserState> chosen = new HashMap<>();

    /**
     * A whole roster: {@code states} names every listed user who is not plain available.
     *
     * @return the users whose state this changes, with their new state
     */
    Map<String, UserState> replace(Collection<String> online, Map<String, UserState> states) {
        Map<String, UserState> before = new HashMap<>(chosen);
        chosen.clear();
        Map<String, UserState> changed = new LinkedHashMap<>();
        for (String user : online) {
            UserState now = states.getOrDefault(user, UserState.DEFAULT);
            put(user, now);
            if (!now.equals(before.getOrDefault(Usernames.key(user), UserState.DEFAULT))) {
                changed.put(user, now);
            }
        }
        return changed;
    }

    /**
     * A presence event: those who left are forgotten, those in {@code states} take the state given.
     *
     * @return the users online whose state this changes, with their new state
     */
    Map<String, UserState> apply(Collection<String> left, Map<String, UserState> states) {
        left.forEach(user -> chosen.remove(Usernames.key(user)));
        Map<String, UserState> changed = new LinkedHashMap<>();
        states.forEach((user, now) -> {
            if (!now.equals(put(user, now))) {
                changed.put(user, now);
            }
        });
        return changed;
    }

    /** The user's state; available for a user online who chose none, and for anyone offline. */
    UserState of(String username) {
        return chosen.getOrDefault(Usernames.key(username), UserState.DEFAULT);
    }

    /** Every user online whose state is not the default, keyed by login name. */
    Map<String, UserState> chosen(Collection<String> online) {
        Map<String, UserState> shown = new LinkedHashMap<>();
        online.forEach(user -> {
            UserState state = of(user);
            if (!state.isDefault()) {
                shown.put(user, state);
            }
        });
        return shown;
    }

    void clear() {
        chosen.clear();
    }

    /** @return the state held before, the default for none */
    private UserState put(String user, UserState state) {
        UserState before = state.isDefault() ? chosen.remove(Usernames.key(user)) : chosen.put(Usernames.key(user), state);
        return before == null ? UserState.DEFAULT : before;
    }
}
