package org.lanchat.reliability.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.testing.ApplianceProcess;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.reliability.invariant.InvariantChecker;
import org.lanchat.reliability.participant.ChatLoad;
import org.lanchat.reliability.participant.Endpoint;
import org.lanchat.reliability.participant.Participant;
import org.lanchat.reliability.report.Figures;
import org.lanchat.reliability.report.Scale;

/**
 * Clients that stop reading while the others chat in long messages (docs/PROTOCOL.md §7.10). Each
 * stalled connection is offered far more than the appliance could hold for it: together more than the
 * appliance process's whole heap plus direct-memory limit. The appliance must cut each of them off once
 * its unsent backlog passes the outbound bound (so its memory stays bounded: it never runs out, which with
 * these limits it would if it queued without bound), keep delivering to everyone else live, and — once
 * the stalled clients read again, notice the cut and resume — hand them everything from history, each
 * message exactly once.
 */
// Alone: it measures what the appliance does under its own load, not under every other test's.
@Isolated
@Tag("slow")
class StalledReaderTest {
    private static final String HEAP = "128m";
    private static final String DIRECT = "64m";
    private static final int TEXT_CHARS = 3900;

    @TempDir
    Path dir;
    private final List<Participant> everyone = new ArrayList<>();

    @AfterEach
    void closeClients() {
        everyone.forEach(Participant::close);
    }

    @Test
    void stalledReadersAreCutOffWithBoundedMemoryAndCatchUpExactlyOnce() throws Exception {
        int stalledCount = Scale.pick(14, 40);
        int readerCount = 3;
        int perReader = Scale.pick(2000, 5000);
        int outboundBound = Scale.pick(1 << 20, 4 << 20);
        String scenario = "stalled readers";
        try (TestDatabase database = TestDatabase.h2(dir);
             ApplianceProcess appliance = new ApplianceProcess(dir, null, HEAP,
                     List.of("--max-outbound-bytes", Integer.toString(outboundBound),
                             // Clients ping every third of it: a frozen client does not ping either.
                             "--idle-timeout", "1800"), "stalled-readers")) {
            appliance.jvmOption("-XX:MaxDirectMemorySize=" + DIRECT);
            appliance.start();
            List<Participant> readers = new ArrayList<>();
            List<Participant> stalled = new ArrayList<>();
            for (int i = 0; i < readerCount; i++) {
                readers.add(join(appliance, "reader" + i));
            }
            for (int i = 0; i < stalledCount; i++) {
                Participant p = join(appliance, "stalled" + i);
                p.holdReading();
                stalled.add(p);
            }
            List<String> names = everyone.stream().map(Participant::username).toList();
            long rssBefore = appliance.memory().rssKib();

            long started = System.nanoTime();
            try (ChatLoad load = ChatLoad.start(readers, names, perReader, 0.8, 21, TEXT_CHARS)) {
                load.awaitQueued(Duration.ofMinutes(5));
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> readers.stream().allMatch(p -> p.outboxSize() == 0));
            long loadDone = System.nanoTime();
            await().atMost(Duration.ofMinutes(1)).until(() -> stalled.stream().allMatch(p -> cutOffs(appliance, p) > 0));
            ApplianceProcess.Memory memory = appliance.memory();
            long cutOff = stalled.stream().filter(p -> cutOffs(appliance, p) == 1).count();
            // A reading client can fall an eighth of its bound behind while the stalled ones hold the direct memory: the
            // appliance then cuts it off too (RelayLink), and it resumes and catches up like them. Its messages must then
            // all be there, but not all of them live.
            List<Participant> readersCut = readers.stream().filter(p -> cutOffs(appliance, p) > 0).toList();
            long cutUnderPressure = appliance.logLinesWith("while direct memory is short; disconnecting ("
                    + ErrorCode.SLOW_CONSUMER.wireName() + ")");

            long offeredPerStalled = (long) readerCount * perReader * TEXT_CHARS * 8 / 10; // the group share
            assertThat(appliance.isAlive()).isTrue();
            assertThat(appliance.logMentions("OutOfMemoryError")).as("heap exhausted").isFalse();
            assertThat(appliance.logMentions("OutOfDirectMemoryError")).as("direct memory exhausted").isFalse();
            assertThat(cutOff).as("every stalled connection was cut off as a slow consumer, once").isEqualTo(stalledCount);
            assertThat(cutUnderPressure).as("a reading client is cut off only while direct memory is short")
                    .isGreaterThanOrEqualTo(readersCut.size());

            List<InvariantChecker.Snapshot> snapshots = new ArrayList<>();
            for (Participant p : readers) {
                p.catchUp();
                snapshots.add(p.snapshot(!readersCut.contains(p))); // never stalled: everything live, unless cut off
                p.close();
            }
            // They read again: drain what the kernel kept for them, see the connection gone, resume, catch up from
            // history. One at a time: each client keeps its conversations in memory, as the desktop app does, and
            // one test process need not hold forty copies of the whole history of long messages.
            long backAt = System.nanoTime();
            for (Participant p : stalled) {
                p.resumeReading();
                await().atMost(Duration.ofMinutes(3)).until(() -> p.sessions() >= 2 && p.isConnected());
                p.catchUp();
                snapshots.add(p.snapshot(false));
                p.close();
            }
            long caughtUp = System.nanoTime();
            everyone.forEach(Participant::close);
            appliance.stop();
            InvariantChecker.Report report = InvariantChecker.check(database, snapshots);

            Figures.record(scenario, "stalled clients / reading clients", stalledCount + " / " + readerCount);
            Figures.record(scenario, "messages sent (80% group, ~" + TEXT_CHARS + " chars each)", readerCount * perReader);
            Figures.record(scenario, "offered to each stalled client (MB)", offeredPerStalled >> 20);
            Figures.record(scenario, "offered to stalled clients in all (MB)", (offeredPerStalled * stalledCount) >> 20);
            Figures.record(scenario, "appliance limits: heap / direct memory / outbound bound per connection",
                    HEAP + " / " + DIRECT + " / " + (outboundBound >> 10) + " KiB");
            Figures.record(scenario, "appliance resident memory before load / peak (MB)",
                    (rssBefore >> 10) + " / " + (memory.peakRssKib() >> 10));
            Figures.record(scenario, "stalled connections cut off (slow_consumer)", cutOff);
            Figures.record(scenario, "reading connections cut off while direct memory was short", readersCut.size());
            Figures.record(scenario, "load run (ms)", (loadDone - started) / 1_000_000);
            Figures.record(scenario, "reading again to caught up, one client after another: per client (ms)",
                    (caughtUp - backAt) / 1_000_000 / stalledCount);
            report.record(scenario);
            report.assertHolds();
            assertThat(report.acked()).isEqualTo(readerCount * perReader);
            assertThat(report.refusals()).as("the reading clients were never refused").isEmpty();
            assertThat(offeredPerStalled * stalledCount).as("the test offered more than the appliance could have held")
                    .isGreaterThan(parseMegabytes(HEAP) + parseMegabytes(DIRECT));
        }
    }

    private static long cutOffs(ApplianceProcess appliance, Participant p) {
        return appliance.logLinesWith("(" + p.username() + ") is not reading");
    }

    private Participant join(ApplianceProcess appliance, String name) {
        Participant p = new Participant(name, RunningAppliance.PASSWORD, () -> Endpoint.of(appliance), 16);
        p.register();
        everyone.add(p);
        return p;
    }

    private static long parseMegabytes(String size) {
        return Long.parseLong(size.substring(0, size.length() - 1)) << 20;
    }
}
