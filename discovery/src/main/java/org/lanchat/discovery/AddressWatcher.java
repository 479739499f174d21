package org.lanchat.discovery;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one handle (a running responder) per selected interface address, or per interface ({@link AddressPlan}
 * says which): scans the interfaces now and then every rescan interval, stops the handles of addresses that went
 * away, moves those that can move to another address of their interface, and opens handles for new ones. This is
 * what makes the appliance re-announce itself when an interface comes up or changes its address, and what lets a
 * laptop's browser follow it from wired to Wi-Fi.
 *
 * <p>Stopping happens in the background: a browser's JmDNS instance says goodbye for seconds, longer if
 * its address is already gone and sending fails, and the new address should not wait for that. Until a
 * stopped handle is fully closed its host label stays reserved, so the old and new responders never
 * claim the same mDNS host name at once.
 *
 * @param <H> the per-address handle
 */
final class AddressWatcher<H extends AutoCloseable> implements AutoCloseable {

    interface Scanner {
        List<InterfaceSnapshot> scan() throws IOException;
    }

    interface Opener<H> {
        /** Opens the handle for one address; {@code hostLabel} is the mDNS host name it should use. */
        H open(LocalAddress address, String hostLabel) throws IOException;
    }

    interface Mover<H> {
        /** Moves a running handle to another address of its interface, keeping its names. */
        void move(H handle, LocalAddress to) throws IOException;
    }

    private interface Planner {
        AddressPlan plan(Collection<LocalAddress> running, List<LocalAddress> selected);
    }

