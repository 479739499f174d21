package org.lanchat.reliability.hostile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.Frames;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Measures what a costly but valid-looking frame does to everyone else: a few attackers each send, as
 * fast as the appliance takes them, 1 MiB pings with 95,000 distinct unknown members (each followed by a
 * small valid ping, so the run of undecodable frames never reaches the limit that closes the connection),
 * while another, logged-in user pings every 10 ms and records how long each answer takes. Not a test: run
 * it by hand, on an otherwise idle machine, before and after a change to decoding.
 *
 * <pre>{@code
 * mvn -q -pl reliability -am test-compile
 * mvn -q -pl reliability dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp appliance/target/classes:appliance/target/test-classes:reliability/target/test-classes:$(cat cp.txt) \
 *      org.lanchat.reliability.hostile.CostlyFrameHarness [attackers=4] [seconds=20]
 * }</pre>
 */
public final class CostlyFrameHarness {
    private CostlyFrameHarness() {
    }

    public static void main(String[] args) throws Exception {
        int attackers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Duration length = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        Path dir = Files.createTempDirectory("lanchat-costly-frame");
        try (RunningAppliance appliance = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            TestClient victim = appliance.newUser("victim");
            long[] quiet = pingFor(victim, Duration.ofSeconds(5), new AtomicBoolean(true));
            report("no attack", quiet, 0);

            byte[] costly = Frames.frame(costlyPing().getBytes(StandardCharsets.UTF_8), FrameLimits.DEFAULT);
            byte[] small = Frames.frame("{\"type\":\"ping\",\"id\":\"reset\"}".getBytes(StandardCharsets.UTF_8), FrameLimits.DEFAULT);
            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < attackers; i++) {
                TestClient attacker = appliance.connect();
                threads.add(Thread.ofPlatform().name("attacker-" + i).start(() -> {
                    while (attacking.get() && attacker.trySendRaw(costly) && attacker.trySendRaw(small)) {
                        sent.incrementAndGet();
                    }
                }));
            }
            long[] underAttack = pingFor(victim, length, attacking);
            attacking.set(false);
            appliance.stop(); // unblocks attackers stuck in a write
            for (Thread t : threads) {
                t.join(10_000);
            }
            report(attackers + " attackers sending 1 MiB pings with 95,000 members", underAttack, sent.get());
        }
    }

    static String costlyPing() {
        StringBuilder body = new StringBuilder("{\"type\":\"ping\",\"id\":\"costly\"");
        for (int i = 0; i < 95_000; i++) {
            body.append(",\"m").append(i).append("\":0");
        }
        return body.append('}').toString();
    }

    /** Round-trip times in microseconds of a ping every 10 ms for {@code length}. */
    private static long[] pingFor(TestClient victim, Duration length, AtomicBoolean keepGoing) throws InterruptedException {
        List<Long> rtts = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end && keepGoing.get()) {
            long start = System.nanoTime();
            victim.request(new SessionRequest.Ping(victim.nextId()), SessionMessage.Pong.class);
            rtts.add((System.nanoTime() - start) / 1000);
            Thread.sleep(10); // pacing of the measuring client, not synchronisation
        }
        return rtts.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void report(String what, long[] sortedMicros, long framesSent) {
        if (sortedMicros.length == 0) {
            System.out.println(what + ": no pings");
            return;
        }
        System.out.printf("%s: %d pings, median %.1f ms, p99 %.1f ms, max %.1f ms%s%n", what, sortedMicros.length,
                percentile(sortedMicros, 50), percentile(sortedMicros, 99), sortedMicros[sortedMicros.length - 1] / 1000.0,
                framesSent > 0 ? ", " + framesSent + " costly frames written" : "");
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }
}
