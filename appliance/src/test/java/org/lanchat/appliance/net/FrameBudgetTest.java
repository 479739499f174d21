package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.frame.FrameLimits;

/**
 * What partly received frames hold together is bounded (PROTOCOL.md §2): connections that announce large frames and
 * stop short wait for the budget instead of filling the heap, small frames pass regardless, and a waiting frame
 * goes on once another gives its share back. Real Netty pipelines, without sockets.
 */
class FrameBudgetTest {
    private static final int KIB = 1024;
    /** Room for one partial frame of 64 KiB beyond its free 16 KiB, not for two. */
    private final FrameBudget budget = new FrameBudget(64 * KIB);

    @Test
    void aConnectionThatAnnouncesALargeFrameAndStopsShortHoldsNoMoreThanTheBudget() {
        Connection stalled = new Connection();
        stalled.send(partOf(frameOf(1024 * KIB), 400 * KIB)); // all but the rest of a 1 MiB frame, then silence

        assertThat(budget.held()).as("never beyond the limit").isLessThanOrEqualTo(budget.limit());
        assertThat(stalled.channel.config().isAutoRead()).as("no longer read: its bytes wait in the kernel").isFalse();
        assertThat(stalled.bodies).isEmpty();
    }

    @Test
    void smallFramesPassWhileTheBudgetIsSpent() {
        Connection stalled = new Connection();
        stalled.send(partOf(frameOf(1024 * KIB), 400 * KIB));
        Connection chatting = new Connection();

        chatting.send(frameOf(10 * KIB));

        assertThat(chatting.bodies).hasSize(1);
        assertThat(chatting.channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aWaitingFrameGoesOnWhenTheConnectionHoldingTheBudgetCloses() {
        Connection stalled = new Connection();
        stalled.send(partOf(frameOf(1024 * KIB), 400 * KIB));
        Connection avatar = new Connection();
        byte[] large = frameOf(60 * KIB);
        avatar.send(large);
        assertThat(avatar.bodies).as("waits: the budget is spent").isEmpty();
        assertThat(avatar.channel.config().isAutoRead()).isFalse();

        stalled.channel.close();
        avatar.channel.runPendingTasks();

        assertThat(avatar.bodies).singleElement().satisfies(body -> assertThat(body).hasSize(large.length - 4));
        assertThat(avatar.channel.config().isAutoRead()).as("read again").isTrue();
        assertThat(budget.held()).as("all given back once the frame is whole").isZero();
    }

    @Test
    void whatAConnectionHeldIsGivenBackWhenItCloses() {
        Connection stalled = new Connection();
        stalled.send(partOf(frameOf(1024 * KIB), 50 * KIB));
        assertThat(budget.held()).isPositive();

        stalled.channel.close();

        assertThat(budget.held()).isZero();
    }

    /** A connection's inbound pipeline as the appliance builds it, the session replaced by a list of bodies. */
    private final class Connection {
        final List<byte[]> bodies = new ArrayList<>();
        final EmbeddedChannel channel = new EmbeddedChannel(new FrameInbound(FrameLimits.DEFAULT, budget),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        bodies.add((byte[]) msg);
                    }
                });

        /** Delivers {@code bytes} in reads of 16 KiB, the most one TLS record carries, while the channel reads. */
        void send(byte[] bytes) {
            for (int at = 0; at < bytes.length; at += 16 * KIB) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(16 * KIB, bytes.length - at)));
                channel.runPendingTasks();
            }
        }
    }

    private static byte[] frameOf(int bodyBytes) {
        ByteBuffer frame = ByteBuffer.allocate(4 + bodyBytes).putInt(bodyBytes);
        frame.put((byte) '{');
        while (frame.position() < frame.capacity() - 1) {
            frame.put((byte) ' ');
        }
        frame.put((byte) '}');
        return frame.array();
    }

    private static byte[] partOf(byte[] frame, int bytes) {
        return java.util.Arrays.copyOf(frame, bytes);
    }
}
