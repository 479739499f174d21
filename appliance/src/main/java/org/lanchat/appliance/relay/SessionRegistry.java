package org.lanchat.appliance.relay;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.lanchat.appliance.core.Revocations;
import org.lanchat.protocol.ErrorCode;

/**
 * Every logged-in connection, indexed two ways: by I/O thread (for group fan-out, one task per thread
 * per message) and by user (for private messages and presence). One account may have several
 * connections; it is online while it has at least one.
 *
 * <p>Presence is read from the by-user index itself, never kept as a second copy beside it: a user's
 * entry exists exactly while they have a connection, and it only changes inside the map's atomic
 * update for that user. A last connection closing on one I/O thread while a new one logs in on another
 * therefore cannot leave the user announced offline (or online with nothing connected), whichever
 * thread finishes first.
 */
public final class SessionRegistry {
    /**
     * A user's connections, never empty while it is in {@link #byUser}. Immutable, replaced inside
     * {@code byUser}'s atomic compute: most users have one or two connections, for which a concurrent set per user
     * cost about 200 bytes more than a small list, and readers get a snapshot without copying.
     */
    private record Connected(String username, List<ClientLink> links) {
        Connected with(ClientLink link) {
            return new Connected(username, Stream.concat(links.stream(), Stream.of(link)).toList());
        }

        /** Without {@code link}; null when that was the last connection. */
        Connected without(ClientLink link) {
            List<ClientLink> rest = links.stream().filter(l -> l != link).toList();
            return rest.isEmpty() ? null : new Connected(username, rest);
        }
    }

    private final ConcurrentHashMap<Executor, LaneShard> shards = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Connected> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong onlineChanges = new AtomicLong();
    private final Revocations revocations;

    public SessionRegistry() {
        this(new Revocations());
    }

    /** @param revocations where {@link #disconnectUser} records that an account's sessions ended */
    public SessionRegistry(Revocations revocations) {
        this.revocations = revocations;
    }

    /** When the administrator last ended each account's sessions: a login checked before must not outlive it. */
    public Revocations revocations() {
        return revocations;
    }

    /** Registers a connection that just logged in. Call on its lane. */
    public void add(ClientLink link) {
        shardOf(link.lane()).add(link);
        connections.incrementAndGet();
        String username = link.username();
        boolean[] cameOnline = {false};
        byUser.compute(link.userId(), (id, known) -> {
            cameOnline[0] = known == null;
            return known == null ? new Connected(username, List.of(link)) : known.with(link);
        });
        if (cameOnline[0]) {
            onlineChanges.incrementAndGet(); // after the entry is visible: see onlineChanges()
        }
    }

    /** Forgets a connection (closed or logged out). Call on its lane. Safe to call twice. */
    public void remove(ClientLink link) {
        LaneShard shard = shards.get(link.lane());
        if (shard != null) {
            shard.remove(link);
        }
        boolean[] removed = {false};
        boolean[] wentOffline = {false};
        byUser.computeIfPresent(link.userId(), (id, user) -> {
            if (!user.links().contains(link)) {
                return user;
            }
            removed[0] = true;
            Connected rest = user.without(link);
            wentOffline[0] = rest == null;
            return rest;
        });
        if (removed[0]) {
            connections.decrementAndGet();
        }
        if (wentOffline[0]) {
            onlineChanges.incrementAndGet();
        }
    }

    /**
     * A count of users coming online and going offline. It is raised only once the change shows in
     * {@link #onlineUsernames()}, so names read after a reading of this count include every change it counts:
     * if the count has not moved since, neither has who is online.
     */
    public long onlineChanges() {
        return onlineChanges.get();
    }

    public boolean isOnline(long userId) {
        return byUser.containsKey(userId);
    }

    public int connectionCount() {
        return connections.get();
    }

    /** The logged-in connections of one user right now. */
    public int connectionsOf(long userId) {
        Connected user = byUser.get(userId);
        return user == null ? 0 : user.links().size();
    }

