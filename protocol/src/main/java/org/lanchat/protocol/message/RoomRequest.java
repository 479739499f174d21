package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Requests about named rooms (docs/PROTOCOL.md §5.27 to §5.35, §7.23): creating and listing them, and those about
 * one room ({@link ForRoom}).
 */
public sealed interface RoomRequest extends ClientMessage {
    /** Shape bound of a room's name; the appliance also refuses one that is blank once trimmed (§7.23). */
    int MAX_ROOM_NAME_CHARS = 64;

    /** Longest room topic, in UTF-16 units. */
    int MAX_ROOM_TOPIC_CHARS = 250;

    /** A request about one named room, which it names as a conversation ({@code "#<id>"}, §3.7) in {@code room}. */
    sealed interface ForRoom extends RoomRequest
            permits JoinRoom, LeaveRoom, Invite, RemoveMember, UpdateRoom, ArchiveRoom, RoomMembersRequest {
        Conversation room();
    }

    /** What a {@code room} field that names no room is refused with, whatever else it holds. */
    String NOT_A_ROOM = "field 'room' must be \"#\" followed by a room id";

    /** A {@code room} field must name a room: the group and private conversations have no members to manage. */
    private static void roomField(Conversation room) {
        Fields.required(room, "room");
        if (!room.isRoom()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, NOT_A_ROOM);
        }
    }

    /**
     * Creates a named room with the user as its creator and only member (§5.27). {@code visibility} is
     * {@code "public"} (the default: listed, anyone may join) or {@code "private"} (members invite); {@code topic}
     * is optional. Answered with {@code room}.
     */
    @JsonTypeName("create_room")
    record CreateRoom(String id, String name, String topic, String visibility) implements RoomRequest {
        public CreateRoom {
            Fields.id(id, "id");
            Fields.name(name, "name", MAX_ROOM_NAME_CHARS);
            Fields.optionalName(topic, "topic", MAX_ROOM_TOPIC_CHARS);
            RoomVisibility.fromWire(visibility);
        }

        /** Not a member of the JSON. */
        @JsonIgnore
        public boolean isPrivate() {
            return RoomVisibility.fromWire(visibility) == RoomVisibility.PRIVATE;
        }
    }

    /**
     * Lists the rooms the user is a member of and the public rooms they may join (§5.28), a page at a time: {@code after}
     * is the previous reply's {@code next} (null for the first page), {@code limit} the most rooms wanted (null for
     * {@link #ROOMS_PAGE_MAX}; more is reduced to it).
     */
    @JsonTypeName("rooms")
    record RoomsRequest(String id, String after, Integer limit) implements RoomRequest {
        /** Most rooms in one page, and the default; fewer when {@code maxFrameBytes} is small (§5.28). */
        public static final int ROOMS_PAGE_MAX = 100;

        public RoomsRequest {
            Fields.id(id, "id");
            Fields.optionalName(after, "after", RoomsCursor.MAX_CHARS);
            if (after != null) {
                RoomsCursor.parse(after);
            }
            pageLimit(limit);
        }

        /** The first page, as a client written before paging asks. */
        public RoomsRequest(String id) {
            this(id, null, null);
        }
    }

    /** Joins a public room (§5.29); answered with {@code room}. */
    @JsonTypeName("join_room")
    record JoinRoom(String id, Conversation room) implements ForRoom {
        public JoinRoom {
            Fields.id(id, "id");
            roomField(room);
        }
    }

    /** Leaves a room (§5.30); always allowed to a member, the creator included. */
    @JsonTypeName("leave_room")
    record LeaveRoom(String id, Conversation room) implements ForRoom {
        public LeaveRoom {
            Fields.id(id, "id");
            roomField(room);
        }
    }

    /** Makes {@code username} a member of a room the user is a member of (§5.31). */
    @JsonTypeName("invite")
    record Invite(String id, Conversation room, String username) implements ForRoom {
        public Invite {
            Fields.id(id, "id");
            roomField(room);
            Fields.nonEmptyName(username, "username", MAX_LOGIN_NAME_CHARS);
        }
    }

    /** The room's creator removes {@code username} from it (§5.32). */
    @JsonTypeName("remove_member")
    record RemoveMember(String id, Conversation room, String username) implements ForRoom {
        public RemoveMember {
            Fields.id(id, "id");
            roomField(room);
            Fields.nonEmptyName(username, "username", MAX_LOGIN_NAME_CHARS);
        }
    }

    /**
     * The room's creator renames it ({@code name}) or sets its topic ({@code topic}; empty clears it), or both
     * (§5.33); at least one is given. Answered with {@code room}.
     */
    @JsonTypeName("update_room")
    record UpdateRoom(String id, Conversation room, String name, String topic) implements ForRoom {
        public UpdateRoom {
            Fields.id(id, "id");
            roomField(room);
            Fields.optionalName(name, "name", MAX_ROOM_NAME_CHARS);
            Fields.optionalName(topic, "topic", MAX_ROOM_TOPIC_CHARS);
            if (name == null && topic == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "give 'name', 'topic' or both");
            }
        }
    }

    /** The room's creator archives it (§5.34): kept for reading, closed to new messages and members. */
    @JsonTypeName("archive_room")
    record ArchiveRoom(String id, Conversation room) implements ForRoom {
        public ArchiveRoom {
            Fields.id(id, "id");
            roomField(room);
        }
    }

    /** Asks who the members of a room are (§5.35); answered with {@code room_members}. */
    @JsonTypeName("room_members")
    record RoomMembersRequest(String id, Conversation room, String after, Integer limit) implements ForRoom {
        /** Most members in one page, and the default; fewer when {@code maxFrameBytes} is small (§5.35). */
        public static final int MEMBERS_PAGE_MAX = 1000;

        public RoomMembersRequest {
            Fields.id(id, "id");
            roomField(room);
            if (after != null && !Usernames.hasValidShape(after)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'after' must be a username: the last member of the previous page");
            }
            pageLimit(limit);
        }

        /** The first page, as a client written before paging asks. */
        public RoomMembersRequest(String id, Conversation room) {
            this(id, room, null, null);
        }
    }

    /** A page's {@code limit}: absent, or at least 1 (more than the most a page holds is reduced to that). */
    private static void pageLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'limit' must be at least 1");
        }
    }
}
