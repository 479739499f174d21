package org.lanchat.client.core;

import java.util.concurrent.CompletableFuture;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;

/**
 * Named rooms (docs/PROTOCOL.md §7.23), as {@link ChatService#rooms()} offers them. A room is a
 * {@link Conversation} ({@code "#<id>"}) like any other for sending, history, read marks and search; what happens
 * to rooms unasked comes as {@link ClientEvent.RoomChanged}. Every future completes on the client's own thread and
 * fails with {@link ChatException} when the appliance refuses ({@code room_not_found}, {@code not_room_creator},
 * {@code room_archived}, {@code room_name_taken}, …).
 */
public interface Rooms {
    /** The rooms the user is a member of, and the public ones they may join. */
    CompletableFuture<RoomList> list();

    /** Creates a room the user is the creator and only member of; {@code topic} may be null. */
    CompletableFuture<RoomInfo> create(String name, String topic, boolean privateRoom);

    /** Joins a public room. */
    CompletableFuture<RoomInfo> join(Conversation room);

    CompletableFuture<Void> leave(Conversation room);

    /** Makes another user a member of a room the user is in. */
    CompletableFuture<Void> invite(Conversation room, String username);

    /** The creator removes a member. */
    CompletableFuture<Void> remove(Conversation room, String username);

    /** The creator renames the room ({@code name}, null keeps it) or sets its topic ({@code ""} clears it, null keeps it). */
    CompletableFuture<RoomInfo> update(Conversation room, String name, String topic);

    /** The creator archives the room: readable still, closed to new messages and members. */
    CompletableFuture<Void> archive(Conversation room);

    CompletableFuture<RoomMembers> members(Conversation room);
}
