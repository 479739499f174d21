package org.lanchat.appliance.net;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes the partly received frames of all connections may hold together (PROTOCOL.md §2). One frame may be
 * as large as {@code maxFrameBytes}, and a connection that announces one, sends all but its last byte and stops keeps
 * that memory until it is closed: a few hundred such connections, without a login, filled the heap and stopped
 * every I/O thread. Now the first {@link #FREE_BYTES_PER_FRAME} of each frame are free, since ordinary chat frames are
 * that small and a connection's TLS engine holds as much per record anyway, and what frames hold beyond that comes
 * from this budget. A connection whose frame needs more than is left stops being read, its bytes waiting in the
 * kernel, until other frames complete or their connections close (the login and idle timeouts close the ones that
 * never finish): large frames wait under such an attack, nothing is refused, and memory stays bounded.
 */
public final class FrameBudget {
    /** What each frame may hold without drawing on the budget. */
    static final int FREE_BYTES_PER_FRAME = 16 * 1024;

    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /** @param limit by default a quarter of the heap ({@code ApplianceConfig.partialFrameBytes}) */
    public FrameBudget(long limit) {
        this.limit = limit;
    }

    /** The part of a frame's {@code bytes} that draws on the budget. */
    static long budgeted(int bytes) {
        return Math.max(0, bytes - FREE_BYTES_PER_FRAME);
    }

    /** Takes {@code bytes} from the budget if that many are left. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives {@code bytes} back and lets every connection waiting for the budget try again. */
    void giveBack(long bytes) {
        if (bytes > 0) {
            held.addAndGet(-bytes);
            Runnable retry;
            while ((retry = waiting.poll()) != null) {
                retry.run();
            }
        }
    }

    /**
     * Runs {@code retry} once the next bytes are given back. A connection that registers just after the last give-back
     * would wait for the next one, so it should also retry once right after registering.
     */
    void whenFreed(Runnable retry) {
        waiting.add(retry);
    }

    /** Bytes held by partly received frames beyond their free part, now. */
    public long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
