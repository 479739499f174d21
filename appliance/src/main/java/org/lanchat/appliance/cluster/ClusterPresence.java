package org.lanchat.appliance.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lanchat.appliance.relay.PeerEndpoint;

/**
 * Who is connected to the other members, from their heartbeats. A member whose heartbeats stop is forgotten
 * after {@code expiry}, and its users with it, unless they are connected somewhere else too: a user is online
 * while any live member (or this one) says so.
 */
final class ClusterPresence {
    /** The other members as last heard from. */
    record Member(ClusterEvent.Heartbeat heartbeat, long heardAtNanos) {
    }

    private final long expiryNanos;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private volatile Map<Long, String> remoteUsers = Map.of();
    private volatile List<PeerEndpoint> remotePeers = List.of();

    ClusterPresence(long expiryNanos) {
        this.expiryNanos = expiryNanos;
    }

    void heard(ClusterEvent.Heartbeat heartbeat, long nowNanos) {
        members.put(heartbeat.member(), new Member(heartbeat, nowNanos));
        rebuild();
    }

    /** Forgets members not heard from within the expiry; returns the ones forgotten. */
    List<ClusterEvent.Heartbeat> expire(long nowNanos) {
        List<ClusterEvent.Heartbeat> gone = new ArrayList<>();
        members.values().removeIf(member -> {
            boolean expired = nowNanos - member.heardAtNanos() > expiryNanos;
            if (expired) {
                gone.add(member.heartbeat());
            }
            return expired;
        });
        if (!gone.isEmpty()) {
            rebuild();
        }
        return gone;
    }

    /** Whether a live other member has the user connected; answers from memory. */
    boolean onlineElsewhere(long userId) {
        return remoteUsers.containsKey(userId);
    }

    /** Names of the users connected to live other members. */
    Collection<String> namesElsewhere() {
        return remoteUsers.values();
    }

    /** Where the clients on live other members take peer links, but {@code exceptUserId}'s. */
    List<PeerEndpoint> peersElsewhere(long exceptUserId) {
        return remotePeers.stream().filter(peer -> peer.userId() != exceptUserId).toList();
    }

    /** The live other members, as last heard. */
    List<Member> members() {
        return List.copyOf(members.values());
    }

    private synchronized void rebuild() {
        Map<Long, String> users = new ConcurrentHashMap<>();
        List<PeerEndpoint> peers = new ArrayList<>();
        for (Member member : members.values()) {
            member.heartbeat().users().forEach(user -> users.put(user.id(), user.name()));
            peers.addAll(member.heartbeat().peers());
        }
        remoteUsers = users;
        remotePeers = List.copyOf(peers);
    }
}
