package org.lanchat.appliance.room;

import org.lanchat.protocol.message.RoomRequest.RoomMembersRequest;
import org.lanchat.protocol.message.RoomRequest.RoomsRequest;

/**
 * How many rooms and members one reply may hold so that it always fits {@code maxFrameBytes} (PROTOCOL.md §5.28 and
 * §5.35 "Page size"): the largest reply is computed with every string at its longest and every character at its most
 * bytes, so no reply is ever refused as too large unless one entry alone does not fit.
 */
public record RoomPages(int rooms, int members) {
    /**
     * The largest room object: an 18-digit id; a name of 64 and a topic of 250 UTF-16 units, each tripled by NFC (its
     * most) and each unit 6 bytes (an escaped surrogate half); {@code "private"}; a 32-character creator; a 10-digit
     * count; {@code false}.
     */
    static final int ROOM_BYTES = 5817;
    /** A {@code rooms} reply without rooms: a request id of 64 units of 6 bytes, both arrays, hasMore and a longest next. */
    static final int ROOMS_ENVELOPE_BYTES = 1627;
    /** A member: 32 ASCII characters, two quotes and a comma. */
    static final int MEMBER_BYTES = 35;
    /** A {@code room_members} reply without members: the longest request id, room and creator, hasMore. */
    static final int MEMBERS_ENVELOPE_BYTES = 517;

    /** The page sizes for an appliance whose frames hold {@code maxFrameBytes}; at least one entry a page. */
    public static RoomPages forFrames(int maxFrameBytes) {
        int rooms = Math.max(1, (maxFrameBytes - ROOMS_ENVELOPE_BYTES) / (ROOM_BYTES + 1));
        int members = Math.max(1, (maxFrameBytes - MEMBERS_ENVELOPE_BYTES) / MEMBER_BYTES);
        return new RoomPages(Math.min(rooms, RoomsRequest.ROOMS_PAGE_MAX),
                Math.min(members, RoomMembersRequest.MEMBERS_PAGE_MAX));
    }

    /** The rooms a page holds for a request asking {@code limit} (null: as many as may be). */
    public int rooms(Integer limit) {
        return limit == null ? rooms : Math.min(limit, rooms);
    }

    public int members(Integer limit) {
        return limit == null ? members : Math.min(limit, members);
    }
}
