package org.lanchat.bench.load;

import java.util.List;

/**
 * What one generator run does, complete enough to hand to a generator process as JSON.
 *
 * @param server          which server (and so which wire protocol) to speak to
 * @param host            server address (loopback)
 * @param ports           server ports: one, or one per appliance of a cluster; member {@code i} connects to
 *                        {@code ports[i % ports.size()]}, so members spread round-robin
 * @param tls             wrap connections in TLS 1.3
 * @param pinSha256       for {@link Server#LANCHAT} over TLS: the certificate fingerprint to pin (hex)
 * @param tokenSeed       LAN Chat resume tokens are {@code tok-<seed>-<member>} (see {@code AccountSeeder})
 * @param firstMember     index of this run's first member (a second generator process takes the next range)
 * @param members         connections this run opens, one member each
 * @param groupSize       members in the whole workload (all processes), for expected fan-out
 * @param pattern         who sends to whom
 * @param steps           offered rates, run in order
 * @param stopOnFailure   stop stepping after the first step that misses {@code p99LimitMillis} or loses a message
 * @param p99LimitMillis  the latency bound a passing step must meet
 * @param stalledMember   a member that stops reading from {@code stallFromStep} on, or -1
 * @param payloadBytes    size of the message text
 * @param serverPids      the server's processes, for CPU time and RSS from /proc, summed (empty: not sampled)
 * @param ioThreads       generator I/O threads
 * @param connectInFlight connections being set up at once
 * @param holdForStdin    {@link Pattern#IDLE}: after connecting, print READY and hold until a line on stdin
 * @param warmupRate      messages per second of an unreported first step that warms up the JIT and caches (0: none)
 * @param warmupMillis    how long that step runs
 * @param countSyncs      count the server processes' fsync calls over each measured period ({@code SyncCounters})
 * @param mysqlStatusUrl  a MySQL or MariaDB server whose commit and fsync counters to read over each measured
 *                        period, or null
 */
public record RunSpec(
        Server server,
        String host,
        List<Integer> ports,
        boolean tls,
        String pinSha256,
        String tokenSeed,
        int firstMember,
        int members,
        int groupSize,
        Pattern pattern,
        List<StepSpec> steps,
        boolean stopOnFailure,
        int p99LimitMillis,
        int stalledMember,
        int stallFromStep,
        int payloadBytes,
        List<Long> serverPids,
        int ioThreads,
        int connectInFlight,
        boolean holdForStdin,
        int warmupRate,
        int warmupMillis,
        boolean countSyncs,
        String mysqlStatusUrl) {

    /** The server under test. */
    public enum Server {
        LANCHAT,
        NATS,
        /**
         * NATS with JetStream: private sends published to the stored subject with a reply subject, answered by the
         * stream's PubAck once the message is stored; recipients read their inbox from the stream through a consumer.
         */
        JETSTREAM,
        MQTT
    }

    /** Who sends to whom. */
    public enum Pattern {
        /** Every message to the whole group: each reaches every member but its sender. */
        GROUP,
        /** Members paired (0,1), (2,3), …; each message goes to the sender's partner only. */
        PRIVATE,
        /** Connect, log in, hold; send nothing (pings aside). */
        IDLE
    }

    /** One offered rate: messages per second for a warm-up (not measured) and a measured period. */
    public record StepSpec(int messagesPerSecond, int warmupMillis, int measureMillis) {
    }

    public RunSpec {
        steps = List.copyOf(steps);
        ports = List.copyOf(ports);
        serverPids = List.copyOf(serverPids);
        if (members < 1 || (pattern == Pattern.PRIVATE && members % 2 != 0)) {
            throw new IllegalArgumentException("members must be positive (even for PRIVATE), got " + members);
        }
    }

    /** The port member {@code member} connects to. */
    public int port(int member) {
        return ports.get(member % ports.size());
    }

    public String username(int member) {
        return "bench" + member;
    }

    public String token(int member) {
        return "tok-" + tokenSeed + "-" + member;
    }

    static int partner(int member) {
        return member ^ 1;
    }
}