    private static final Logger log = LoggerFactory.getLogger(AddressWatcher.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final String purpose;
    private final InterfaceSelection selection;
    private final Scanner scanner;
    private final Opener<H> opener;
    private final Planner planner;
    private final Mover<H> mover;
    private final Consumer<H> checkup;
    private final String machineName;
    private final ScheduledExecutorService schedule;
    private final ThreadFactory openThreads;
    private final ThreadFactory closeThreads;
    private final Map<LocalAddress, Running<H>> running = new LinkedHashMap<>();
    private final List<Stopping> stopping = new ArrayList<>();
    private final Set<LocalAddress> failuresReported = new HashSet<>();
    private boolean reportedNoInterface;
    private boolean closed;

    private record Running<H>(H handle, String labelGroup, int ordinal) {
    }

    /** A handle being closed in the background, holding on to its host label until it is done. */
    private record Stopping(String labelGroup, int ordinal, Thread closer) {
    }

    /**
     * A handle per selected address.
     *
     * @param checkup runs on every live handle after each scan, on the watcher thread; for checks that JmDNS
     *                offers no callback for
     */
    AddressWatcher(String purpose, InterfaceSelection selection, Scanner scanner, Opener<H> opener,
            Consumer<H> checkup) {
        this(purpose, selection, scanner, opener, AddressPlan::everyAddress, (handle, to) -> {
            throw new IllegalStateException("handles per address never move");
        }, checkup);
    }

    /**
     * A handle per selected interface, on one of its addresses (see {@link AddressPlan#oneAddressPerInterface}):
     * when that address goes away the handle moves to another with {@code mover}, keeping its host name.
     */
    AddressWatcher(String purpose, InterfaceSelection selection, Scanner scanner, Opener<H> opener, Mover<H> mover,
            Consumer<H> checkup) {
        this(purpose, selection, scanner, opener, AddressPlan::oneAddressPerInterface, mover, checkup);
    }

    private AddressWatcher(String purpose, InterfaceSelection selection, Scanner scanner, Opener<H> opener,
            Planner planner, Mover<H> mover, Consumer<H> checkup) {
        this.purpose = purpose;
        this.selection = selection;
        this.scanner = scanner;
        this.opener = opener;
        this.planner = planner;
        this.mover = mover;
        this.checkup = checkup;
        this.machineName = Jmdns.machineName();
        this.schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lanchat-mdns-" + purpose + "-watch").factory());
        this.openThreads = Thread.ofPlatform().daemon().name("lanchat-mdns-" + purpose + "-open-", 0).factory();
        this.closeThreads = Thread.ofPlatform().daemon().name("lanchat-mdns-" + purpose + "-close-", 0).factory();
    }

    /** Opens handles for the addresses present now, then keeps watching. */
    void start() {
        rescan();
        long period = selection.rescanInterval().toMillis();
        schedule.scheduleWithFixedDelay(this::rescanSafely, period, period, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} on every live handle every {@code period}, on the watcher thread. */
    void every(Duration period, Consumer<H> action) {
        schedule.scheduleWithFixedDelay(() -> {
            for (H handle : handles().values()) {
                try {
                    action.accept(handle);
                } catch (RuntimeException e) {
                    log.debug("mDNS {}: periodic task failed", purpose, e);
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized Map<LocalAddress, H> handles() {
        Map<LocalAddress, H> handles = new LinkedHashMap<>();
        running.forEach((address, run) -> handles.put(address, run.handle()));
        return handles;
    }

    private void rescanSafely() {
        try {
            rescan();
        } catch (RuntimeException e) {
            log.warn("mDNS {}: interface scan failed; trying again in {}", purpose, selection.rescanInterval(), e);
        }
    }

    synchronized void rescan() {
        if (closed) {
            return;
        }
        List<LocalAddress> wanted;
        try {
            wanted = InterfaceRules.select(scanner.scan(), selection);
        } catch (IOException e) {
            log.warn("mDNS {}: cannot list network interfaces: {}", purpose, e.toString());
            return;
        }
        reportMissingInterfaces(wanted);
        stopping.removeIf(stop -> !stop.closer().isAlive());

        AddressPlan plan = planner.plan(List.copyOf(running.keySet()), wanted);
        for (LocalAddress address : plan.stop()) {
            log.info("mDNS {}: {} went away, stopping its responder", purpose, address);
            stop(address);
        }
        List<LocalAddress> added = new ArrayList<>(plan.open());
        for (AddressPlan.Move move : plan.moves()) {
            if (!moved(move)) {
                stop(move.from());
                added.add(move.to());
            }
        }
        if (!added.isEmpty()) {
            openAll(added);
        }
        running.values().forEach(run -> checkup.accept(run.handle()));
    }

    /** Closes the handle in the background; its host label stays reserved until it is closed. */
    private void stop(LocalAddress address) {
        Running<H> run = running.remove(address);
        stopping.add(new Stopping(run.labelGroup(), run.ordinal(), closeThreads.newThread(() -> closeQuietly(run.handle()))));
        stopping.getLast().closer().start();
    }

    private boolean moved(AddressPlan.Move move) {
        Running<H> run = running.get(move.from());
        try {
            mover.move(run.handle(), move.to());
        } catch (IOException | RuntimeException e) {
            log.info("mDNS {}: {} went away and its responder cannot move to {} ({}); starting a new one",
                    purpose, move.from(), move.to(), e.toString());
            return false;
        }
        running.put(move.to(), running.remove(move.from()));
        log.info("mDNS {}: {} went away, its responder moved to {}", purpose, move.from(), move.to().address()
                .getHostAddress());
        return true;
    }

    private void reportMissingInterfaces(List<LocalAddress> wanted) {
        if (!wanted.isEmpty()) {
            reportedNoInterface = false;
        } else if (!reportedNoInterface) {
            reportedNoInterface = true;
            log.warn("mDNS {}: no usable interface ({}); waiting for one to come up", purpose,
                    selection.isAutomatic() ? "automatic choice" : "configured interfaces " + selection.names());
        }
    }

    /** Opens in parallel: a JmDNS start takes a while, and a box may have several addresses. */
    private void openAll(List<LocalAddress> added) {
        Map<String, Set<Integer>> labelsInUse = new HashMap<>();
        running.values().forEach(run -> labelsInUse.computeIfAbsent(run.labelGroup(), k -> new HashSet<>())
                .add(run.ordinal()));
        stopping.forEach(stop -> labelsInUse.computeIfAbsent(stop.labelGroup(), k -> new HashSet<>())
                .add(stop.ordinal()));

        Map<LocalAddress, Integer> ordinals = new LinkedHashMap<>();
        Map<LocalAddress, Future<H>> opening = new LinkedHashMap<>();
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(openThreads)) {
            for (LocalAddress address : added) {
                Set<Integer> used = labelsInUse.computeIfAbsent(AddressPlan.link(address), k -> new HashSet<>());
                int ordinal = 0;
                while (used.contains(ordinal)) {
                    ordinal++;
                }
                used.add(ordinal);
                ordinals.put(address, ordinal);
                String label = Jmdns.hostLabel(machineName, address, ordinal);
                opening.put(address, workers.submit(() -> opener.open(address, label)));
            }
        }
        opening.forEach((address, future) -> {
            try {
                running.put(address, new Running<>(future.get(), AddressPlan.link(address), ordinals.get(address)));
                failuresReported.remove(address);
                log.info("mDNS {}: responder up on {}", purpose, address);
            } catch (ExecutionException e) {
                // Logged once per address at WARN, then quietly retried every rescan.
                if (failuresReported.add(address)) {
                    log.warn("mDNS {}: cannot start a responder on {}: {}; retrying every {}", purpose, address,
                            e.getCause().toString(), selection.rescanInterval());
                } else {
                    log.debug("mDNS {}: still cannot start a responder on {}", purpose, address, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void closeQuietly(H handle) {
        try {
            handle.close();
        } catch (Exception e) {
            log.debug("mDNS {}: closing a responder failed", purpose, e);
        }
    }

    /** Stops watching and closes every handle, including those still stopping; returns when all are closed. */
    @Override
    public void close() {
        List<H> open = new ArrayList<>();
        List<Thread> closers = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running.values().forEach(run -> open.add(run.handle()));
            running.clear();
            stopping.forEach(stop -> closers.add(stop.closer()));
            stopping.clear();
        }
        // The periodic tasks first, so that none of them touches a handle while it closes.
        schedule.shutdownNow();
        try {
            if (!schedule.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("mDNS {}: the interface watcher did not stop within 10 s", purpose);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (H handle : open) {
            Thread closer = closeThreads.newThread(() -> closeQuietly(handle));
            closer.start();
            closers.add(closer);
        }
        try {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            for (Thread closer : closers) {
                closer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (closer.isAlive()) {
                    log.warn("mDNS {}: a responder did not close within {}", purpose, CLOSE_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
