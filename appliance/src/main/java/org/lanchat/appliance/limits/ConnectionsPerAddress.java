package org.lanchat.appliance.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Open connections per client address, admitted up to the limit. An IPv6 address counts with its whole /64: one host
 * may use any of its 2^64 addresses (privacy addresses change by themselves), so one address of them is no limit.
 * Thread-safe.
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

    /** Counts a new connection from {@code address}; false (and not counted) when it would pass the limit. */
    public boolean tryOpen(String address) {
        if (!limits.applyTo(address)) {
            return true;
        }
        boolean[] admitted = {false};
        open.compute(counted(address), (a, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < limits.connectionsPerAddress();
            return admitted[0] ? count + 1 : (count == 0 ? null : count);
        });
        return admitted[0];
    }

    /** What {@code address} counts as: itself, or for IPv6 (written in full, as Java does) its first four groups. */
    static String counted(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        int end = -1;
        for (int group = 0; group < 4; group++) {
            end = address.indexOf(':', end + 1);
            if (end < 0) {
                return address; // "::" shorthand: not from InetAddress.getHostAddress, counted as it is
            }
        }
        return address.substring(0, end) + "::/64";
    }

    /** A connection that {@link #tryOpen} admitted has closed. */
    public void closed(String address) {
        if (limits.applyTo(address)) {
            open.computeIfPresent(counted(address), (a, n) -> n <= 1 ? null : n - 1);
        }
    }
}
