package org.lanchat.discovery.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceListener;
import org.lanchat.discovery.BrowserStatus;
import org.lanchat.discovery.DiscoveredAppliance;

/**
 * An {@link ApplianceBrowser} without a network, for testing code that uses one (the locator, a client's
 * view-models): appliances appear when the test says so, and events are delivered on the caller's thread.
 */
public final class FakeApplianceBrowser implements ApplianceBrowser {
    private final List<DiscoveredAppliance> appliances = new CopyOnWriteArrayList<>();
    private final List<ApplianceListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> serviceTypesSeen;

    /** @param serviceTypesSeen what "other devices" answered, for diagnostics */
    public FakeApplianceBrowser(Set<String> serviceTypesSeen) {
        this.serviceTypesSeen = Set.copyOf(serviceTypesSeen);
    }

    public FakeApplianceBrowser() {
        this(Set.of());
    }

    public void appear(DiscoveredAppliance appliance) {
        appliances.add(appliance);
        listeners.forEach(listener -> listener.added(appliance));
    }

    public void vanish(DiscoveredAppliance appliance) {
        appliances.remove(appliance);
        listeners.forEach(listener -> listener.removed(appliance));
    }

    @Override
    public List<DiscoveredAppliance> appliances() {
        return List.copyOf(appliances);
    }

    @Override
    public void addListener(ApplianceListener listener) {
        listeners.add(listener);
        appliances.forEach(listener::added);
    }

    @Override
    public void removeListener(ApplianceListener listener) {
        listeners.remove(listener);
    }

    /** Answers at once from what has appeared: tests need not wait out the timeout. */
    @Override
    public Optional<DiscoveredAppliance> awaitFirst(Duration timeout, Predicate<DiscoveredAppliance> matching) {
        return appliances.stream().filter(matching).findFirst();
    }

    @Override
    public BrowserStatus status() {
        return new BrowserStatus(List.of("fake0/192.0.2.1"), serviceTypesSeen);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
