package org.lanchat.bench.load;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.lanchat.bench.server.SyncRates;

/**
 * What one generator run measured.
 *
 * @param connected       members logged in (or subscribed)
 * @param connectFailures members that could not connect or log in
 * @param connectMillis   from the first connect to the last member ready
 * @param connectStartMs  wall clock of the first connect, to combine several processes
 * @param connectEndMs    wall clock when the last member was ready
 * @param steps           one result per step run
 * @param stalledClosed   whether the server closed the stalled member's connection
 */
public record RunResult(
        int connected,
        int connectFailures,
        long connectMillis,
        long connectStartMs,
        long connectEndMs,
        List<StepResult> steps,
        boolean stalledClosed,
        List<String> notes) {

    public RunResult {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /**
     * One offered rate.
     *
     * @param offeredMessages      messages sent in warm-up and measurement
     * @param expectedDeliveries   copies that should arrive (fan-out applied)
     * @param delivered            distinct copies that arrived
     * @param duplicates           copies that arrived twice or more at the same member
     * @param misrouted            copies that reached a member they were not addressed to
     * @param errors               error replies (LAN Chat {@code error}, NATS {@code -ERR})
     * @param acks                 LAN Chat acknowledgements (the message is committed)
     * @param latencyMicros        delivery latency of the measured messages: p50, p90, p99, p99.9, max
     * @param ackMicros            send-to-ack latency of the measured messages (LAN Chat only)
     * @param measuredDeliveries   deliveries of messages sent in the measured period
     * @param measuredSeconds      length of the measured period
     * @param serverCpuMicros      server CPU time (user + system) during the measured period
     * @param generatorCpuMicros   this generator's CPU time during the measured period
     * @param serverRssMaxKb       highest server RSS seen during the step
     * @param syncRates            fsyncs and commits per second during the measured period, where counted
     */
    public record StepResult(
            int messagesPerSecond,
            int fanout,
            long offeredMessages,
            long expectedDeliveries,
            long delivered,
            long duplicates,
            long misrouted,
            long errors,
            long acks,
            Percentiles latencyMicros,
            Percentiles ackMicros,
            long measuredDeliveries,
            double measuredSeconds,
            long serverCpuMicros,
            long generatorCpuMicros,
            long generatorGcMillis,
            long serverRssMaxKb,
            SyncRates syncRates,
            boolean passed) {

        public double deliveriesPerSecond() {
            return measuredSeconds <= 0 ? 0 : measuredDeliveries / measuredSeconds;
        }

        public double cpuMicrosPerDelivery() {
            return measuredDeliveries == 0 ? Double.NaN : (double) serverCpuMicros / measuredDeliveries;
        }

        /** What receiving and checking one delivery cost the generator: shows whether it could have been the limit. */
        public double generatorCpuMicrosPerDelivery() {
            return measuredDeliveries == 0 ? Double.NaN : (double) generatorCpuMicros / measuredDeliveries;
        }

        public double deliveredRatio() {
            return expectedDeliveries == 0 ? 1.0 : (double) delivered / expectedDeliveries;
        }
    }

    /** Latency percentiles in microseconds; {@code count} is the number of samples. */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {
        public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

        public static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return NONE;
            }
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }
}
