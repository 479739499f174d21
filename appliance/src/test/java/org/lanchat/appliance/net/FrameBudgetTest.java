package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.frame.FrameLimits;

/**
 * What partly received frames hold together is bounded (PROTOCOL.md §2): connections that announce large frames and
 * stop short wait for the budget instead of filling the heap, small frames pass regardless, and a waiting frame
 * goes on once another gives its share back. Real Netty pipelines, without sockets.
 */
class FrameBudgetTest {
    private static final int KIB = 1024;
    /** Room for one partial frame of 64 KiB beyond its free 16 KiB, not for two; no address held to a share. */
    private final FrameBudget budget = new FrameBudget(64 * KIB, FrameLimits.DEFAULT.maxFrameBytes(), address -> false);

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

    /** What the outside attacker did: many connections from one address, each all but the end of a large frame. */
    @Test
    void oneAddressHoldsASixteenthOfTheBudgetSoAnotherAddressesLargeFrameStillArrives() {
        assertThat(colleaguesAvatarArrivesWhileOneAddressStallsTwentyFourFrames(address -> true)).isTrue();
        assertThat(colleaguesAvatarArrivesWhileOneAddressStallsTwentyFourFrames(address -> false))
                .as("without shares the address takes the whole budget").isFalse();
    }

    /** 4 MiB of budget, 256 KiB frames: a sixteenth is one frame. */
    private boolean colleaguesAvatarArrivesWhileOneAddressStallsTwentyFourFrames(Predicate<String> limited) {
        FrameBudget shared = new FrameBudget(4096 * KIB, 256 * KIB, limited);
        List<Connection> attacker = IntStream.range(0, 24).mapToObj(i -> new Connection(shared, "10.0.0.66")).toList();
        attacker.forEach(c -> c.send(partOf(frameOf(256 * KIB), 250 * KIB)));
        Connection colleague = new Connection(shared, "10.0.0.7");
        colleague.send(frameOf(200 * KIB));
        boolean arrived = colleague.bodies.size() == 1;
        attacker.forEach(c -> c.channel.close());
        colleague.channel.close();
        assertThat(shared.held()).as("all given back").isZero();
        return arrived;
    }

    /**
     * What the second attacker did: seventeen addresses, each within its sixteenth, together holding the whole budget.
     * The colleague would hold less than an equal share (4 MiB over 18 addresses), so the address holding the most gives
     * up one frame.
     */
    @Test
    void seventeenAddressesStallingFramesLoseOneToAColleagueWhoHoldsLessThanAnEqualShare() {
        FrameBudget shared = new FrameBudget(4096 * KIB, 256 * KIB, address -> true);
        List<Connection> attackers = IntStream.range(0, 17)
                .mapToObj(i -> new Connection(shared, "10.0.1." + i)).toList();
        attackers.forEach(c -> c.send(partOf(frameOf(256 * KIB), 250 * KIB))); // 240 KiB of budget each
        Connection colleague = new Connection(shared, "10.0.0.7");

        colleague.send(frameOf(200 * KIB));
        attackers.forEach(c -> c.channel.runPendingTasks()); // the eviction runs on the evicted connection's thread
        colleague.channel.runPendingTasks();

        assertThat(colleague.bodies).as("the colleague's frame arrived").hasSize(1);
        assertThat(attackers).filteredOn(c -> !c.channel.isActive()).as("one attacking connection closed").hasSize(1);
        assertThat(shared.held()).isLessThanOrEqualTo(shared.limit());
    }

    @Test
    void noConnectionIsClosedForAnAddressThatWouldHoldMoreThanAnEqualShare() {
        FrameBudget shared = new FrameBudget(4096 * KIB, 256 * KIB, address -> true);
        List<Connection> others = IntStream.range(0, 24) // 164 KiB each: the budget over 25 addresses is 163.8
                .mapToObj(i -> new Connection(shared, "10.0.1." + i)).toList();
        others.forEach(c -> c.send(partOf(frameOf(180 * KIB), 179 * KIB)));
        Connection colleague = new Connection(shared, "10.0.0.7");

        colleague.send(frameOf(200 * KIB)); // 184 KiB: more than an equal share
        others.forEach(c -> c.channel.runPendingTasks());

        assertThat(colleague.bodies).as("waits for the budget").isEmpty();
        assertThat(others).allSatisfy(c -> assertThat(c.channel.isActive()).isTrue());
    }

    @Test
    void aConnectionHeldUpByOtherAddressesFramesIsNotTimedOutAsSilent() {
        FrameBudget shared = new FrameBudget(4096 * KIB, 256 * KIB, address -> true);
        List<Connection> others = IntStream.range(0, 24) // they fill it, each within an equal share: nobody is evicted
                .mapToObj(i -> new Connection(shared, "10.0.1." + i)).toList();
        others.forEach(c -> c.send(partOf(frameOf(180 * KIB), 179 * KIB)));
        Connection colleague = new Connection(shared, "10.0.0.7");
        colleague.send(frameOf(200 * KIB));
        assertThat(colleague.bodies).as("waits for the budget").isEmpty();

        colleague.sweepLongAfter();
        others.getFirst().sweepLongAfter();

        assertThat(colleague.idleReports).as("not read by our doing").isEmpty();
        assertThat(others.getFirst().idleReports).as("holding the budget and silent").hasSize(1);
    }

    @Test
    void aConnectionHeldUpByItsOwnAddressesShareIsTimedOutAsSilent() {
        FrameBudget shared = new FrameBudget(4096 * KIB, 256 * KIB, address -> true);
        new Connection(shared, "10.0.1.1").send(partOf(frameOf(256 * KIB), 250 * KIB));
        Connection sameAddressAgain = new Connection(shared, "10.0.1.1");
        sameAddressAgain.send(frameOf(200 * KIB));
        assertThat(sameAddressAgain.bodies).as("waits for its address's share").isEmpty();

        sameAddressAgain.sweepLongAfter();

        assertThat(sameAddressAgain.idleReports).hasSize(1);
    }

    @Test
    void whatAConnectionHeldIsGivenBackWhenItCloses() {
        Connection stalled = new Connection();
        stalled.send(partOf(frameOf(1024 * KIB), 50 * KIB));
        assertThat(budget.held()).isPositive();

        stalled.channel.close();

        assertThat(budget.held()).isZero();
    }

    /**
     * A connection's inbound pipeline as the appliance builds it, the session replaced by a list of bodies and of the
     * idle reports it was given.
     */
    private final class Connection {
        final List<byte[]> bodies = new ArrayList<>();
        final List<Object> idleReports = new ArrayList<>();
        final FrameInbound frames;
        final EmbeddedChannel channel;

        Connection() {
            this(budget, "10.0.0.1");
        }

        Connection(FrameBudget drawingOn, String address) {
            frames = new FrameInbound(FrameLimits.DEFAULT, drawingOn.share(address));
            channel = new EmbeddedChannel(frames, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    bodies.add((byte[]) msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                    idleReports.add(event);
                }
            });
        }

        /** What the idle sweep does, long after the last byte was read. */
        void sweepLongAfter() {
            frames.reportIfSilent(channel.pipeline().context(frames), System.nanoTime() + 60_000_000_000L,
                    1_000_000_000L);
        }

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
