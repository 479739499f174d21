package org.lanchat.appliance.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Open connections per client address, admitted up to the limit. Thread-safe. */
public final class ConnectionsPerAddress {
    private final RateLimits limits;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(RateLimits limits) {
        this.limits = limits;
    }

    public int limit() {
        return limits.connectionsPerAddress();
    }

    /** Counts a new connection from {@code address}; false (and not counted) when it would pass the limit. */
    public boolean tryOpen(String address) {
        if (!limits.applyTo(address)) {
            return true;
        }
        boolean[] admitted = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < limits.connectionsPerAddress();
            return admitted[0] ? count + 1 : (count == 0 ? null : count);
        });
        return admitted[0];
    }

    /** A connection that {@link #tryOpen} admitted has closed. */
    public void closed(String address) {
        if (limits.applyTo(address)) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }
}
