package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.SessionMessage.Pong;

/** One I/O thread's connections: fan-out without copies, one flush per connection per pass. */
class LaneShardTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    private final ManualLane lane = new ManualLane();
    private final LaneShard shard = new LaneShard(lane);
    private final RecordingLink alice = link(1, "alice");
    private final RecordingLink bob = link(2, "bob");
    private final RecordingLink carol = link(3, "carol");

    @Test
    void deliveringToAllSkipsTheOriginAndLeavesTheCallersReference() {
        ByteBuf frame = frame("p1");
        shard.deliverToAll(frame, 10, bob.linkId());
        assertThat(alice.received).containsExactly(new Pong("p1"));
        assertThat(carol.received).containsExactly(new Pong("p1"));
        assertThat(bob.received).isEmpty();
        assertThat(alice.messageIds).containsExactly(10L);
        assertThat(frame.refCnt()).as("the caller still owns its reference").isEqualTo(1);
        frame.release();
    }

    @Test
    void manyDeliveriesInOnePassLeaveInOneFlushPerConnection() {
        ByteBuf first = frame("p1");
        ByteBuf second = frame("p2");
        shard.deliverToAll(first, 1, 0);
        shard.deliverToAll(second, 2, 0);
        shard.deliverTo(alice, frame("p3"), 3);
        assertThat(alice.flushes).as("nothing flushed until the pass ends").isZero();
        lane.runAll();
        assertThat(alice.flushes).isEqualTo(1);
        assertThat(bob.flushes).isEqualTo(1);
        assertThat(carol.flushes).isEqualTo(1);
        assertThat(alice.received).containsExactly(new Pong("p1"), new Pong("p2"), new Pong("p3"));
        first.release();
        second.release();
    }

    @Test
    void aDeliveryToOneConnectionFlushesOnlyThatOne() {
        shard.deliverTo(bob, frame("p1"), 1);
        lane.runAll();
        assertThat(bob.flushes).isEqualTo(1);
        assertThat(alice.flushes).isZero();
        assertThat(carol.flushes).isZero();
    }

    @Test
    void aConnectionThatLeftBeforeItsFrameArrivedGetsNothingAndTheFrameIsReleased() {
        shard.remove(bob);
        ByteBuf frame = frame("p1");
        shard.deliverTo(bob, frame, 1);
        assertThat(frame.refCnt()).isZero();
        assertThat(bob.received).isEmpty();
        assertThat(shard.size()).isEqualTo(2);
    }

    @Test
    void aConnectionThatLeavesBeforeTheFlushIsNotFlushed() {
        shard.deliverTo(bob, frame("p1"), 1);
        shard.remove(bob);
        lane.runAll();
        assertThat(bob.flushes).isZero();
    }

    private RecordingLink link(long id, String name) {
        RecordingLink link = new RecordingLink(id, id, name, lane);
        shard.add(link);
        return link;
    }

    private ByteBuf frame(String pingId) {
        return Unpooled.wrappedBuffer(codec.encodeFrame(new Pong(pingId)));
    }
}