    /**
     * Who has at least one connection right now, unsorted. Exact at the moment of the call, unlike
     * {@link PresenceHub#roster()}, which is what was last announced to clients.
     */
    public List<String> onlineUsernames() {
        List<String> names = new ArrayList<>(byUser.size());
        for (Connected user : byUser.values()) {
            names.add(user.username());
        }
        return names;
    }

    /** Who has at least one connection right now: user id to name. */
    public Map<Long, String> onlineUsers() {
        Map<Long, String> users = new HashMap<>(byUser.size() * 2);
        byUser.forEach((id, user) -> users.put(id, user.username()));
        return users;
    }

    /**
     * Where the clients of every user but {@code exceptUserId} take peer links (those that said so), one
     * entry per connection; {@code -1} excludes nobody.
     */
    public List<PeerEndpoint> peerEndpoints(long exceptUserId) {
        List<PeerEndpoint> endpoints = new ArrayList<>();
        byUser.forEach((userId, user) -> {
            if (userId != exceptUserId) {
                user.links().forEach(link -> link.peerEndpoint().ifPresent(endpoints::add));
            }
        });
        return endpoints;
    }

    /**
     * Ends every connection of one user with a {@code bye} (each on its own lane; they close shortly
     * after this returns), and records it in {@link #revocations()}, so that a login already checked, which joins
     * after this, ends too. Used when an administrator disables the account or resets its password, once that is stored.
     *
     * @return how many connections were told to close
     */
    public int disconnectUser(long userId, ErrorCode reason, String message) {
        revocations.revoke(userId, reason, message);
        Connected user = byUser.get(userId);
        if (user == null) {
            return 0;
        }
        List<ClientLink> ending = user.links();
        for (ClientLink link : ending) {
            link.lane().execute(() -> link.bye(reason, message));
        }
        return ending.size();
    }

    /** Sends {@code frame} to every logged-in connection except one. Takes ownership of {@code frame}. */
    public void broadcast(ByteBuf frame, long messageId, long excludeLinkId) {
        try {
            for (LaneShard shard : shards.values()) {
                frame.retain();
                shard.lane().execute(() -> {
                    try {
                        shard.deliverToAll(frame, messageId, excludeLinkId);
                    } finally {
                        frame.release();
                    }
                });
            }
        } finally {
            frame.release();
        }
    }

    /** Sends {@code frame} to every logged-in connection except one user's. Takes ownership of {@code frame}. */
    public void broadcastExceptUser(ByteBuf frame, long excludeUserId) {
        try {
            for (LaneShard shard : shards.values()) {
                frame.retain();
                shard.lane().execute(() -> {
                    try {
                        shard.deliverToAllBut(frame, excludeUserId);
                    } finally {
                        frame.release();
                    }
                });
            }
        } finally {
            frame.release();
        }
    }

    /** Sends {@code frame} to every connection of one user except one. Takes ownership of {@code frame}. */
    public void sendToUser(long userId, ByteBuf frame, long messageId, long excludeLinkId) {
        try {
            Connected user = byUser.get(userId);
            if (user == null) {
                return;
            }
            for (ClientLink link : user.links()) {
                if (link.linkId() == excludeLinkId) {
                    continue;
                }
                ByteBuf copy = frame.retainedDuplicate();
                link.lane().execute(() -> shardOf(link.lane()).deliverTo(link, copy, messageId));
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Sends {@code frame} to every connection of each of {@code userIds} (a room's members) except one, looking up
     * only those users: the cost is the room's size, not the number of users online. Takes ownership of {@code frame}.
     */
    public void sendToUsers(Collection<Long> userIds, ByteBuf frame, long messageId, long excludeLinkId) {
        try {
            for (long userId : userIds) {
                sendToUser(userId, frame.retain(), messageId, excludeLinkId);
            }
        } finally {
            frame.release();
        }
    }

    private LaneShard shardOf(Executor lane) {
        return shards.computeIfAbsent(lane, LaneShard::new);
    }
}
