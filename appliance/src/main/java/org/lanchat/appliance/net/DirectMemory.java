package org.lanchat.appliance.net;

import io.netty.util.internal.PlatformDependent;

/**
 * How full the direct memory that Netty allocates from is. Each connection's backlog is bounded
 * (--max-outbound-bytes), but many stalled connections together can still exhaust the process: with
 * TLS every connection's backlog is encrypted separately into direct buffers. Past {@link #PRESSURE} of the limit,
 * or past {@link #PRESSURE_CAP} whatever the limit, the sessions cut off their slow consumers at a fraction of the
 * usual bound, before an allocation fails for a connection that is reading.
 */
final class DirectMemory {
    /** Share of the limit in use above which backlogs are cut off early. */
    static final double PRESSURE = 0.75;
    /**
     * Use above which backlogs are cut off early whatever the limit. The JVM's limit is the heap's, a quarter of the
     * machine's memory: on a 24 GB box 1,500 clients that stopped reading held 6 GB before the rule began, and the
     * process kept it afterwards. Clients that read hold little: 19,000 connections of the benchmark stay far below.
     */
    static final long PRESSURE_CAP = 1L << 30;

    private DirectMemory() {
    }

    /** True when Netty tracks its direct memory and it is past the pressure mark. */
    static boolean underPressure() {
        return underPressure(PlatformDependent.usedDirectMemory(), PlatformDependent.maxDirectMemory());
    }

    /** @param used -1 where Netty does not count */
    static boolean underPressure(long used, long max) {
        return used >= 0 && max > 0 && used > Math.min((long) (max * PRESSURE), PRESSURE_CAP);
    }
}
