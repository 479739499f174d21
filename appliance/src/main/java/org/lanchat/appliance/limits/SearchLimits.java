package org.lanchat.appliance.limits;

import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Searches per account (docs/PROTOCOL.md §7.11, §7.22). A search reads every message's text, thousands of times the
 * work of a send, so one account gets {@link #PER_SECOND} a second with bursts of {@link #BURST}: enough to page
 * through results or refine a query, not enough to keep the database scanning for everyone else. One bucket per
 * account, shared by its connections, so opening more connections does not raise the rate.
 */
public final class SearchLimits {
    public static final int PER_SECOND = 1;
    public static final int BURST = 10;

    private final AccountBuckets buckets;

    public SearchLimits(RateLimits limits, LongSupplier nanoClock) {
        this.buckets = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
    }

    /** Admits one search, or throws {@link Refused} {@code rate_limited} with the wait after which it would be. */
    public void admit(long userId, String address) {
        buckets.take(userId, address).ifPresent(after -> {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + BURST + " searches in a row from this account;"
                    + " try again in " + after.toMillis() + " ms", after);
        });
    }
}
