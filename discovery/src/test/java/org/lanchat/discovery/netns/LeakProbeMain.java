package org.lanchat.discovery.netns;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.lanchat.discovery.ApplianceAdvertiser;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.ServiceDescription;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Child process: starts and stops an advertiser and a browser {@code --cycles} times on {@code --interfaces},
 * checking each time that the browser finds the advertiser, then reports the threads left behind.
 *
 * Events: {@code cycle n= found=} per cycle, then {@code threads leaked=} (comma-separated names; empty
 * when clean).
 */
public final class LeakProbeMain {
    /**
     * Threads the JDK and libraries start on demand and keep, one per process however often discovery starts
     * (virtual-thread carriers; JNA's cleaner, once the responder has set a socket option); not ours to stop.
     */
    private static final List<String> JDK_THREADS = List.of("ForkJoinPool", "VirtualThread-unparker",
            "Attach Listener", "process reaper", "Common-Cleaner", "awaitility", "InnocuousThread",
            "Notification Thread", "Signal Dispatcher", "JNA Cleaner");

    private LeakProbeMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        int cycles = Integer.parseInt(args.get("cycles", "5"));
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            String name = "Leak probe " + cycle;
            ServiceDescription description = new ServiceDescription(name, 7447, 1, ApplianceId.random(),
                    new CertificateFingerprint("ab".repeat(32)));
            ApplianceAdvertiser advertiser = ApplianceAdvertiser.start(description, args.interfaces());
            ApplianceBrowser browser = ApplianceBrowser.start(args.interfaces());
            // The first and last rounds see discovery through; the others stop while JmDNS is still probing,
            // the other way a shutdown can find it.
            boolean complete = cycle == 1 || cycle == cycles;
            boolean found = !complete || browser.awaitFirst(Duration.ofSeconds(10), a -> a.name().equals(name))
                    .map(DiscoveredAppliance::port).orElse(-1) == 7447;
            Thread closing = Thread.ofPlatform().start(advertiser::close);
            browser.close();
            closing.join();
            ChildEvent.emit("cycle", "n", cycle, "found", found, "complete", complete);
        }
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> leaked(before).isEmpty());
        } catch (ConditionTimeoutException e) {
            // Reported below.
        }
        ChildEvent.emit("threads", "leaked", String.join(",", leaked(before)));
        System.exit(0);
    }

    private static List<String> leaked(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> JDK_THREADS.stream().noneMatch(name::startsWith))
                .sorted().collect(Collectors.toList());
    }
}
