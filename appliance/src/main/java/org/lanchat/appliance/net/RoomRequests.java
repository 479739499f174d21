package org.lanchat.appliance.net;

import org.lanchat.appliance.limits.RoomLimits;
import org.lanchat.appliance.room.RoomPages;
import org.lanchat.appliance.room.RoomService;
import org.lanchat.protocol.message.RoomMessage.Room;
import org.lanchat.protocol.message.RoomRequest.ArchiveRoom;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomRequest.ForRoom;
import org.lanchat.protocol.message.RoomRequest.Invite;
import org.lanchat.protocol.message.RoomRequest.JoinRoom;
import org.lanchat.protocol.message.RoomRequest.LeaveRoom;
import org.lanchat.protocol.message.RoomRequest.RemoveMember;
import org.lanchat.protocol.message.RoomRequest.RoomMembersRequest;
import org.lanchat.protocol.message.RoomRequest.RoomsRequest;
import org.lanchat.protocol.message.RoomRequest.UpdateRoom;
import org.lanchat.protocol.message.RoomsCursor;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * The named-room requests of a logged-in connection (docs/PROTOCOL.md §5.27 to §5.35). Each reads or writes the
 * database, so each is answered off the I/O thread, counting among the connection's blocking requests. Shared by
 * every connection.
 */
public final class RoomRequests {
    private final RoomService rooms;
    private final RoomLimits limits;
    private final RoomPages pages;

    /** @param pages how many rooms and members a reply holds at most, for the appliance's {@code maxFrameBytes} */
    public RoomRequests(RoomService rooms, RoomLimits limits, RoomPages pages) {
        this.rooms = rooms;
        this.limits = limits;
        this.pages = pages;
    }

    void create(CreateRoom request, Identity me, Connection connection, RequestRunner runner) {
        if (!connection.passes(request.id(), () -> limits.admitCreation(me.userId(), connection.address()))) {
            return;
        }
        runner.reply(request.id(), () -> new Room(request.id(), rooms.create(request, me.userId())));
    }

    void list(RoomsRequest request, Identity me, RequestRunner runner) {
        RoomsCursor after = request.after() == null ? null : RoomsCursor.parse(request.after());
        runner.reply(request.id(), () -> rooms.list(request.id(), me.userId(), after, pages.rooms(request.limit())));
    }

    void handle(ForRoom request, Identity me, Connection connection, RequestRunner runner) {
        if (!(request instanceof RoomMembersRequest)) { // every other one tells the room's members with a room_event
            if (!connection.passes(request.id(), () -> limits.admitChange(me.userId(), connection.address()))) {
                return;
            }
            if (request instanceof Invite invite && !connection.passes(request.id(),
                    () -> limits.admitInvitation(me.userId(), invite.username(), connection.address()))) {
                return;
            }
        }
        runner.reply(request.id(), () -> answer(request, me.userId()));
    }

    private ServerMessage answer(ForRoom request, long userId) {
        long roomId = request.room().roomId();
        String id = request.id();
        return switch (request) {
            case JoinRoom join -> new Room(id, rooms.join(roomId, userId));
            case LeaveRoom leave -> {
                rooms.leave(roomId, userId);
                yield new Ok(id);
            }
            case Invite invite -> {
                rooms.invite(roomId, userId, invite.username());
                yield new Ok(id);
            }
            case RemoveMember remove -> {
                rooms.remove(roomId, userId, remove.username());
                yield new Ok(id);
            }
            case UpdateRoom update -> new Room(id, rooms.update(roomId, userId, update.name(), update.topic()));
            case ArchiveRoom archive -> {
                rooms.archive(roomId, userId);
                yield new Ok(id);
            }
            case RoomMembersRequest members -> rooms.members(id, roomId, userId, members.after(),
                    pages.members(members.limit()));
        };
    }
}
