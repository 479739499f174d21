package org.lanchat.appliance.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.lanchat.appliance.core.ClientAddresses;

/**
 * Open connections per client address ({@link ClientAddresses#counted}: an IPv6 /64 is one), refused ones too until
 * they close, so that refusals cannot pile up beyond one address's share. Thread-safe.
 */
public final class ConnectionsPerAddress {
    private final RateLimits limits;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(RateLimits limits) {
        this.limits = limits;
    }

    public int limit() {
        return limits.connectionsPerAddress();
    }

    /**
     * Counts a new connection from {@code address}, admitted or not, until {@link #closed}: the number now open from
     * there, this one included (over {@link #limit()}: refuse it); 0 for an address the limits do not apply to.
     */
    public int open(String address) {
        if (!limits.applyTo(address)) {
            return 0;
        }
        return open.merge(ClientAddresses.counted(address), 1, Integer::sum);
    }

    /** A connection that {@link #open} counted has closed. */
    public void closed(String address) {
        if (limits.applyTo(address)) {
            open.computeIfPresent(ClientAddresses.counted(address), (a, n) -> n <= 1 ? null : n - 1);
        }
    }
}
