package org.lanchat.discovery.locate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;

/**
 * Finds the appliance to connect to, in order: discovery on the LAN, the last appliance that worked
 * (if it is reachable where it was), an address the user gave (if reachable). The result says which
 * way worked ({@link FoundBy}); it does not say the appliance is genuine: connect through
 * {@link org.lanchat.discovery.trust.TlsPinCheck} with {@link LocatedAppliance#trustTarget()}.
 *
 * <p>With several appliances on the LAN, the one this client last worked with is preferred; otherwise the
 * first by name.
 */
public final class ApplianceLocator {
    private final ApplianceBrowser browser;
    private final LastGoodStore lastGood;
    private final Optional<HostPort> manual;
    private final Duration discoveryTimeout;
    private final Duration connectTimeout;

    /**
     * @param discoveryTimeout how long to wait for discovery to answer
     * @param connectTimeout   how long a reachability probe of a cached or typed address may take
     */
    public ApplianceLocator(ApplianceBrowser browser, LastGoodStore lastGood, Optional<HostPort> manual,
            Duration discoveryTimeout, Duration connectTimeout) {
        this.browser = Objects.requireNonNull(browser, "browser");
        this.lastGood = Objects.requireNonNull(lastGood, "lastGood");
        this.manual = Objects.requireNonNull(manual, "manual");
        this.discoveryTimeout = Objects.requireNonNull(discoveryTimeout, "discoveryTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    public LocateResult locate() throws InterruptedException {
        List<String> attempts = new ArrayList<>();
        Optional<LastGoodAppliance> remembered = lastGood.load();

        Optional<DiscoveredAppliance> discovered = discover(remembered.flatMap(LastGoodAppliance::applianceId));
        if (discovered.isPresent()) {
            LocatedAppliance located = LocatedAppliance.discovered(discovered.get());
            attempts.add("discovery: " + located.describe());
            return new LocateResult(Optional.of(located), attempts);
        }
        attempts.add("discovery: no appliance answered within " + discoveryTimeout.toMillis() + " ms");

        if (remembered.isPresent()) {
            LastGoodAppliance cached = remembered.get();
            Optional<InetSocketAddress> reachable = reachable(cached.address(), attempts, "last appliance that worked");
            if (reachable.isPresent()) {
                return found(new LocatedAppliance(FoundBy.CACHED, cached.name(), List.of(reachable.get()),
                        cached.applianceId(), Optional.empty()), attempts);
            }
        } else {
            attempts.add("last appliance that worked: none yet");
        }

        if (manual.isPresent()) {
            Optional<InetSocketAddress> reachable = reachable(manual.get(), attempts, "address you gave");
            if (reachable.isPresent()) {
                return found(new LocatedAppliance(FoundBy.MANUAL, manual.get().toString(), List.of(reachable.get()),
                        Optional.empty(), Optional.empty()), attempts);
            }
        } else {
            attempts.add("address you gave: none");
        }
        return new LocateResult(Optional.empty(), attempts);
    }

    /**
     * Remembers where the client logged in, for when discovery fails next time; call after a successful
     * login, with the address actually used.
     */
    public void rememberWorking(LocatedAppliance appliance, InetSocketAddress used) throws IOException {
        lastGood.save(new LastGoodAppliance(appliance.applianceId(), appliance.name(),
                new HostPort(used.getAddress().getHostAddress(), used.getPort())));
    }

    private Optional<DiscoveredAppliance> discover(Optional<ApplianceId> preferred) throws InterruptedException {
        if (preferred.isEmpty()) {
            return browser.awaitFirst(discoveryTimeout);
        }
        Optional<DiscoveredAppliance> same = browser.awaitFirst(discoveryTimeout,
                appliance -> appliance.applianceId().equals(preferred.get()));
        if (same.isPresent()) {
            return same;
        }
        return browser.appliances().stream().min(Comparator.comparing(DiscoveredAppliance::name));
    }

    private static LocateResult found(LocatedAppliance located, List<String> attempts) {
        attempts.add(located.describe());
        return new LocateResult(Optional.of(located), attempts);
    }

    private Optional<InetSocketAddress> reachable(HostPort target, List<String> attempts, String what) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.host());
        } catch (IOException e) {
            attempts.add(what + " " + target + ": the name does not resolve (" + e.getMessage() + ")");
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            InetSocketAddress socketAddress = new InetSocketAddress(address, target.port());
            try (Socket socket = new Socket()) {
                socket.connect(socketAddress, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                return Optional.of(socketAddress);
            } catch (IOException e) {
                attempts.add(what + " " + target + ": " + address.getHostAddress() + " is not reachable ("
                        + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }
}
