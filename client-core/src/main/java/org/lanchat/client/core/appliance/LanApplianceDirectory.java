package org.lanchat.client.core.appliance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceListener;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.locate.HostPort;
import org.lanchat.discovery.locate.LastGoodAppliance;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery on the LAN (mDNS/DNS-SD through {@link ApplianceBrowser}), the last appliance that worked (kept
 * by {@link LastGoodStore}) and typed addresses. Appliances that speak another protocol version are left out.
 */
public final class LanApplianceDirectory implements ApplianceDirectory {
    private static final Logger log = LoggerFactory.getLogger(LanApplianceDirectory.class);

    private final Optional<ApplianceBrowser> browser;
    private final LastGoodStore lastGood;
    private final List<Consumer<List<ApplianceChoice>>> watchers = new CopyOnWriteArrayList<>();

    /** @param browser empty when discovery could not start (no usable interface); the other ways still work */
    public LanApplianceDirectory(Optional<ApplianceBrowser> browser, LastGoodStore lastGood) {
        this.browser = browser;
        this.lastGood = lastGood;
        browser.ifPresent(b -> b.addListener(new ApplianceListener() {
            @Override
            public void added(DiscoveredAppliance appliance) {
                publish();
            }

            @Override
            public void updated(DiscoveredAppliance appliance) {
                publish();
            }

            @Override
            public void removed(DiscoveredAppliance appliance) {
                publish();
            }
        }));
    }

    @Override
    public void watch(Consumer<List<ApplianceChoice>> listener) {
        watchers.add(listener);
        listener.accept(current());
    }

    private void publish() {
        List<ApplianceChoice> now = current();
        watchers.forEach(w -> w.accept(now));
    }

    @Override
    public List<ApplianceChoice> onNetwork() {
        return current();
    }

    private List<ApplianceChoice> current() {
        return browser.map(b -> b.appliances().stream()
                        .filter(a -> a.protocolVersion() == Protocol.VERSION)
                        .map(ApplianceChoice::discovered)
                        .toList())
                .orElse(List.of());
    }

    @Override
    public Optional<ApplianceChoice> lastGood() {
        return lastGood.load().flatMap(remembered -> {
            try {
                InetAddress address = InetAddress.getByName(remembered.address().host());
                return Optional.of(new ApplianceChoice(remembered.name(),
                        new InetSocketAddress(address, remembered.address().port()), remembered.applianceId(),
                        Optional.empty(), FoundBy.CACHED));
            } catch (UnknownHostException e) {
                log.info("The last appliance's address {} does not resolve any more", remembered.address());
                return Optional.empty();
            }
        });
    }

    @Override
    public ApplianceChoice manual(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("Type the appliance's address, e.g. 192.168.1.20 or chat.office.lan:7447");
        }
        HostPort target = HostPort.parse(typed, Protocol.DEFAULT_PORT);
        try {
            return ApplianceChoice.manual(new InetSocketAddress(InetAddress.getByName(target.host()), target.port()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + target.host() + "' is not a known host name", e);
        }
    }

    @Override
    public void remember(ApplianceChoice choice) throws IOException {
        lastGood.save(new LastGoodAppliance(choice.id(), choice.name(),
                new HostPort(choice.address().getAddress().getHostAddress(), choice.address().getPort())));
    }

    @Override
    public Supplier<TrustTarget> follow(ApplianceChoice choice) {
        return () -> choice.id()
                .flatMap(id -> browser.flatMap(b -> b.appliances().stream()
                        .filter(a -> a.applianceId().equals(id))
                        .findFirst()))
                .map(ApplianceChoice::discovered)
                .orElse(choice)
                .trustTarget();
    }

    @Override
    public Optional<ApplianceBrowser> browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.ifPresent(ApplianceBrowser::close);
    }
}
