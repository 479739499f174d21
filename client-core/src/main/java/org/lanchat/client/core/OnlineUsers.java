package org.lanchat.client.core;

import java.util.List;

/**
 * Who is online now, as {@link ChatService#online()} answers it.
 *
 * @param users everyone online, sorted ignoring case
 * @param count the appliance's count (authoritative)
 */
public record OnlineUsers(List<String> users, int count) {
    public OnlineUsers {
        users = List.copyOf(users);
    }
}
