package org.lanchat.appliance.room;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.appliance.core.RoomRoster;
import org.lanchat.appliance.store.RoomStore;
import org.lanchat.appliance.store.RoomStore.RoomRecord;

/**
 * Rooms and their member sets as last read from the database, so that checking a member and fanning a message out
 * need no query. Every change to a room makes every appliance {@link #forget} it (the router carries that to the
 * others), and the next use reads it afresh.
 */
public final class RoomDirectory implements RoomRoster {
    /** A room and the user ids of its members. */
    public record Room(RoomRecord record, Set<Long> members) {
        public Room {
            members = Set.copyOf(members);
        }

        public boolean hasMember(long userId) {
            return members.contains(userId);
        }
    }

    private final RoomStore store;
    private final ConcurrentMap<Long, Room> rooms = new ConcurrentHashMap<>();
    /** Bumped by every forget: a read that started before one must not be remembered, as it may be stale. */
    private final AtomicLong forgets = new AtomicLong();

    public RoomDirectory(RoomStore store) {
        this.store = store;
    }

    /** The room if it is remembered; never queries. */
    public Optional<Room> cached(long roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /** The room, read from the database when it is not remembered; empty when there is no such room. Blocking. */
    public Optional<Room> load(long roomId) {
        Room known = rooms.get(roomId);
        if (known != null) {
            return Optional.of(known);
        }
        long before = forgets.get();
        Optional<RoomRecord> record = store.find(roomId);
        if (record.isEmpty()) {
            return Optional.empty(); // not remembered: ids nobody uses must not fill memory
        }
        Room read = new Room(record.get(), store.members(roomId));
        if (forgets.get() == before) {
            rooms.put(roomId, read);
        }
        return Optional.of(read);
    }

    @Override
    public Set<Long> members(long roomId) {
        return load(roomId).map(Room::members).orElse(Set.of());
    }

    @Override
    public void forget(long roomId) {
        forgets.incrementAndGet();
        rooms.remove(roomId);
    }
}
