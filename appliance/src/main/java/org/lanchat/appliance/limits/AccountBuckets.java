package org.lanchat.appliance.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per account, shared by all its connections, so opening more connections does not raise the rate:
 * how searches and new rooms are limited (docs/PROTOCOL.md §7.11). Loopback is spared when the settings say so.
 */
final class AccountBuckets {
    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final int perSecond;
    private final int burst;
    private final ConcurrentMap<Long, TokenBucket> users = new ConcurrentHashMap<>();

    AccountBuckets(RateLimits limits, LongSupplier nanoClock, int perSecond, int burst) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token for the account: empty when there was one, else how long until there is. */
    Optional<Duration> take(long userId, String address) {
        if (!limits.applyTo(address)) {
            return Optional.empty();
        }
        long wait = users.computeIfAbsent(userId, id -> new TokenBucket(perSecond, burst, nanoClock)).take();
        return wait > 0 ? Optional.of(TokenBucket.asRetryAfter(wait)) : Optional.empty();
    }
}
