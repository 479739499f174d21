package org.lanchat.discovery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's list of appliances. Each responder (one per local interface address) reports what it
 * resolves; the registry merges those views into one appliance per instance name and appliance id, and
 * turns changes of the merged view into added / updated / removed events.
 *
 * <p>The id is part of the key because DNS-SD keeps names unique per link only: a computer on two networks
 * can meet two different "Office" appliances, whose addresses must never be mixed. An appliance is removed
 * only when no responder sees it any more, and re-announcements that change nothing produce no event.
 */
final class ApplianceRegistry {
    private static final Logger log = LoggerFactory.getLogger(ApplianceRegistry.class);

    private final Executor dispatcher;
    private final List<ApplianceListener> listeners = new CopyOnWriteArrayList<>();
    /** Per {@link #key}: what each responder last resolved. */
    private final Map<String, Map<LocalAddress, DiscoveredAppliance>> views = new HashMap<>();
    private final Map<String, DiscoveredAppliance> merged = new LinkedHashMap<>();

    /** @param dispatcher runs listener calls one at a time, in order */
    ApplianceRegistry(Executor dispatcher) {
        this.dispatcher = dispatcher;
    }

    synchronized void resolved(LocalAddress source, DiscoveredAppliance view) {
        String key = key(view.name(), view.applianceId());
        // One link holds one instance of a name: a different id under this name from this source replaces it.
        forgetName(source, view.name(), key);
        views.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(source, view);
        publish(key, view);
    }

    synchronized void removed(LocalAddress source, String name) {
        forgetName(source, name, null);
    }

    private void forgetName(LocalAddress source, String name, String except) {
        String prefix = name.toLowerCase(Locale.ROOT) + "/";
        for (String key : new ArrayList<>(views.keySet())) {
            if (key.startsWith(prefix) && !key.equals(except) && views.get(key).remove(source) != null) {
                publish(key, null);
            }
        }
    }

    /** The responder on {@code source} stopped: everything only it saw is gone. */
    synchronized void sourceClosed(LocalAddress source) {
        for (String key : new ArrayList<>(views.keySet())) {
            if (views.get(key).remove(source) != null) {
                publish(key, null);
            }
        }
    }

    synchronized List<DiscoveredAppliance> snapshot() {
        return List.copyOf(merged.values());
    }

    /** Adds a listener and tells it, first, about every appliance already known. */
    synchronized void addListener(ApplianceListener listener) {
        listeners.add(listener);
        for (DiscoveredAppliance known : merged.values()) {
            dispatcher.execute(() -> deliver(listener, l -> l.added(known)));
        }
    }

    void removeListener(ApplianceListener listener) {
        listeners.remove(listener);
    }

    /** Recomputes the merged view of one name; {@code latest} is the freshest resolution, if any. */
    private void publish(String key, DiscoveredAppliance latest) {
        Map<LocalAddress, DiscoveredAppliance> bySource = views.getOrDefault(key, Map.of());
        if (bySource.isEmpty()) {
            views.remove(key);
        }
        DiscoveredAppliance before = merged.get(key);
        DiscoveredAppliance after = merge(bySource, latest);
        if (before == null && after != null) {
            merged.put(key, after);
            log.info("Found appliance \"{}\" at {} port {}", after.name(), after.addresses(), after.port());
            fire(l -> l.added(after));
        } else if (before != null && after == null) {
            merged.remove(key);
            log.info("Appliance \"{}\" is gone", before.name());
            fire(l -> l.removed(before));
        } else if (before != null && !before.equals(after)) {
            merged.put(key, after);
            log.info("Appliance \"{}\" changed: now {} port {}", after.name(), after.addresses(), after.port());
            fire(l -> l.updated(after));
        }
    }

    /** All addresses any responder saw; port and TXT from the freshest resolution. */
    private static DiscoveredAppliance merge(Map<LocalAddress, DiscoveredAppliance> bySource,
            DiscoveredAppliance latest) {
        if (bySource.isEmpty()) {
            return null;
        }
        DiscoveredAppliance base = latest != null ? latest : bySource.values().iterator().next();
        List<InetAddress> addresses = new ArrayList<>();
        bySource.values().forEach(view -> addresses.addAll(view.addresses()));
        return new DiscoveredAppliance(base.name(), addresses, base.port(), base.txt(), base.applianceId(),
                base.fingerprint(), base.protocolVersion());
    }

    private void fire(Consumer<ApplianceListener> event) {
        for (ApplianceListener listener : listeners) {
            dispatcher.execute(() -> deliver(listener, event));
        }
    }

    private static void deliver(ApplianceListener listener, Consumer<ApplianceListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("An appliance listener failed; it stays registered", e);
        }
    }

    /** Instance name in lower case, as DNS compares names, and the appliance id. */
    private static String key(String name, ApplianceId id) {
        return name.toLowerCase(Locale.ROOT) + "/" + id.value();
    }
}
