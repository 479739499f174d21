package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.ScenarioFigures;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * One logged-in client sends as fast as the appliance answers (256 sends outstanding at any time) while
 * others ping: the others' round trips are measured with the send limits effectively off and with the
 * defaults. Prints and records the figures; asserts only what the limits must do (refuse the flood with
 * {@code rate_limited}), never a timing, since the machine may be shared.
 */
@Tag("slow")
class FloodIsolationTest {
    private static final Duration FLOOD = Duration.ofSeconds(Boolean.getBoolean("lanchat.reliability.full") ? 30 : 10);
    private static final int OBSERVERS = 10;
    private static final int OUTSTANDING = 256;
    private static final RateLimits OFF = new RateLimits(30, 1000, 1_000_000, 1_000_000, false);

    @TempDir
    Path dir;

    record Run(long sent, long acked, long limited, long pings, double p50Ms, double p99Ms, double maxMs) {
    }

    @Test
    void othersPingRoundTripsWhileOneClientFloodsWithAndWithoutLimits() throws Exception {
        Run quiet = run(RateLimits.DEFAULTS, false, dir.resolve("quiet"));
        Run unlimited = run(OFF, true, dir.resolve("off"));
        Run limited = run(RateLimits.DEFAULTS, true, dir.resolve("on"));
        String scenario = "flood from one client";
        ScenarioFigures.record(scenario, "flood duration (s)", FLOOD.toSeconds());
        ScenarioFigures.record(scenario, "others' ping p50 / p99 (ms), nobody flooding", quiet.p50Ms() + " / " + quiet.p99Ms());
        ScenarioFigures.record(scenario, "others' ping p50 / p99 (ms), flood, limits off", unlimited.p50Ms() + " / " + unlimited.p99Ms());
        ScenarioFigures.record(scenario, "others' ping p50 / p99 (ms), flood, default limits", limited.p50Ms() + " / " + limited.p99Ms());
        ScenarioFigures.record(scenario, "flood sends acknowledged, limits off", unlimited.acked());
        ScenarioFigures.record(scenario, "flood sends acknowledged / refused rate_limited, default limits",
                limited.acked() + " / " + limited.limited());
        System.out.printf("quiet %s%nlimits off %s%ndefault limits %s%n", quiet, unlimited, limited);

        assertThat(unlimited.limited()).isZero();
        assertThat(limited.limited()).isPositive();
        assertThat(limited.acked()).as("20 a second and a burst of 40")
                .isLessThanOrEqualTo(40 + 20 * (FLOOD.toSeconds() + 2));
    }

    private Run run(RateLimits limits, boolean flood, Path data) throws Exception {
        try (TestDatabase database = TestDatabase.h2(data);
             RunningAppliance appliance = RunningAppliance.start(data, database, b -> b.rateLimits(limits))) {
            TestClient flooder = appliance.newUser("flooder");
            List<TestClient> observers = new ArrayList<>();
            for (int i = 0; i < OBSERVERS; i++) {
                observers.add(appliance.connectFrom("127.0.1." + (i + 1)));
                observers.get(i).register("observer" + i, RunningAppliance.PASSWORD);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            AtomicLong acked = new AtomicLong();
            AtomicLong limited = new AtomicLong();
            long end = System.nanoTime() + FLOOD.toNanos(); // the flood stops then too, however late the last ping
            Thread floodThread = Thread.ofPlatform().name("flooder").start(() -> {
                Semaphore window = new Semaphore(OUTSTANDING);
                while (flood && !stop.get() && System.nanoTime() < end) {
                    try {
                        if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    Posting.Send send = new Posting.Send(flooder.nextId(), UUID.randomUUID().toString(),
                            Conversation.GROUP, "flood " + sent.incrementAndGet(), null);
                    flooder.sendMessage(send);
                    Thread.ofVirtual().start(() -> {
                        try {
                            ServerMessage reply = flooder.awaitReply(send.id());
                            if (reply instanceof ConversationMessage.Ack) {
                                acked.incrementAndGet();
                            } else if (TestClient.codeOf(reply) == ErrorCode.RATE_LIMITED) {
                                limited.incrementAndGet();
                            }
                        } catch (AssertionError closedAtTheEnd) {
                            // The run is over and the appliance closed under sends still waiting: not counted.
                            if (!stop.get()) {
                                throw closedAtTheEnd;
                            }
                        } finally {
                            window.release();
                        }
                    });
                }
            });
            List<Long> rtts = new ArrayList<>();
            List<Thread> pingers = new ArrayList<>();
            for (TestClient observer : observers) {
                pingers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        observer.roundTrip(new SessionRequest.Ping(observer.nextId()));
                        long rtt = System.nanoTime() - start;
                        synchronized (rtts) {
                            rtts.add(rtt);
                        }
                        try {
                            Thread.sleep(50); // the pace of the measurement, not a synchronisation
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : pingers) {
                t.join();
            }
            stop.set(true);
            floodThread.join(TimeUnit.SECONDS.toMillis(30));
            long[] sorted = rtts.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Run(sent.get(), acked.get(), limited.get(), sorted.length, ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)), ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

}
