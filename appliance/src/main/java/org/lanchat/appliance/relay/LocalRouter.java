package org.lanchat.appliance.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.OutOfDirectMemoryError;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.core.RoomRoster;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.ServerMessage;

/** Routes to the connections of this appliance alone: its registry is everyone there is. */
public final class LocalRouter implements MessageRouter {
    private final SessionRegistry registry;
    private final MessageCodec codec;
    private final MessageViews views;
    private final Function<String, Optional<String>> displayNames;
    private final PresenceStates states;
    private final PresenceHub presence = new PresenceHub();
    private volatile RoomRoster rooms = RoomRoster.NONE;
    /** {@link SessionRegistry#onlineChanges()} as the last announcement read it; -1 before the first. */
    private volatile long announcedChanges = -1;

    public LocalRouter(SessionRegistry registry, MessageCodec codec, MessageViews views) {
        this(registry, codec, views, name -> Optional.empty(), new PresenceStates());
    }

    /**
     * @param displayNames a user's display name by login name, from memory (the directory's cache)
     * @param states       everyone's presence state, kept current by {@link #announceState}
     */
    public LocalRouter(SessionRegistry registry, MessageCodec codec, MessageViews views,
                       Function<String, Optional<String>> displayNames, PresenceStates states) {
        this.registry = registry;
        this.codec = codec;
        this.views = views;
        this.displayNames = displayNames;
        this.states = states;
    }

    /** Who is in each named room; set once at start, before any room message is routed. */
    public void serveRooms(RoomRoster roster) {
        this.rooms = roster;
    }

    @Override
    public void route(StoredMessage m, long originLinkId) {
        if (m.conversation().isRoom()) {
            // Every member names a room alike: one encoding, handed to the members' connections alone.
            registry.sendToUsers(rooms.members(m.conversation().roomId()), frame(views.view(m, m.senderId())), m.id(),
                    originLinkId);
            return;
        }
        if (m.recipientId() == null) {
            // Everyone sees the group the same way: one encoding for all recipients.
            registry.broadcast(frame(views.view(m, m.senderId())), m.id(), originLinkId);
            return;
        }
        registry.sendToUser(m.recipientId(), frame(views.view(m, m.recipientId())), m.id(), 0);
        registry.sendToUser(m.senderId(), frame(views.view(m, m.senderId())), m.id(), originLinkId);
    }

    @Override
    public boolean isOnline(long userId) {
        return registry.isOnline(userId);
    }

    @Override
    public void announcePresence() {
        // Comparing everyone online with the last announcement sorts every name; with nobody coming or going (most
        // ticks of an office's day, every 2 s at 19,000 online) that was all the tick did.
        long changes = registry.onlineChanges();
        if (changes == announcedChanges && !presence.hasRestated()) {
            return;
        }
        announce(registry.onlineUsernames());
        announcedChanges = changes;
    }

    /**
     * Announces {@code online} as who is online now to this appliance's connections (as {@link #announcePresence}
     * does with this appliance's own users), for a router that knows of users connected elsewhere.
     */
    public void announce(Collection<String> online) {
        Presence change = presence.flush(online, states);
        if (change != null) {
            Map<String, String> shown = new HashMap<>();
            for (String joined : change.joined()) {
                displayNames.apply(joined).ifPresent(name -> shown.put(joined, name));
            }
            for (byte[] part : PresenceParts.frames(new Presence(change.joined(), change.left(), change.count(), shown,
                    change.states()), codec)) {
                registry.broadcast(direct(part), -1, 0);
            }
        }
    }

    @Override
    public void announceState(String username, UserState state) {
        states.set(username, state);
        presence.restated(username);
    }

    @Override
    public void announceProfile(long userId, String username, String displayName) {
        registry.broadcast(frame(new ProfileMessage.Profile(null, username, displayName)), -1, 0);
    }

    @Override
    public RosterSnapshot roster() {
        return presence.roster();
    }

    @Override
    public int disconnectUser(long userId, ErrorCode reason, String message) {
        return registry.disconnectUser(userId, reason, message);
    }

    @Override
    public List<PeerEndpoint> peerEndpoints(long exceptUserId) {
        return registry.peerEndpoints(exceptUserId);
    }

    /** The codec this router encodes with, for a router that passes events on to other appliances. */
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public void signal(long userId, ServerMessage event, long excludeLinkId) {
        registry.sendToUser(userId, frame(event), -1, excludeLinkId);
    }

    @Override
    public void signalEveryone(ServerMessage event, long excludeUserId) {
        registry.broadcastExceptUser(frame(event), excludeUserId);
    }

    @Override
    public void signalRoom(long roomId, ServerMessage event, long excludeUserId) {
        List<Long> others = rooms.members(roomId).stream().filter(member -> member != excludeUserId).toList();
        registry.sendToUsers(others, frame(event), -1, 0);
    }

    @Override
    public void roomChanged(long roomId, ServerMessage event, Long alsoUserId) {
        rooms.forget(roomId);
        Set<Long> told = new HashSet<>(rooms.members(roomId));
        if (alsoUserId != null) {
            told.add(alsoUserId);
        }
        registry.sendToUsers(told, frame(event), -1, 0);
    }

    private ByteBuf frame(ServerMessage message) {
        return direct(codec.encodeFrame(message));
    }

    private static ByteBuf direct(byte[] bytes) {
        // Direct memory: the same bytes are written to many sockets without a copy per socket.
        try {
            return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        } catch (OutOfDirectMemoryError e) {
            // The message is committed; relaying it from the heap is slower but must not fail the relay
            // thread, which runs this. Sessions meanwhile cut off the slow consumers holding the memory.
            return Unpooled.wrappedBuffer(bytes);
        }
    }
}
