package org.lanchat.client.core.appliance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceId;
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

    /**
     * The appliances to choose from, each once: the members of a cluster advertise one id (and one certificate),
     * so they are listed once, under the name of the first member found; {@link #follow} moves between them.
     */
    private List<ApplianceChoice> current() {
        return browser.map(b -> {
                    Set<ApplianceId> listed = new HashSet<>();
                    return b.appliances().stream()
                            .filter(a -> a.protocolVersion() == Protocol.VERSION)
                            .filter(a -> listed.add(a.applianceId()))
                            .map(ApplianceChoice::discovered)
                            .toList();
                })
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
            throw new TypedAddressException(TypedAddressException.Reason.MISSING, "",
                    "Type the appliance's address, e.g. 192.168.1.20 or chat.office.lan:7447");
        }
        HostPort target;
        try {
            target = HostPort.parse(typed, Protocol.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new TypedAddressException(TypedAddressException.Reason.NOT_AN_ADDRESS, typed.strip(), e.getMessage());
        }
        try {
            return ApplianceChoice.manual(new InetSocketAddress(InetAddress.getByName(target.host()), target.port()));
        } catch (UnknownHostException e) {
            throw new TypedAddressException(TypedAddressException.Reason.UNKNOWN_HOST, target.host(),
                    "'" + target.host() + "' is not a known host name");
        }
    }

    @Override
    public void remember(ApplianceChoice choice) throws IOException {
        lastGood.save(new LastGoodAppliance(choice.id(), choice.name(),
                new HostPort(choice.address().getAddress().getHostAddress(), choice.address().getPort())));
    }

    /**
     * Where the chosen appliance is now, asked before every connection attempt. Several appliances that advertise
     * the chosen id are the members of one cluster: each attempt takes the next of them, so a client whose member
     * died (its records stay on the LAN until they expire) reaches another at the following attempt.
     */
    @Override
    public Supplier<TrustTarget> follow(ApplianceChoice choice) {
        AtomicInteger attempts = new AtomicInteger();
        return () -> choice.id()
                .flatMap(id -> browser.flatMap(b -> {
                    List<DiscoveredAppliance> members = b.appliances().stream()
                            .filter(a -> a.applianceId().equals(id))
                            .toList();
                    return members.isEmpty() ? Optional.<DiscoveredAppliance>empty()
                            : Optional.of(members.get(Math.floorMod(attempts.getAndIncrement(), members.size())));
                }))
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
