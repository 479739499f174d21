package org.lanchat.appliance.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.ConversationKey;

/**
 * How many {@code typing} notices the appliance relays (docs/PROTOCOL.md §7.18). A user's notice for one
 * conversation is relayed at most once per {@link #MIN_INTERVAL_MS}, whatever their clients send; and notices
 * in the group, which reach everyone online, at most {@link #GROUP_PER_SECOND} a second appliance-wide, so a
 * room of a thousand typing at once cannot turn into a million frames a second. What is not relayed is
 * dropped silently: an indicator is a hint, and the next notice renews it.
 *
 * <p>These limits hold for every client, on loopback too: they bound the noise on the wire, not an attacker.
 */
public final class TypingLimits {
    /**
     * A little under the clients' resend interval (3 s), so a well-behaved client's every notice passes even
     * when two arrive closer together than they were sent.
     */
    public static final long MIN_INTERVAL_MS = 2000;
    public static final int GROUP_PER_SECOND = 20;
    /** Remembered (user, conversation) pairs before the stale ones are swept out. */
    private static final int SWEEP_ABOVE = 10_000;

    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Long> lastRelayed = new ConcurrentHashMap<>();
    private final TokenBucket group;

    public TypingLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.group = new TokenBucket(GROUP_PER_SECOND, GROUP_PER_SECOND, nanoClock);
    }

    /** Whether this notice is relayed; false drops it. */
    public boolean admit(long userId, ConversationKey conversation) {
        long now = nanoClock.getAsLong();
        long interval = MIN_INTERVAL_MS * 1_000_000;
        boolean[] admitted = {false};
        lastRelayed.compute(userId + "/" + conversation.value(), (key, last) -> {
            if (last != null && now - last < interval) {
                return last;
            }
            admitted[0] = true;
            return now;
        });
        if (admitted[0] && conversation.isGroup() && group.take() > 0) {
            return false;
        }
        if (lastRelayed.size() > SWEEP_ABOVE) {
            lastRelayed.values().removeIf(last -> now - last >= interval);
        }
        return admitted[0];
    }
}
