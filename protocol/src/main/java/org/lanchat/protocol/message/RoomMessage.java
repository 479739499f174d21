package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * About named rooms (docs/PROTOCOL.md §6.20 to §6.23, §7.23): a room, the room list, its members and its changes.
 */
public sealed interface RoomMessage extends ServerMessage {
    /**
     * A named room as everyone who may see it sees it: {@code conversation} ({@code "#<id>"}) names it in every other
     * message, {@code name} and {@code topic} (absent when none) are what people read, {@code visibility} a
     * {@link RoomVisibility} wire name, {@code creator} the login name of the user who may manage it, {@code members}
     * how many members it has, {@code archived} whether it is closed to new messages and members.
     */
    record RoomInfo(Conversation conversation, String name, String topic, String visibility, String creator,
                    int members, boolean archived) {
        /** Not a member of the JSON. */
        @JsonIgnore
        public boolean isPrivate() {
            return RoomVisibility.fromWire(visibility) == RoomVisibility.PRIVATE;
        }
    }

    /** Reply to {@code create_room}, {@code join_room} and {@code update_room}: the room as it is now. */
    @JsonTypeName("room")
    record Room(String id, RoomInfo room) implements RoomMessage, Reply {
    }

    /**
     * Reply to {@code rooms}: {@code joined}, the rooms the user is a member of (archived ones too), and
     * {@code open}, the public rooms not archived that the user is not a member of; each sorted by name, then id.
     */
    @JsonTypeName("rooms")
    record RoomList(String id, List<RoomInfo> joined, List<RoomInfo> open, boolean hasMore, String next)
            implements RoomMessage, Reply {
        public RoomList {
            joined = List.copyOf(joined);
            open = List.copyOf(open);
        }

        /** Every room in one reply: the last page, or all pages put together. */
        public RoomList(String id, List<RoomInfo> joined, List<RoomInfo> open) {
            this(id, joined, open, false, null);
        }
    }

    /**
     * Reply to {@code room_members}: the login names of the room's members, sorted ignoring case, a page at a time
     * ({@code hasMore}: ask again with {@code after} = the last name).
     */
    @JsonTypeName("room_members")
    record RoomMembers(String id, Conversation room, String creator, List<String> members, boolean hasMore)
            implements RoomMessage, Reply {
        public RoomMembers {
            members = List.copyOf(members);
        }

        /** Every member in one reply: the last page, or all pages put together. */
        public RoomMembers(String id, Conversation room, String creator, List<String> members) {
            this(id, room, creator, members, false);
        }
    }

    /**
     * Something happened to a room (§6.23): {@code change} is one of {@link #JOINED}, {@link #LEFT}, {@link #INVITED},
     * {@link #REMOVED} (these four name the member concerned in {@code user}), {@link #UPDATED} or {@link #ARCHIVED}.
     * {@code by} is who did it, absent when it was the appliance's administrator. {@code room} is the room as it is
     * after the change. Sent to every member's connections, and to the user who left or was removed.
     */
    @JsonTypeName("room_event")
    record RoomEvent(Conversation conversation, String change, String user, String by, RoomInfo room)
            implements RoomMessage {
        public static final String JOINED = "joined";
        public static final String LEFT = "left";
        public static final String INVITED = "invited";
        public static final String REMOVED = "removed";
        public static final String UPDATED = "updated";
        public static final String ARCHIVED = "archived";
    }
}
