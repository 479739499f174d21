package org.lanchat.client.core.appliance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.ApplianceListener;
import org.lanchat.discovery.BrowserStatus;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.DiagnosticReport;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;
import org.lanchat.discovery.locate.DiscoveryDiagnostics;
import org.lanchat.discovery.locate.LocatedAppliance;
import org.lanchat.discovery.trust.PinStore;

/**
 * {@link DiagnosticsService} on the discovery module's {@link DiscoveryDiagnostics}, with the browser the
 * client already runs. Without one (discovery turned off, or no interface could run it) the multicast check
 * says so instead of failing, and the port and certificate of the target are still checked.
 */
public final class LanDiagnostics implements DiagnosticsService {
    private final Optional<ApplianceBrowser> browser;
    private final PinStore pins;
    private final Duration listen;
    private final Duration timeout;

    /**
     * @param listen  how long to wait for multicast answers when none has been seen yet
     * @param timeout for the TCP connect and the TLS handshake
     */
    public LanDiagnostics(Optional<ApplianceBrowser> browser, PinStore pins, Duration listen, Duration timeout) {
        this.browser = browser;
        this.pins = pins;
        this.listen = listen;
        this.timeout = timeout;
    }

    @Override
    public DiagnosticReport diagnose(Optional<ApplianceChoice> target) throws InterruptedException {
        Optional<LocatedAppliance> fallback = target.map(choice -> new LocatedAppliance(choice.foundBy(), choice.name(),
                List.of(choice.address()), choice.id(), choice.advertised()));
        if (browser.isPresent()) {
            return new DiscoveryDiagnostics(browser.get(), pins, listen, timeout).run(fallback);
        }
        DiagnosticReport checked = new DiscoveryDiagnostics(new NoBrowser(), pins, Duration.ZERO, timeout).run(fallback);
        Check off = new Check(Outcome.NOT_RUN, DiagnosticReport.Finding.DISCOVERY_OFF, List.of(),
                "discovery is off on this computer (started with --no-discovery, "
                + "or no network interface could run it), so multicast was not tried");
        return new DiagnosticReport(List.of(), off, checked.tcp(), checked.tls());
    }

    /** A browser that has found nothing, to check the port and certificate of a target without discovery. */
    private static final class NoBrowser implements ApplianceBrowser {
        @Override
        public List<DiscoveredAppliance> appliances() {
            return List.of();
        }

        @Override
        public void addListener(ApplianceListener listener) {
        }

        @Override
        public void removeListener(ApplianceListener listener) {
        }

        @Override
        public Optional<DiscoveredAppliance> awaitFirst(Duration wait, Predicate<DiscoveredAppliance> matching) {
            return Optional.empty();
        }

        @Override
        public BrowserStatus status() {
            return new BrowserStatus(List.of(), Set.of());
        }

        @Override
        public void close() {
        }
    }
}
