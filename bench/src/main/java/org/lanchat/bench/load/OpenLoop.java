package org.lanchat.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop schedule every offered rate follows: message {@code k} of a step is due at {@code start + k / rate},
 * whether or not the system under test kept up, so falling behind shows as latency, not as a lower rate.
 */
public final class OpenLoop {
    private OpenLoop() {
    }

    /** Waits until message {@code k} is due and returns when that was ({@link System#nanoTime()}). */
    public static long awaitDue(long start, int rate, long k) {
        long due = start + (long) (k * 1e9 / rate);
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
            // Short parks: the timer slack of a long one would bunch the sends up.
            LockSupport.parkNanos(Math.min(due - now, 200_000));
        }
        return due;
    }
}
