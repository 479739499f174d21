package org.lanchat.appliance.account;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Caps password hashing: at most {@code permits} argon2 computations run at once (each holds 19 MiB),
 * and at most {@code maxWaiting} more wait for a turn. Beyond that a login is turned away as busy at
 * once, so a login storm costs bounded memory and the appliance keeps relaying meanwhile.
 */
public final class HashingGate {
    /** No turn came up; the caller answers {@code busy}. */
    public static final class Saturated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Saturated() {
            super("too many logins at once; retry shortly", null, false, false);
        }
    }

    private final Semaphore running;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final long maxWaitMillis;

    public HashingGate(int permits, int maxWaiting, long maxWaitMillis) {
        this.running = new Semaphore(permits, true);
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Logins waiting for a turn right now. */
    public int waiting() {
        return waiting.get();
    }

    /** Runs {@code work} when a permit is free. Call from a virtual thread: this blocks. */
    public <T> T run(Supplier<T> work) {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new Saturated();
        }
        boolean acquired;
        try {
            acquired = running.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Saturated();
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            throw new Saturated();
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }
}
