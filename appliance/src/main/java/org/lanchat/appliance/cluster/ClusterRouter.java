package org.lanchat.appliance.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.lanchat.appliance.account.LoginThrottle;
import org.lanchat.appliance.chat.MessageLog;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.relay.LocalRouter;
import org.lanchat.appliance.relay.MessageRouter;
import org.lanchat.appliance.relay.PeerEndpoint;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageRouter} of a member of a cluster: this member's connections get what was committed on every
 * member, presence covers every member's users, and an administrator's disconnect reaches every member.
 *
 * <p>Subjects, all under {@code lanchat.<cluster id>.}: {@code committed} (one event per committed message),
 * {@code member} (heartbeats) and {@code control} (disconnects, account changes, login verdicts, and the events that
 * are never stored: read marks and typing). Members of another
 * cluster on the same NATS servers never hear each other, and every event is sealed ({@link EventSeal}): one that no
 * member sealed is dropped.
 *
 * <p>Threads: one thread of its own ({@code lanchat-cluster}) delivers every message to this member's
 * connections, in id order (see {@link CommitSequencer}), reads gaps from the database, sends heartbeats and
 * expires silent members. {@link #route} only publishes and hands over, so the message log's relay never waits
 * for the bus.
 */
public final class ClusterRouter implements MessageRouter, MessageLog.CommitWatcher, LoginThrottle.Sharing, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterRouter.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A member not heard from for this long is gone, and its users offline unless connected elsewhere. */
    static final Duration MEMBER_EXPIRY = Duration.ofSeconds(5);
    private static final Duration GAP_CHECK = Duration.ofMillis(50);
    private static final Duration CATCH_UP = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Who this member is: the cluster it belongs to, its own random id for this run, and how it is shown. */
    public record Membership(String clusterId, String memberId, String name, String shortCode) {
        /** @param shortCode the short code of the cluster's certificate, which clients compare */
        public static Membership of(String clusterId, String name, String shortCode) {
            return new Membership(clusterId, UUID.randomUUID().toString().replace("-", "").substring(0, 16), name, shortCode);
        }
    }

    private final Membership me;
    private final long startedAt = System.currentTimeMillis();
    private final SessionRegistry registry;
    private final LocalRouter local;
    private final LongConsumer reloadAccount;
    private final CommitSequencer sequencer;
    private final ClusterPresence presence = new ClusterPresence(MEMBER_EXPIRY.toNanos());
    private final ScheduledExecutorService thread;
    private final String committedSubject;
    private final String memberSubject;
    private final String controlSubject;
    private final EventSeal seal;
    private final AtomicLong refused = new AtomicLong();
    private NatsBus bus;
    private volatile LoginThrottle throttle;
    private volatile String address = "starting";

    private ClusterRouter(Membership me, byte[] busSecret, SessionRegistry registry, LocalRouter local, MessageStore messages,
                          LongConsumer reloadAccount) {
        this.me = me;
        this.seal = new EventSeal(busSecret);
        this.registry = registry;
        this.local = local;
        this.reloadAccount = reloadAccount;
        String prefix = "lanchat." + me.clusterId() + ".";
        committedSubject = prefix + "committed";
        memberSubject = prefix + "member";
        controlSubject = prefix + "control";
        CommitSequencer.Source source = new CommitSequencer.Source() {
            @Override
            public long lastCommittedId() {
                return messages.lastCommittedId();
            }

            @Override
            public List<StoredMessage> committedBetween(long after, long before, int limit) {
                return messages.committedBetween(after, before, limit);
            }
        };
        sequencer = new CommitSequencer(source, local::route, messages.lastCommittedId());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("lanchat-cluster").daemon(true).factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread = executor;
    }

    /**
     * Joins the cluster: connects to the bus (failing if no server accepts this member), subscribes, and starts
     * delivering what any member commits from now on.
     *
     * @param busSecret     what only members know (the cluster authority's key): every event on the bus is sealed
     *                      with it, and an event that is not is dropped
     * @param reloadAccount re-reads an account another member's administrator changed
     */
    public static ClusterRouter join(ClusterSettings settings, Membership me, byte[] busSecret, SessionRegistry registry,
                                     LocalRouter local, MessageStore messages, LongConsumer reloadAccount) throws IOException {
        ClusterRouter router = new ClusterRouter(me, busSecret, registry, local, messages, reloadAccount);
        router.bus = NatsBus.connect(settings, "LAN Chat appliance " + me.name() + " (" + me.memberId() + ")",
                () -> router.onThread(() -> router.sequencer.catchUp(true)));
        router.bus.subscribe(router.committedSubject, router::received);
        router.bus.subscribe(router.memberSubject, router::received);
        router.bus.subscribe(router.controlSubject, router::received);
        router.thread.scheduleWithFixedDelay(router::tick, GAP_CHECK.toMillis(), GAP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        router.thread.scheduleWithFixedDelay(router::catchUp, CATCH_UP.toMillis(), CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        router.thread.scheduleWithFixedDelay(router::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Joined cluster {} as member {} (\"{}\")", me.clusterId(), me.memberId(), me.name());
        return router;
    }

    @Override
    public void route(StoredMessage message, long originLinkId) {
        publish(committedSubject, ClusterEvent.Committed.of(me.memberId(), message));
        long now = System.nanoTime();
        onThread(() -> sequencer.offer(message, originLinkId, now));
    }

    @Override
    public void committing(long firstId, long lastId) {
        sequencer.committing(firstId, lastId);
    }

    @Override
    public void abandoned(long firstId, long lastId) {
        sequencer.abandoned(firstId, lastId);
    }

    @Override
    public boolean isOnline(long userId) {
        return registry.isOnline(userId) || presence.onlineElsewhere(userId);
    }

    @Override
    public List<PeerEndpoint> peerEndpoints(long exceptUserId) {
        List<PeerEndpoint> peers = new ArrayList<>(registry.peerEndpoints(exceptUserId));
        peers.addAll(presence.peersElsewhere(exceptUserId));
        return peers;
    }

    @Override
    public void announcePresence() {
        Set<String> online = new HashSet<>(registry.onlineUsernames());
        online.addAll(presence.namesElsewhere());
        local.announce(online);
    }

    @Override
    public RosterSnapshot roster() {
        return local.roster();
    }

    @Override
    public int disconnectUser(long userId, ErrorCode reason, String message) {
        publish(controlSubject, new ClusterEvent.Disconnect(me.memberId(), userId, reason.wireName(), message));
        return local.disconnectUser(userId, reason, message);
    }

    @Override
    public void announceProfile(long userId, String username, String displayName) {
        publish(controlSubject, new ClusterEvent.ProfileChanged(me.memberId(), userId, username, displayName));
        local.announceProfile(userId, username, displayName);
    }

    @Override
    public void announceState(String username, ProfileMessage.UserState state) {
        publish(controlSubject, new ClusterEvent.StateChanged(me.memberId(), username, state.state(), state.statusText()));
        local.announceState(username, state);
    }

    @Override
    public void signal(long userId, ServerMessage event, long excludeLinkId) {
        if (presence.onlineElsewhere(userId)) {
            publish(controlSubject, new ClusterEvent.Signal(me.memberId(), userId, -1, body(event)));
        }
        local.signal(userId, event, excludeLinkId);
    }

    @Override
    public void signalEveryone(ServerMessage event, long excludeUserId) {
        publish(controlSubject, new ClusterEvent.Signal(me.memberId(), null, excludeUserId, body(event)));
        local.signalEveryone(event, excludeUserId);
    }

    @Override
    public void signalRoom(long roomId, ServerMessage event, long excludeUserId) {
        publish(controlSubject, new ClusterEvent.RoomSignal(me.memberId(), roomId, excludeUserId, body(event)));
        local.signalRoom(roomId, event, excludeUserId);
    }

    @Override
    public void roomChanged(long roomId, ServerMessage event, Long alsoUserId) {
        publish(controlSubject, new ClusterEvent.RoomChanged(me.memberId(), roomId, alsoUserId, body(event)));
        local.roomChanged(roomId, event, alsoUserId);
    }

    private ServerMessage decoded(String body) {
        return local.codec().decodeServer(body.getBytes(StandardCharsets.UTF_8));
    }

    private String body(ServerMessage event) {
        return new String(local.codec().encodeBody(event), StandardCharsets.UTF_8);
    }

    /** Counts login failures on every member together: this member's throttle shares with the others' from now on. */
    public void countLoginsWith(LoginThrottle loginThrottle) {
        throttle = loginThrottle;
        loginThrottle.share(this);
    }

    @Override
    public void failed(LoginThrottle.Keys attempt) {
        publish(controlSubject, new ClusterEvent.LoginFailed(me.memberId(), List.of(attempt.names()),
                java.util.Arrays.stream(attempt.allowances()).boxed().toList()));
    }

    @Override
    public void succeeded(String pairKey) {
        publish(controlSubject, new ClusterEvent.LoginSucceeded(me.memberId(), pairKey));
    }

    /** Where this member's clients connect, as shown to administrators. */
    public void listeningOn(String where) {
        address = where;
    }

    /** Tells the other members that an administrator changed this account, so they re-read it. */
    public void accountChanged(long userId) {
        publish(controlSubject, new ClusterEvent.AccountChanged(me.memberId(), userId));
    }

    public ClusterStatus status() {
        List<ClusterStatus.Member> members = new ArrayList<>();
        members.add(new ClusterStatus.Member(me.memberId(), me.name(), address, registry.connectionCount(),
                registry.onlineUsernames().size(), 0, true));
        long now = System.nanoTime();
        for (ClusterPresence.Member member : presence.members()) {
            ClusterEvent.Heartbeat beat = member.heartbeat();
            members.add(new ClusterStatus.Member(beat.member(), beat.name(), beat.address(), beat.connections(),
                    beat.users().size(), TimeUnit.NANOSECONDS.toMillis(now - member.heardAtNanos()), false));
        }
        return new ClusterStatus(me.clusterId(), me.shortCode(), bus.state().name().toLowerCase(java.util.Locale.ROOT), bus.connectedUrl(),
                members, sequencer.delivered(), sequencer.filledFromDatabase(), bus.publishFailures(), refused.get());
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private void received(byte[] sealed) {
        Optional<byte[]> data = seal.open(sealed);
        if (data.isEmpty()) {
            long count = refused.incrementAndGet();
            if (Long.bitCount(count) == 1) { // 1, 2, 4, 8, ...
                log.warn("Dropped {} events on the bus that no member of this cluster sealed (someone else publishing"
                        + " on the NATS server, or a member of another cluster)", count);
            }
            return;
        }
        ClusterEvent event;
        try {
            event = JSON.readValue(data.get(), ClusterEvent.class);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring an unreadable cluster event ({} bytes): {}", sealed.length, e.getMessage());
            return;
        }
        if (event.member().equals(me.memberId())) {
            return;
        }
        long now = System.nanoTime();
        switch (event) {
            case ClusterEvent.Committed committed -> onThread(() -> sequencer.offer(committed.message(), 0, now));
            case ClusterEvent.Heartbeat heartbeat -> presence.heard(heartbeat, now);
            case ClusterEvent.Disconnect disconnect -> local.disconnectUser(disconnect.userId(),
                    ErrorCode.fromWire(disconnect.reason()), disconnect.message());
            case ClusterEvent.Signal signal -> {
                ServerMessage relayed = local.codec().decodeServer(signal.event().getBytes(StandardCharsets.UTF_8));
                if (signal.userId() != null) {
                    local.signal(signal.userId(), relayed, 0);
                } else {
                    local.signalEveryone(relayed, signal.excludeUserId());
                }
            }
            // Both off the bus's thread: either may read the room's members from the database.
            case ClusterEvent.RoomSignal signal -> onThread(() -> local.signalRoom(signal.roomId(),
                    decoded(signal.event()), signal.excludeUserId()));
            case ClusterEvent.RoomChanged changed -> onThread(() -> local.roomChanged(changed.roomId(),
                    decoded(changed.event()), changed.alsoUserId()));
            case ClusterEvent.AccountChanged changed -> reloadAccount.accept(changed.userId());
            case ClusterEvent.ProfileChanged changed -> {
                reloadAccount.accept(changed.userId());
                local.announceProfile(changed.userId(), changed.username(), changed.displayName());
            }
            case ClusterEvent.StateChanged changed ->
                    local.announceState(changed.username(), new ProfileMessage.UserState(changed.state(), changed.statusText()));
            case ClusterEvent.LoginFailed failed -> {
                LoginThrottle counting = throttle;
                if (counting != null && failed.keys().size() == failed.allowances().size()) {
                    counting.failedElsewhere(new LoginThrottle.Keys(failed.keys().toArray(String[]::new),
                            failed.allowances().stream().mapToInt(Integer::intValue).toArray()));
                }
            }
            case ClusterEvent.LoginSucceeded succeeded -> {
                LoginThrottle counting = throttle;
                if (counting != null) {
                    counting.succeededElsewhere(succeeded.pairKey());
                }
            }
        }
    }

    private void tick() {
        guarded("filling a gap from the database", () -> sequencer.fillOverdueGaps(System.nanoTime()));
        for (ClusterEvent.Heartbeat gone : presence.expire(System.nanoTime())) {
            log.warn("Member \"{}\" ({}) has not been heard from for {} s: its {} users are offline unless connected"
                    + " to another member", gone.name(), gone.member(), MEMBER_EXPIRY.toSeconds(), gone.users().size());
        }
    }

    private void catchUp() {
        guarded("catching up from the database", () -> sequencer.catchUp(false));
    }

    private void heartbeat() {
        List<ClusterEvent.OnlineUser> users = new ArrayList<>();
        for (Map.Entry<Long, String> user : registry.onlineUsers().entrySet()) {
            users.add(new ClusterEvent.OnlineUser(user.getKey(), user.getValue()));
        }
        publish(memberSubject, new ClusterEvent.Heartbeat(me.memberId(), me.name(), address, startedAt,
                registry.connectionCount(), users, registry.peerEndpoints(-1)));
    }

    private void publish(String subject, ClusterEvent event) {
        byte[] data;
        try {
            data = JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cluster events are plain records and always serialize", e);
        }
        if (bus != null) {
            bus.publish(subject, seal.seal(data));
        }
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(() -> guarded("delivering a committed message", task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: the connections are closing too, and clients catch up from history.
        }
    }

    /** A database hiccup must not stop the cluster thread: the next tick tries again. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Cluster: {} failed, retrying shortly: {}", what, e.getMessage());
        }
    }
}
