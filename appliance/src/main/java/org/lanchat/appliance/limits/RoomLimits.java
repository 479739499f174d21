package org.lanchat.appliance.limits;

import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Rooms created per account (docs/PROTOCOL.md §5.27, §7.11). Every room is a row kept for ever and listed to everyone
 * when public, so one account gets {@link #PER_SECOND} a second with bursts of {@link #BURST}: plenty for a person, not
 * enough for a script to fill the database or everyone's room list. One bucket per account, shared by its connections.
 */
public final class RoomLimits {
    public static final int PER_SECOND = 1;
    public static final int BURST = 10;

    private final AccountBuckets buckets;

    public RoomLimits(RateLimits limits, LongSupplier nanoClock) {
        this.buckets = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
    }

    /** Admits one new room, or throws {@link Refused} {@code rate_limited} with the wait after which it would be. */
    public void admitCreation(long userId, String address) {
        buckets.take(userId, address).ifPresent(after -> {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + BURST + " new rooms in a row from this account;"
                    + " try again in " + after.toMillis() + " ms", after);
        });
    }
}
