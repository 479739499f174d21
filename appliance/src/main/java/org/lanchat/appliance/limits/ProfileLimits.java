package org.lanchat.appliance.limits;

import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Changes to one's profile per account (docs/PROTOCOL.md §5.11, §5.17, §5.25, §7.11): display names, avatars and
 * presence states, each {@link #PER_SECOND} a second with bursts of {@link #BURST}, more than a person choosing any
 * of them needs. A display name or a state is stored and pushed to every logged-in connection, and a new avatar costs
 * the appliance a picture decode of up to a second of CPU, so without a bound one account could keep everyone else
 * waiting (fourteen accounts changing states made 4,000 database writes and events a second). One bucket per kind
 * and account, shared by its connections.
 */
public final class ProfileLimits {
    public static final int PER_SECOND = 1;
    public static final int BURST = 10;

    private final AccountBuckets names;
    private final AccountBuckets avatars;
    private final AccountBuckets presence;

    public ProfileLimits(RateLimits limits, LongSupplier nanoClock) {
        this.names = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
        this.avatars = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
        this.presence = new AccountBuckets(limits, nanoClock, PER_SECOND, BURST);
    }

    /** Admits one display-name change, or throws {@link Refused} {@code rate_limited} with the wait. */
    public void admitChange(long userId, String address) {
        admit(names, userId, address, "display-name changes");
    }

    /** Admits one new avatar, or throws {@link Refused} {@code rate_limited} with the wait. */
    public void admitAvatar(long userId, String address) {
        admit(avatars, userId, address, "new avatars");
    }

    /** Admits one change of presence state or status text, or throws {@link Refused} {@code rate_limited} with the wait. */
    public void admitPresence(long userId, String address) {
        admit(presence, userId, address, "presence changes");
    }

    private static void admit(AccountBuckets buckets, long userId, String address, String what) {
        buckets.take(userId, address).ifPresent(after -> {
            throw new Refused(ErrorCode.RATE_LIMITED, "more than " + BURST + " " + what + " in a row from this"
                    + " account; try again in " + after.toMillis() + " ms", after);
        });
    }
}
