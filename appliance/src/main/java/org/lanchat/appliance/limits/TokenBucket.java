package org.lanchat.appliance.limits;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Admits events at a sustained rate with bursts: it holds up to {@code capacity} tokens, gains
 * {@code perSecond} a second, and each admitted event takes one. Thread-safe.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long updatedAt;

    public TokenBucket(int perSecond, int capacity, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.perNano = (double) perSecond / NANOS_PER_SECOND;
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.updatedAt = nanoClock.getAsLong();
    }

    /** Takes a token: 0 when there was one, otherwise the nanoseconds until there will be (nothing is taken). */
    public long take() {
        return take(1);
    }

    /**
     * Takes {@code amount} tokens at once: 0 when there were that many, otherwise the nanoseconds until there will be
     * (nothing is taken). An amount larger than the capacity is never admitted.
     */
    public synchronized long take(double amount) {
        refill();
        if (tokens >= amount) {
            tokens -= amount;
            return 0;
        }
        return (long) Math.ceil((Math.min(amount, capacity) - tokens) / perNano);
    }

    /** A wait {@link #take()} returned, as the {@code retryAfterMs} a client is told: whole milliseconds, at least one. */
    public static Duration asRetryAfter(long waitNanos) {
        return Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000));
    }

    /** Gives back a token taken for an event that was refused elsewhere after all. */
    public synchronized void giveBack() {
        giveBack(1);
    }

    /** Gives back {@code amount} tokens taken for an event that turned out to cost nothing. */
    public synchronized void giveBack(double amount) {
        tokens = Math.min(capacity, tokens + amount);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
    }
}
