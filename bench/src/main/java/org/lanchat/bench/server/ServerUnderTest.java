package org.lanchat.bench.server;

import java.util.List;

/**
 * What one measurement talks to: a single server process, or several appliances serving one chat. Clients
 * spread over {@link #ports()} round-robin; CPU time and memory are summed over {@link #pids()}.
 */
public interface ServerUnderTest extends AutoCloseable {
    List<Integer> ports();

    List<Long> pids();

    /** The SHA-256 fingerprint clients pin (hex), or null when the server has none to pin. */
    default String fingerprint() {
        return null;
    }

    /** Stops everything it started; never throws a checked exception. */
    @Override
    void close();
}
