package org.lanchat.client.core;

import java.util.List;
import java.util.Map;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * Who is online now, as {@link ChatService#online()} answers it.
 *
 * @param users  everyone online, sorted ignoring case
 * @param count  the appliance's count (authoritative)
 * @param states the presence state (PROTOCOL.md §7.20) of each user online who is not plain available, by login
 *               name; a user online not in it is available
 */
public record OnlineUsers(List<String> users, int count, Map<String, UserState> states) {
    public OnlineUsers {
        users = List.copyOf(users);
        states = Map.copyOf(states);
    }

    public OnlineUsers(List<String> users, int count) {
        this(users, count, Map.of());
    }

    /** The user's state: available for a user with none listed. */
    public UserState stateOf(String username) {
        return states.getOrDefault(username, UserState.DEFAULT);
    }
}
