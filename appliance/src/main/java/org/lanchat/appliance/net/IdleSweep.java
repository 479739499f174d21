package org.lanchat.appliance.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells a connection's session when its client has sent nothing for the idle timeout (PROTOCOL §4): each I/O thread
 * looks over the connections it serves a few times per timeout. Netty's {@code IdleStateHandler} would put a handler
 * and a scheduled timer into every pipeline instead, about 300 bytes of heap per held connection and a timer to
 * schedule and cancel per login (docs/PERFORMANCE.md, "What a held connection keeps"). A silent connection hears of it
 * between one timeout and one timeout plus one sweep interval after its last byte, and again after every further
 * timeout it stays silent.
 */
final class IdleSweep {
    private static final Duration LONGEST_INTERVAL = Duration.ofSeconds(1);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(50);

    private final ChannelGroup connections;
    private final Duration timeout;

    IdleSweep(ChannelGroup connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    /** A tenth of the timeout, between 50 ms and 1 s: at most a second late for the 90 s default. */
    static Duration interval(Duration timeout) {
        Duration tenth = timeout.dividedBy(10);
        return tenth.compareTo(LONGEST_INTERVAL) > 0 ? LONGEST_INTERVAL
                : tenth.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : tenth;
    }

    /** Schedules the sweep on every I/O thread of {@code io}; it stops when the group shuts down. */
    void start(EventExecutorGroup io) {
        long every = interval(timeout).toNanos();
        for (EventExecutor loop : io) {
            loop.scheduleAtFixedRate(() -> sweep(loop), every, every, TimeUnit.NANOSECONDS);
        }
    }

    /** On {@code loop}: the connections it serves that still read frames and have been silent too long. */
    private void sweep(EventExecutor loop) {
        long now = System.nanoTime();
        long timeoutNanos = timeout.toNanos();
        for (Channel channel : connections) {
            if (channel.eventLoop() == loop) {
                ChannelHandlerContext frames = channel.pipeline().context(FrameInbound.class);
                if (frames != null) { // a refused connection has none, a file transfer has left it behind
                    ((FrameInbound) frames.handler()).reportIfSilent(frames, now, timeoutNanos);
                }
            }
        }
    }
}
