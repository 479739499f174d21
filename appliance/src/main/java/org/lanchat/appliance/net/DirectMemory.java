package org.lanchat.appliance.net;

import io.netty.util.internal.PlatformDependent;

/**
 * How full the direct memory that Netty allocates from is. Each connection's backlog is bounded
 * (--max-outbound-bytes), but many stalled connections together can still exhaust the process: with
 * TLS every connection's backlog is encrypted separately into direct buffers. Past {@link #PRESSURE}
 * the sessions cut off their slow consumers at a fraction of the usual bound, before an allocation
 * fails for a connection that is reading.
 */
final class DirectMemory {
    /** Share of the limit in use above which backlogs are cut off early. */
    static final double PRESSURE = 0.75;

    private DirectMemory() {
    }

    /** True when Netty tracks its direct memory and more than {@link #PRESSURE} of the limit is in use. */
    static boolean underPressure() {
        long used = PlatformDependent.usedDirectMemory(); // -1 where Netty does not count
        long max = PlatformDependent.maxDirectMemory();
        return used >= 0 && max > 0 && used > max * PRESSURE;
    }
}
