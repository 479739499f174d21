package org.lanchat.client.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.Room;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.RoomVisibility;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;

/** {@link Rooms} as requests to the appliance, each made on the client's loop. */
final class RoomCalls implements Rooms {
    private final Requests link;
    private final CoreLoop loop;

    RoomCalls(Requests link, CoreLoop loop) {
        this.link = link;
        this.loop = loop;
    }

    /** Every page (§5.28), put together as one list; a room met twice (renamed between pages) is kept once. */
    @Override
    public CompletableFuture<RoomList> list() {
        return listFrom(null, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    private CompletableFuture<RoomList> listFrom(String after, Map<Conversation, RoomInfo> joined,
                                                 Map<Conversation, RoomInfo> open) {
        return ask(id -> new RoomRequest.RoomsRequest(id, after, null), RoomList.class).thenCompose(page -> {
            page.joined().forEach(room -> joined.put(room.conversation(), room));
            page.open().forEach(room -> open.put(room.conversation(), room));
            if (page.hasMore() && page.next() != null) {
                return listFrom(page.next(), joined, open);
            }
            open.keySet().removeAll(joined.keySet()); // joined while paging
            return CompletableFuture.completedFuture(new RoomList(page.id(), List.copyOf(joined.values()),
                    List.copyOf(open.values())));
        });
    }

    @Override
    public CompletableFuture<RoomInfo> create(String name, String topic, boolean privateRoom) {
        String visibility = (privateRoom ? RoomVisibility.PRIVATE : RoomVisibility.PUBLIC).wireName();
        return room(id -> new RoomRequest.CreateRoom(id, name, topic, visibility));
    }

    @Override
    public CompletableFuture<RoomInfo> join(Conversation room) {
        return room(id -> new RoomRequest.JoinRoom(id, room));
    }

    @Override
    public CompletableFuture<Void> leave(Conversation room) {
        return done(id -> new RoomRequest.LeaveRoom(id, room));
    }

    @Override
    public CompletableFuture<Void> invite(Conversation room, String username) {
        return done(id -> new RoomRequest.Invite(id, room, username));
    }

    @Override
    public CompletableFuture<Void> remove(Conversation room, String username) {
        return done(id -> new RoomRequest.RemoveMember(id, room, username));
    }

    @Override
    public CompletableFuture<RoomInfo> update(Conversation room, String name, String topic) {
        return room(id -> new RoomRequest.UpdateRoom(id, room, name, topic));
    }

    @Override
    public CompletableFuture<Void> archive(Conversation room) {
        return done(id -> new RoomRequest.ArchiveRoom(id, room));
    }

    /** Every page (§5.35), put together. */
    @Override
    public CompletableFuture<RoomMembers> members(Conversation room) {
        return membersFrom(room, null, new ArrayList<>());
    }

    private CompletableFuture<RoomMembers> membersFrom(Conversation room, String after, List<String> members) {
        return ask(id -> new RoomRequest.RoomMembersRequest(id, room, after, null), RoomMembers.class)
                .thenCompose(page -> {
                    members.addAll(page.members());
                    if (page.hasMore() && !page.members().isEmpty()) {
                        return membersFrom(room, page.members().getLast(), members);
                    }
                    return CompletableFuture.completedFuture(
                            new RoomMembers(page.id(), page.room(), page.creator(), members));
                });
    }

    private CompletableFuture<RoomInfo> room(Function<String, ClientMessage> build) {
        return ask(build, Room.class).thenApply(Room::room);
    }

    private CompletableFuture<Void> done(Function<String, ClientMessage> build) {
        return ask(build, SessionMessage.Ok.class).thenApply(ok -> null);
    }

    private <T extends ServerMessage> CompletableFuture<T> ask(Function<String, ClientMessage> build, Class<T> expected) {
        return loop.call(() -> link.request(build, expected));
    }
}
