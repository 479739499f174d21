package org.lanchat.appliance.room;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.room.RoomDirectory.Room;
import org.lanchat.appliance.store.RoomStore;
import org.lanchat.appliance.store.RoomStore.RoomRecord;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomVisibility;
import org.lanchat.protocol.message.RoomsCursor;

/**
 * The rules of named rooms (PROTOCOL §7.23). Whoever is not a member of a room cannot tell a private room from no room:
 * every refusal about one is {@code room_not_found} with the same words. Changes are stored first, then announced
 * through {@link Events}, which also makes every appliance forget what it remembered of the room. {@code byUserId}
 * null is the appliance's administrator, who may manage any room without being a member. Every method blocks.
 */
public final class RoomService {
    /** Announces a stored change of a room to its members' connections and to {@code alsoUserId} (null for none). */
    @FunctionalInterface
    public interface Events {
        void changed(long roomId, RoomEvent event, Long alsoUserId);
    }

    /** Looks a user up by login name ignoring case: their id and canonical name. */
    @FunctionalInterface
    public interface Users {
        Optional<Member> byName(String username);
    }

    /** A user as rooms name them; a {@code disabled} account (§7.12) may not be invited. */
    public record Member(long id, String username, boolean disabled) {
    }

    private final RoomStore store;
    private final RoomDirectory rooms;
    private final Users users;
    private final LongFunction<String> names;
    private final Events events;
    private final LongSupplier clock;

