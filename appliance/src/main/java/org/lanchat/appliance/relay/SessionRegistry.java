package org.lanchat.appliance.relay;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanchat.protocol.ErrorCode;

/**
 * Every logged-in connection, indexed two ways: by I/O thread (for group fan-out, one task per thread
 * per message) and by user (for private messages and presence). One account may have several
 * connections; it is online while it has at least one.
 */
public final class SessionRegistry {
    private final ConcurrentHashMap<Executor, LaneShard> shards = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<ClientLink>> byUser = new ConcurrentHashMap<>();
    private final PresenceHub presence;
    private final AtomicInteger connections = new AtomicInteger();

    public SessionRegistry(PresenceHub presence) {
        this.presence = presence;
    }

    /** Registers a connection that just logged in. Call on its lane. */
    public void add(ClientLink link) {
        shardOf(link.lane()).add(link);
        connections.incrementAndGet();
        byUser.compute(link.userId(), (id, links) -> {
            Set<ClientLink> set = links == null ? ConcurrentHashMap.newKeySet() : links;
            set.add(link);
            return set;
        });
        presence.cameOnline(link.username());
    }

    /** Forgets a connection (closed or logged out). Call on its lane. Safe to call twice. */
    public void remove(ClientLink link) {
        LaneShard shard = shards.get(link.lane());
        if (shard != null) {
            shard.remove(link);
        }
        boolean[] removed = {false};
        boolean[] lastOne = {false};
        byUser.computeIfPresent(link.userId(), (id, links) -> {
            removed[0] = links.remove(link);
            if (links.isEmpty()) {
                lastOne[0] = true;
                return null;
            }
            return links;
        });
        if (removed[0]) {
            connections.decrementAndGet();
        }
        if (lastOne[0]) {
            presence.wentOffline(link.username());
        }
    }

    public boolean isOnline(long userId) {
        return byUser.containsKey(userId);
    }

    public int connectionCount() {
        return connections.get();
    }

    /**
     * Who has at least one connection right now, unsorted. Exact at the moment of the call, unlike
     * {@link PresenceHub#roster()}, which is what was last announced to clients.
     */
    public List<String> onlineUsernames() {
        List<String> names = new ArrayList<>();
        for (Set<ClientLink> links : byUser.values()) {
            links.stream().findAny().ifPresent(link -> names.add(link.username()));
        }
        return names;
    }

    /**
     * Ends every connection of one user with a {@code bye} (each on its own lane; they close shortly
     * after this returns). Used when an administrator disables the account.
     *
     * @return how many connections were told to close
     */
    public int disconnectUser(long userId, ErrorCode reason, String message) {
        Set<ClientLink> links = byUser.get(userId);
        if (links == null) {
            return 0;
        }
        List<ClientLink> ending = List.copyOf(links);
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

    /** Sends {@code frame} to every connection of one user except one. Takes ownership of {@code frame}. */
    public void sendToUser(long userId, ByteBuf frame, long messageId, long excludeLinkId) {
        try {
            Set<ClientLink> links = byUser.get(userId);
            if (links == null) {
                return;
            }
            for (ClientLink link : List.copyOf(links)) {
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

    private LaneShard shardOf(Executor lane) {
        return shards.computeIfAbsent(lane, LaneShard::new);
    }
}
