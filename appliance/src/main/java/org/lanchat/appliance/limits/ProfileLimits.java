package org.lanchat.appliance.limits;

import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Display-name changes per account (docs/PROTOCOL.md §5.17, §7.11). Every change is pushed to every logged-in
 * connection, so without a bound one account could make the appliance send a few thousand {@code profile} events a
 * second to each of them. One account gets {@link #PER_SECOND} a second with bursts of {@link #BURST}: more than a
 * person choosing a name needs. One bucket per account, shared by its connections.
 */
public final class ProfileLimits {
    public static final int PER_SECOND = 1;
    public static final int BURST = 10;

    private final AccountBuckets buckets;

    public ProfileLimits(RateLimits limits, LongSupplier nanoClock) {
        this.buckets = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
    }

    /** Admits one change, or throws {@link Refused} {@code rate_limited} with the wait after which it would be. */
    public void admitChange(long userId, String address) {
        buckets.take(userId, address).ifPresent(after -> {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + BURST + " display-name changes in a row from this"
                    + " account; try again in " + after.toMillis() + " ms", after);
        });
    }
}
