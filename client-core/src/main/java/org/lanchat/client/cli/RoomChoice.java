package org.lanchat.client.cli;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lanchat.client.core.Rooms;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;

/**
 * A room as a user types it (PROTOCOL.md §7.23): {@code #12}, or a name that the rooms the user can see (joined and
 * open) share with no other, ignoring case. Two rooms may share a name (private ones may, §7.23; and a new room may
 * take the name of an archived one): a single room of that name that is not archived is the one meant, as nobody
 * writes in an archived room; otherwise the user is asked for the {@code #id}.
 */
final class RoomChoice {
    private RoomChoice() {
    }

    static Conversation resolve(Rooms rooms, String typed) {
        String name = typed.strip();
        if (name.startsWith("#")) {
            try {
                Conversation room = Conversation.of(name);
                if (room.isRoom()) {
                    return room;
                }
            } catch (ProtocolException e) {
                // said below
            }
            throw CommandFailure.usage(Texts.text("room.badId", typed));
        }
        RoomList visible = rooms.list().join();
        List<RoomInfo> named = Stream.concat(visible.joined().stream(), visible.open().stream())
                .filter(room -> room.name().equalsIgnoreCase(name)).toList();
        if (named.isEmpty()) {
            throw CommandFailure.refused(Texts.text("room.unknown", name));
        }
        List<RoomInfo> live = named.stream().filter(room -> !room.archived()).toList();
        if (named.size() > 1 && live.size() == 1) {
            return live.getFirst().conversation();
        }
        if (named.size() > 1) {
            throw CommandFailure.usage(Texts.text("room.ambiguous", name,
                    named.stream().map(room -> room.conversation().value()).collect(Collectors.joining(", "))));
        }
        return named.getFirst().conversation();
    }
}
