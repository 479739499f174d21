package org.lanchat.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** {@link ApplianceBrowser} on JmDNS: an {@link AddressWatcher} of {@link BrowsingResponder}s. */
final class JmdnsBrowser implements ApplianceBrowser {
    private static final Duration SWEEP = Duration.ofSeconds(1);
    private final ExecutorService events;
    private final ApplianceRegistry registry;
    private final Set<String> serviceTypesSeen = ConcurrentHashMap.newKeySet();
    private final PeerSightings peers = new PeerSightings();
    private final AddressWatcher<BrowsingResponder> watcher;

    private JmdnsBrowser(InterfaceSelection interfaces) {
        events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lanchat-discovery-events");
            thread.setDaemon(true);
            return thread;
        });
        registry = new ApplianceRegistry(events);
        watcher = new AddressWatcher<>("browser", interfaces, InterfaceSnapshot::scanSystem,
                (local, label) -> BrowsingResponder.open(local, Jmdns.browserLabel(label), registry, serviceTypesSeen, peers),
                responder -> {
                });
    }

    static JmdnsBrowser start(InterfaceSelection interfaces) {
        Jmdns.ensureConfigured();
        JmdnsBrowser browser = new JmdnsBrowser(interfaces);
        browser.watcher.start();
        browser.watcher.every(SWEEP, BrowsingResponder::sweep);
        return browser;
    }

    @Override
    public List<DiscoveredAppliance> appliances() {
        return registry.snapshot();
    }

    @Override
    public void addListener(ApplianceListener listener) {
        registry.addListener(listener);
    }

    @Override
    public void removeListener(ApplianceListener listener) {
        registry.removeListener(listener);
    }

    @Override
    public Optional<DiscoveredAppliance> awaitFirst(Duration timeout, Predicate<DiscoveredAppliance> matching)
            throws InterruptedException {
        Optional<DiscoveredAppliance> known = registry.snapshot().stream().filter(matching).findFirst();
        if (known.isPresent() || timeout.isZero() || timeout.isNegative()) {
            return known;
        }
        CompletableFuture<DiscoveredAppliance> first = new CompletableFuture<>();
        ApplianceListener listener = new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                offer(appliance);
            }

            @Override
            public void updated(DiscoveredAppliance appliance) {
                offer(appliance);
            }

            private void offer(DiscoveredAppliance appliance) {
                if (matching.test(appliance)) {
                    first.complete(appliance);
                }
            }
        };
        registry.addListener(listener);
        try {
            return Optional.of(first.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot happen: nothing completes the future exceptionally", e);
        } finally {
            registry.removeListener(listener);
        }
    }

    @Override
    public List<DiscoveredPeer> peers() {
        return peers.snapshot();
    }

    @Override
    public void addPeerListener(Runnable changed) {
        peers.addListener(changed);
        watcher.handles().values().forEach(responder -> responder.browsePeers(true));
    }

    @Override
    public void removePeerListener(Runnable changed) {
        peers.removeListener(changed);
        if (!peers.wanted()) {
            watcher.handles().values().forEach(responder -> responder.browsePeers(false));
        }
    }

    @Override
    public BrowserStatus status() {
        List<String> listening = watcher.handles().keySet().stream().map(LocalAddress::toString).toList();
        // JmDNS reports our own browsed type as soon as we browse it; only an answer makes it evidence.
        Set<String> seen = Set.copyOf(serviceTypesSeen);
        if (registry.snapshot().isEmpty()) {
            seen = seen.stream().filter(type -> !type.equalsIgnoreCase(Jmdns.SERVICE_TYPE))
                    .collect(Collectors.toSet());
        }
        if (peers.snapshot().isEmpty()) {
            seen = seen.stream().filter(type -> !type.equalsIgnoreCase(Jmdns.PEER_SERVICE_TYPE))
                    .collect(Collectors.toSet());
        }
        return new BrowserStatus(listening, seen);
    }

    @Override
    public void close() {
        watcher.close();
        events.shutdown();
        try {
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
