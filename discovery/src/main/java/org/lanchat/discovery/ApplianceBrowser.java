package org.lanchat.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A live list of the LAN Chat appliances on the LAN, kept up to date until closed.
 *
 * <pre>{@code
 * try (ApplianceBrowser browser = ApplianceBrowser.start(InterfaceSelection.automatic())) {
 *     browser.addListener(new ApplianceListener() {
 *         public void added(DiscoveredAppliance appliance) { ... }
 *         public void removed(DiscoveredAppliance appliance) { ... }
 *     });
 *     Optional<DiscoveredAppliance> first = browser.awaitFirst(Duration.ofSeconds(3)); // command line
 * }
 * }</pre>
 *
 * <p>Appliances are reported only once resolved (addresses, port and a valid TXT record), never on the
 * first bare "added" that mDNS produces. Several appliances are all listed, by instance name. The same
 * appliance seen on several interfaces is one entry with all its addresses. Removal comes from the
 * appliance's goodbye, or from its records expiring when it vanished without one.
 */
public interface ApplianceBrowser extends AutoCloseable {

    /** Starts browsing on the selected interfaces, following them as they come and go. */
    static ApplianceBrowser start(InterfaceSelection interfaces) {
        return JmdnsBrowser.start(interfaces);
    }

    /** The appliances known now, in the order they were found. */
    List<DiscoveredAppliance> appliances();

    /**
     * Registers a listener; it first gets {@code added} for every appliance already known, then live events.
     */
    void addListener(ApplianceListener listener);

    void removeListener(ApplianceListener listener);

    /** The first appliance found, waiting at most {@code timeout}; for command-line use. */
    default Optional<DiscoveredAppliance> awaitFirst(Duration timeout) throws InterruptedException {
        return awaitFirst(timeout, appliance -> true);
    }

    /** The first appliance found that matches, waiting at most {@code timeout}. */
    Optional<DiscoveredAppliance> awaitFirst(Duration timeout, Predicate<DiscoveredAppliance> matching)
            throws InterruptedException;

    BrowserStatus status();

    /**
     * Colleagues' clients in peer mode seen now ({@code _lanchat-peer._tcp}, PROTOCOL.md §10), whatever
     * appliance they belong to. The browser looks for them only while a peer listener is registered.
     */
    default List<DiscoveredPeer> peers() {
        return List.of();
    }

    /** {@code changed} runs (on a discovery thread) whenever {@link #peers()} may have changed. */
    default void addPeerListener(Runnable changed) {
    }

    default void removePeerListener(Runnable changed) {
    }

    /** Stops every responder and thread; returns when they are stopped (about two seconds of JmDNS goodbyes). */
    @Override
    void close();
}
