package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.SessionMessage.Pong;

/** Who is connected, and who is therefore online. */
class SessionRegistryTest {
    private static final Executor SAME_THREAD = Runnable::run;

    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    private final PresenceHub presence = new PresenceHub();
    private final SessionRegistry registry = new SessionRegistry();
    private final ManualLane laneA = new ManualLane();
    private final ManualLane laneB = new ManualLane();

    @Test
    void aUserIsOnlineWhileAnyOfTheirConnectionsIs() {
        RecordingLink phone = new RecordingLink(1, 7, "alice", laneA);
        RecordingLink desk = new RecordingLink(2, 7, "alice", laneB);
        registry.add(phone);
        registry.add(desk);
        assertThat(registry.connectionCount()).isEqualTo(2);
        assertThat(registry.onlineUsernames()).containsExactly("alice");
        registry.remove(phone);
        registry.remove(phone); // closing after logging out removes it again
        assertThat(registry.isOnline(7)).isTrue();
        assertThat(registry.connectionCount()).isEqualTo(1);
        registry.remove(desk);
        assertThat(registry.isOnline(7)).isFalse();
        assertThat(registry.onlineUsernames()).isEmpty();
        assertThat(registry.connectionCount()).isZero();
    }

    @Test
    void aBroadcastIsOneTaskPerLaneAndReachesEveryoneButTheOrigin() {
        RecordingLink alice = add(1, 1, "alice", laneA);
        RecordingLink bob = add(2, 2, "bob", laneA);
        RecordingLink carol = add(3, 3, "carol", laneB);
        ByteBuf frame = frame("p1");
        registry.broadcast(frame, 5, alice.linkId());
        assertThat(laneA.queued()).isEqualTo(1);
        assertThat(laneB.queued()).isEqualTo(1);
        laneA.runAll();
        laneB.runAll();
        assertThat(alice.received).isEmpty();
        assertThat(bob.received).containsExactly(new Pong("p1"));
        assertThat(carol.received).containsExactly(new Pong("p1"));
        assertThat(frame.refCnt()).as("released once every lane is done").isZero();
    }

    @Test
    void aFrameForOneUserReachesEachOfTheirConnectionsOnItsOwnLane() {
        RecordingLink phone = add(1, 7, "alice", laneA);
        RecordingLink desk = add(2, 7, "alice", laneB);
        RecordingLink bob = add(3, 8, "bob", laneA);
        ByteBuf frame = frame("p1");
        registry.sendToUser(7, frame, 5, phone.linkId());
        laneA.runAll();
        laneB.runAll();
        assertThat(phone.received).as("the origin").isEmpty();
        assertThat(desk.received).containsExactly(new Pong("p1"));
        assertThat(bob.received).isEmpty();
        assertThat(frame.refCnt()).isZero();
        ByteBuf nobody = frame("p2");
        registry.sendToUser(99, nobody, 6, 0);
        assertThat(nobody.refCnt()).as("a user with no connection: released at once").isZero();
    }

    @Test
    void disconnectingAUserSaysByeOnEachOfTheirLanes() {
        RecordingLink phone = add(1, 7, "alice", laneA);
        RecordingLink desk = add(2, 7, "alice", laneB);
        RecordingLink bob = add(3, 8, "bob", laneA);
        assertThat(registry.disconnectUser(7, ErrorCode.ACCOUNT_DISABLED, "disabled")).isEqualTo(2);
        assertThat(phone.byeReason).as("not before its lane runs it").isNull();
        laneA.runAll();
        laneB.runAll();
        assertThat(phone.byeReason).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        assertThat(desk.byeReason).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        assertThat(bob.byeReason).isNull();
        assertThat(registry.disconnectUser(99, ErrorCode.ACCOUNT_DISABLED, "disabled")).isZero();
    }

    /**
     * The race: alice's last connection closes on one I/O thread while her new one logs in on another.
     * Should removing a connection ask the link for its name after the registry update (to tell presence
     * she left), the closing thread is held right there while the new login completes, and only then goes
     * on; if it never asks, there is no gap to hold. Whatever the order, alice has a connection and must
     * be announced online.
     */
    @Test
    void aUserWhoseLastConnectionClosesWhileANewOneLogsInStaysOnline() throws Exception {
        CountDownLatch removedFromRegistry = new CountDownLatch(1);
        CountDownLatch newLoginDone = new CountDownLatch(1);
        RecordingLink closing = new RecordingLink(1, 7, "alice", SAME_THREAD) {
            volatile boolean holdOnNextName;

            @Override
            public String username() {
                if (holdOnNextName) {
                    removedFromRegistry.countDown();
                    await(newLoginDone);
                }
                return super.username();
            }

            {
                registry.add(this);
                holdOnNextName = true;
            }
        };
        RecordingLink fresh = new RecordingLink(2, 7, "alice", SAME_THREAD);

        Thread closer = Thread.ofPlatform().start(() -> {
            registry.remove(closing);
            removedFromRegistry.countDown(); // if removing never asks for the name, there is no gap to hold
        });
        await(removedFromRegistry);
        registry.add(fresh);
        newLoginDone.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(registry.isOnline(7)).isTrue();
        presence.flush(registry.onlineUsernames());
        assertThat(presence.roster().users()).as("announced online").containsExactly("alice");
    }

    /**
     * The same interleaving left to the scheduler, many times over: a closing thread and a logging-in
     * thread released together by a barrier, round after round.
     */
    @Test
    void presenceAlwaysEndsEqualToHavingAConnection() throws Exception {
        int rounds = 20_000;
        CyclicBarrier start = new CyclicBarrier(2);
        CyclicBarrier end = new CyclicBarrier(2);
        RecordingLink[] old = new RecordingLink[rounds];
        for (int round = 0; round < rounds; round++) {
            old[round] = new RecordingLink(2L * round, 7, "alice", SAME_THREAD);
        }
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                for (int round = 0; round < rounds; round++) {
                    start.await(10, TimeUnit.SECONDS);
                    registry.remove(old[round]);
                    end.await(10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int wrong = 0;
        for (int round = 0; round < rounds; round++) {
            RecordingLink fresh = new RecordingLink(2L * round + 1, 7, "alice", SAME_THREAD);
            registry.add(old[round]);
            start.await(10, TimeUnit.SECONDS);
            registry.add(fresh);
            end.await(10, TimeUnit.SECONDS);
            presence.flush(registry.onlineUsernames());
            if (!presence.roster().users().equals(List.of("alice"))) {
                wrong++;
            }
            registry.remove(fresh);
        }
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(wrong).as("rounds that ended with alice connected but not online").isZero();
        presence.flush(registry.onlineUsernames());
        assertThat(presence.roster().users()).as("after her last connection closed").isEmpty();
    }

    private RecordingLink add(long linkId, long userId, String name, ManualLane lane) {
        RecordingLink link = new RecordingLink(linkId, userId, name, lane);
        registry.add(link);
        return link;
    }

    private ByteBuf frame(String pingId) {
        return Unpooled.wrappedBuffer(codec.encodeFrame(new Pong(pingId)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
