package org.lanchat.appliance.core;

import java.util.Set;

/**
 * Who is in each named room, from memory where it can be: what fan-out asks for every room message, so that a
 * message to a room of 20 touches those 20 users' connections and no others (PROTOCOL §7.23).
 */
public interface RoomRoster {
    /** A roster of no rooms, for routers that serve none. */
    RoomRoster NONE = new RoomRoster() {
        @Override
        public Set<Long> members(long roomId) {
            return Set.of();
        }

        @Override
        public void forget(long roomId) {
        }
    };

    /** The user ids of the room's members; reads the database on the first call after {@link #forget}. */
    Set<Long> members(long roomId);

    /** Drops what is remembered of the room: its members or details changed. */
    void forget(long roomId);
}