    public RoomService(RoomStore store, RoomDirectory rooms, Users users, LongFunction<String> names, Events events,
                       LongSupplier clock) {
        this.store = store;
        this.rooms = rooms;
        this.users = users;
        this.names = names;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The room, if {@code userId} is a member of it: what naming {@code "#<id>"} in any conversation request needs.
     * Empty only when the room is not remembered and {@code mayQueryDatabase} is false.
     *
     * @throws Refused {@code room_not_found}
     */
    public Optional<Room> memberRoom(long roomId, long userId, boolean mayQueryDatabase) {
        Optional<Room> room = rooms.cached(roomId);
        if (room.isEmpty()) {
            if (!mayQueryDatabase) {
                return Optional.empty();
            }
            room = rooms.load(roomId);
        }
        return Optional.of(room.filter(r -> r.hasMember(userId)).orElseThrow(() -> notFound(roomId)));
    }

    /** {@link #memberRoom}, for a request that adds to the room: an archived room takes nothing new. */
    public Optional<Room> postableRoom(long roomId, long userId, boolean mayQueryDatabase) {
        Optional<Room> room = memberRoom(roomId, userId, mayQueryDatabase);
        room.filter(r -> r.record().archived()).ifPresent(r -> {
            throw archived(roomId);
        });
        return room;
    }

    public RoomInfo create(CreateRoom request, long userId) {
        String name = RoomNames.name(request.name());
        boolean privateRoom = request.isPrivate();
        if (!privateRoom) {
            requireUnlikeOtherPublicRooms(name, 0);
        }
        RoomRecord created = store.create(name, RoomNames.publicKey(name, privateRoom, false),
                RoomNames.topic(request.topic()), privateRoom, userId, clock.getAsLong())
                .orElseThrow(() -> nameTaken(name));
        return info(created, Set.of(userId));
    }

    /**
     * A page of the rooms the user is a member of ({@code joined}), then of the public ones not archived they may join
     * ({@code open}): at most {@code pageSize} rooms, those after {@code after} (null for the first page) in that order.
     */
    public RoomList list(String requestId, long userId, RoomsCursor after, int pageSize) {
        List<RoomInfo> joined = new ArrayList<>();
        Set<Long> mine = new HashSet<>();
        for (long id : store.roomsOf(userId)) {
            rooms.load(id).ifPresent(room -> {
                mine.add(id);
                joined.add(info(room));
            });
        }
        List<RoomInfo> open = new ArrayList<>();
        for (RoomRecord record : store.openRooms()) {
            if (!mine.contains(record.id())) {
                rooms.load(record.id()).ifPresent(room -> open.add(info(room)));
            }
        }
        Comparator<RoomInfo> order = Comparator.comparing(RoomInfo::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparingLong(info -> info.conversation().roomId());
        joined.sort(order);
        open.sort(order);
        List<RoomsCursor> all = new ArrayList<>(joined.size() + open.size());
        joined.forEach(room -> all.add(new RoomsCursor(true, room.conversation().roomId(), room.name())));
        open.forEach(room -> all.add(new RoomsCursor(false, room.conversation().roomId(), room.name())));
        int start = 0;
        while (after != null && start < all.size() && !isAfter(all.get(start), after)) {
            start++;
        }
        int end = Math.min(all.size(), start + pageSize);
        int joinedEnd = Math.min(joined.size(), end);
        boolean hasMore = end < all.size();
        return new RoomList(requestId, joined.subList(Math.min(start, joinedEnd), joinedEnd),
                open.subList(Math.max(0, start - joined.size()), Math.max(0, end - joined.size())), hasMore,
                hasMore ? all.get(end - 1).format() : null);
    }

    /** Whether {@code room} comes after {@code cursor}: joined before open, then by name ignoring case, then id. */
    private static boolean isAfter(RoomsCursor room, RoomsCursor cursor) {
        if (room.joined() != cursor.joined()) {
            return cursor.joined();
        }
        int byName = String.CASE_INSENSITIVE_ORDER.compare(room.name(), cursor.name());
        return byName > 0 || byName == 0 && room.roomId() > cursor.roomId();
    }

    /** Joins a public room; a member asking again gets the room unchanged. */
    public RoomInfo join(long roomId, long userId) {
        Room room = rooms.load(roomId).filter(r -> r.hasMember(userId) || !r.record().privateRoom())
                .orElseThrow(() -> notFound(roomId));
        if (room.hasMember(userId)) {
            return info(room);
        }
        if (room.record().archived()) {
            throw archived(roomId);
        }
        store.addMember(roomId, userId);
        return announce(roomId, RoomEvent.JOINED, names.apply(userId), userId, null);
    }

    /** Leaves a room, which a member may always do, its creator too. */
    public void leave(long roomId, long userId) {
        memberRoom(roomId, userId, true);
        if (store.removeMember(roomId, userId)) {
            announce(roomId, RoomEvent.LEFT, names.apply(userId), userId, userId);
        }
    }

    /** A member makes another user a member; inviting a member again changes nothing. */
    public void invite(long roomId, long userId, String username) {
        Room room = memberRoom(roomId, userId, true).orElseThrow();
        if (room.record().archived()) {
            throw archived(roomId);
        }
        Member invited = users.byName(username).orElseThrow(() -> unknownUser(username));
        if (invited.disabled()) {
            // As for a private send (§5.6): nobody could read the room as them, and unknown_recipient is final.
            throw new Refused(ErrorCode.UNKNOWN_RECIPIENT, "the account '" + invited.username()
                    + "' is disabled; it cannot be invited to a room");
        }
        if (store.addMember(roomId, invited.id())) {
            announce(roomId, RoomEvent.INVITED, invited.username(), userId, null);
        }
    }

    /** The creator (or the administrator, {@code byUserId} null) removes a member. */
    public void remove(long roomId, Long byUserId, String username) {
        Room room = managed(roomId, byUserId);
        Member removed = users.byName(username).filter(m -> room.hasMember(m.id()))
                .orElseThrow(() -> new Refused(ErrorCode.UNKNOWN_RECIPIENT,
                        "'" + username + "' is not a member of " + Conversation.room(roomId)));
        if (byUserId != null && removed.id() == byUserId) {
            throw new Refused(ErrorCode.INVALID_FIELD, "to leave a room you created, use leave_room");
        }
        if (store.removeMember(roomId, removed.id())) {
            announce(roomId, RoomEvent.REMOVED, removed.username(), byUserId, removed.id());
        }
    }

    /** The creator (or the administrator) renames the room or sets its topic ({@code ""} clears it). */
    public RoomInfo update(long roomId, Long byUserId, String newName, String newTopic) {
        RoomRecord record = managed(roomId, byUserId).record();
        if (record.archived()) {
            throw archived(roomId);
        }
        String name = newName == null ? record.name() : RoomNames.name(newName);
        String topic = newTopic == null ? record.topic() : RoomNames.topic(newTopic);
        if (!record.privateRoom() && newName != null) {
            requireUnlikeOtherPublicRooms(name, roomId);
        }
        if (!store.update(roomId, name, RoomNames.publicKey(name, record.privateRoom(), false), topic)) {
            throw nameTaken(name);
        }
        return announce(roomId, RoomEvent.UPDATED, null, byUserId, null);
    }

    /** The creator (or the administrator) archives the room; archiving it again changes nothing. */
    public void archive(long roomId, Long byUserId) {
        if (managed(roomId, byUserId).record().archived()) {
            return;
        }
        store.archive(roomId);
        announce(roomId, RoomEvent.ARCHIVED, null, byUserId, null);
    }

    /** Who the members are, for a member: at most {@code pageSize}, those after {@code after} (ignoring case). */
    public RoomMembers members(String requestId, long roomId, long userId, String after, int pageSize) {
        Room room = memberRoom(roomId, userId, true).orElseThrow();
        List<String> page = memberNames(room).stream()
                .filter(name -> after == null || String.CASE_INSENSITIVE_ORDER.compare(name, after) > 0)
                .limit(pageSize + 1L).toList();
        return new RoomMembers(requestId, Conversation.room(roomId), names.apply(room.record().creatorId()),
                page.subList(0, Math.min(pageSize, page.size())), page.size() > pageSize);
    }

    /** Every member's login name, sorted ignoring case. */
    public List<String> memberNames(Room room) {
        return room.members().stream().map(names::apply).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** Every room, private and archived ones too, by id: the administrator's view. */
    public List<RoomInfo> all() {
        return store.allRooms().stream().map(r -> rooms.load(r.id()).map(this::info).orElse(info(r, Set.of()))).toList();
    }

    /** Stored: forget the room here, read it afresh, and tell its members (and whoever left it). */
    private RoomInfo announce(long roomId, String change, String user, Long byUserId, Long alsoUserId) {
        rooms.forget(roomId);
        RoomInfo now = rooms.load(roomId).map(this::info).orElseThrow(() -> notFound(roomId));
        events.changed(roomId, new RoomEvent(Conversation.room(roomId), change, user,
                byUserId == null ? null : names.apply(byUserId), now), alsoUserId);
        return now;
    }

    /** A room the asker may manage: its creator, while a member, or the administrator. */
    private Room managed(long roomId, Long byUserId) {
        if (byUserId == null) { // the administrator is a member of nothing: membership is not the reason
            return rooms.load(roomId).orElseThrow(() -> new Refused(ErrorCode.ROOM_NOT_FOUND,
                    "there is no room " + Conversation.room(roomId)));
        }
        Room room = memberRoom(roomId, byUserId, true).orElseThrow();
        if (room.record().creatorId() != byUserId) {
            throw new Refused(ErrorCode.NOT_ROOM_CREATOR,
                    "only the creator of " + Conversation.room(roomId) + " may remove members, rename or archive it");
        }
        return room;
    }

    private RoomInfo info(Room room) {
        return info(room.record(), room.members());
    }

    private RoomInfo info(RoomRecord r, Set<Long> members) {
        return new RoomInfo(Conversation.room(r.id()), r.name(), r.topic(),
                (r.privateRoom() ? RoomVisibility.PRIVATE : RoomVisibility.PUBLIC).wireName(),
                names.apply(r.creatorId()), members.size(), r.archived());
    }

    /** The one refusal for a room that does not exist and one the user may not see (§7.23). */
    private static Refused notFound(long roomId) {
        return new Refused(ErrorCode.ROOM_NOT_FOUND,
                "there is no room " + Conversation.room(roomId) + " that you are a member of or may join");
    }

    private static Refused archived(long roomId) {
        return new Refused(ErrorCode.ROOM_ARCHIVED, "room " + Conversation.room(roomId) + " is archived");
    }

    /**
     * A public name that looks like another public room's (General and Gеneral with a Cyrillic е) would let a room
     * pass for the one everybody joins; the database keeps exact names unique, this the look-alikes.
     */
    private void requireUnlikeOtherPublicRooms(String name, long exceptRoomId) {
        List<String> alike = store.openRooms().stream()
                .filter(other -> other.id() != exceptRoomId && RoomNames.lookAlike(name, other.name()))
                .map(RoomRecord::name).toList();
        // The refusal names the plainest clash: "DESIGN" meets "Design" before "Deslgn" (a capital I looks like an l).
        alike.stream().filter(other -> other.equalsIgnoreCase(name)).findFirst().ifPresent(same -> {
            throw nameTaken(same);
        });
        if (!alike.isEmpty()) {
            throw new Refused(ErrorCode.ROOM_NAME_TAKEN, "a public room is already called '" + alike.getFirst()
                    + "', which '" + name + "' looks too much like");
        }
    }

    private static Refused nameTaken(String name) {
        return new Refused(ErrorCode.ROOM_NAME_TAKEN, "a public room is already called '" + name + "'");
    }

    private static Refused unknownUser(String username) {
        return new Refused(ErrorCode.UNKNOWN_RECIPIENT, "there is no user called '" + username + "'");
    }
}
