package org.lanchat.discovery;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The colleagues' clients in peer mode that the browser's responders see, one entry per instance name and
 * interface address; a peer gone from every responder is gone. Listeners hear that the list changed; while
 * there are none, nobody browses.
 */
final class PeerSightings {
    private final Map<String, Map<LocalAddress, DiscoveredPeer>> seen = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void resolved(LocalAddress source, DiscoveredPeer peer) {
        boolean changed;
        synchronized (this) {
            DiscoveredPeer before = seen.computeIfAbsent(peer.name(), k -> new HashMap<>()).put(source, peer);
            changed = !peer.equals(before);
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    void removed(LocalAddress source, String name) {
        synchronized (this) {
            Map<LocalAddress, DiscoveredPeer> views = seen.get(name);
            if (views == null || views.remove(source) == null) {
                return;
            }
            if (views.isEmpty()) {
                seen.remove(name);
            }
        }
        listeners.forEach(Runnable::run);
    }

    void sourceClosed(LocalAddress source) {
        synchronized (this) {
            seen.values().forEach(views -> views.remove(source));
            seen.values().removeIf(Map::isEmpty);
        }
        listeners.forEach(Runnable::run);
    }

    synchronized List<DiscoveredPeer> snapshot() {
        return seen.values().stream().flatMap(views -> views.values().stream().limit(1)).toList();
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Whether anyone listens: browsing for peers costs queries on the LAN, so it runs only then. */
    boolean wanted() {
        return !listeners.isEmpty();
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
