package org.lanchat.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Counters and histograms of one I/O thread, one slot per step (plus one for the connect phase).
 * Only its own thread writes it; readers copy it on that thread (see {@link LoadGenerator}).
 */
final class StepStats {
    /** One hour in microseconds: anything slower is reported as this. */
    static final long MAX_MICROS = 3_600_000_000L;

    final long[] delivered;
    final long[] duplicates;
    final long[] misrouted;
    final long[] errors;
    final long[] acks;
    final Histogram[] latency;
    final Histogram[] ackLatency;

    StepStats(int steps) {
        int slots = steps + 1;
        delivered = new long[slots];
        duplicates = new long[slots];
        misrouted = new long[slots];
        errors = new long[slots];
        acks = new long[slots];
        latency = new Histogram[slots];
        ackLatency = new Histogram[slots];
        for (int i = 0; i < slots; i++) {
            latency[i] = new Histogram(MAX_MICROS, 3);
            ackLatency[i] = new Histogram(MAX_MICROS, 3);
        }
    }

    /** The connect phase and anything not tied to a step is counted in the last slot. */
    int slot(int step) {
        return step >= 0 && step < delivered.length - 1 ? step : delivered.length - 1;
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }
}
