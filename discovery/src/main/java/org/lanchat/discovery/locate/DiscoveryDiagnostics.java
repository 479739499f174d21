package org.lanchat.discovery.locate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.BrowserStatus;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Finding;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;
import org.lanchat.discovery.trust.PinDecision;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Explains why a client cannot find or trust its appliance, layer by layer: whether any multicast answers
 * arrive on this computer's network, whether the appliance's TCP port is reachable, and whether its TLS
 * certificate matches the pin. Sends no credentials and changes no pin.
 */
public final class DiscoveryDiagnostics {
    private final ApplianceBrowser browser;
    private final PinStore pins;
    private final Duration listen;
    private final Duration timeout;

    /**
     * @param listen  how long to wait for multicast answers when the browser has seen none yet
     * @param timeout for the TCP connect and for the TLS handshake
     */
    public DiscoveryDiagnostics(ApplianceBrowser browser, PinStore pins, Duration listen, Duration timeout) {
        this.browser = Objects.requireNonNull(browser, "browser");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.listen = Objects.requireNonNull(listen, "listen");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Runs the checks.
     *
     * @param fallback the appliance to check when discovery finds none (the cached or typed address), if any
     */
    public DiagnosticReport run(Optional<LocatedAppliance> fallback) throws InterruptedException {
        Optional<DiscoveredAppliance> discovered = preferPinned(browser.awaitFirst(listen));
        BrowserStatus status = browser.status();
        Check multicast = multicastCheck(discovered, status);

        Optional<LocatedAppliance> target = discovered.map(LocatedAppliance::discovered).or(() -> fallback);
        if (target.isEmpty()) {
            Check none = new Check(Outcome.NOT_RUN, Finding.NO_TARGET, List.of(),
                    "no appliance to check: none discovered and no address given");
            return new DiagnosticReport(status.listeningOn(), multicast, none, none);
        }
        LocatedAppliance appliance = target.get();
        InetSocketAddress address = appliance.addresses().getFirst();
        Check tcp = tcpCheck(appliance, address);
        Check tls = tcp.passed() ? tlsCheck(appliance, address)
                : new Check(Outcome.NOT_RUN, Finding.PORT_UNREACHABLE, List.of(), "skipped: the TCP port is not reachable");
        return new DiagnosticReport(status.listeningOn(), multicast, tcp, tls);
    }

    private Optional<DiscoveredAppliance> preferPinned(Optional<DiscoveredAppliance> first) {
        List<DiscoveredAppliance> all = browser.appliances();
        return all.stream().filter(a -> pins.pinFor(a.applianceId()).isPresent()).findFirst().or(() -> first);
    }

    private static Check multicastCheck(Optional<DiscoveredAppliance> discovered, BrowserStatus status) {
        if (status.listeningOn().isEmpty()) {
            return new Check(Outcome.FAILED, Finding.NO_INTERFACE, List.of(),
                    "no network interface is usable for multicast (is the network up?)");
        }
        if (discovered.isPresent()) {
            String name = discovered.get().name();
            return new Check(Outcome.PASSED, Finding.APPLIANCE_ANSWERED, List.of(name), "appliance \"" + name + "\" answered");
        }
        if (!status.serviceTypesSeen().isEmpty()) {
            String types = String.join(", ", status.serviceTypesSeen());
            return new Check(Outcome.PASSED, Finding.OTHERS_ANSWERED, List.of(types), "other devices answered (" + types
                    + ") but no LAN Chat appliance did: is it running, and on this network?");
        }
        return new Check(Outcome.FAILED, Finding.NO_MULTICAST_ANSWERS, List.of(),
                "no multicast answers at all: the network may block mDNS (UDP port 5353, "
                + "Wi-Fi client isolation, a firewall), or the appliance is on another subnet");
    }

    private Check tcpCheck(LocatedAppliance appliance, InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, millis());
            return new Check(Outcome.PASSED, Finding.ACCEPTS_CONNECTIONS, List.of(where(address)),
                    describe(appliance, address) + " accepts connections");
        } catch (IOException e) {
            return new Check(Outcome.FAILED, Finding.REFUSES_CONNECTIONS, List.of(where(address)),
                    describe(appliance, address) + " does not accept connections ("
                    + e.getMessage() + "): a firewall, or the appliance's server is down");
        }
    }

    private Check tlsCheck(LocatedAppliance appliance, InetSocketAddress address) {
        CertificateFingerprint presented;
        try {
            presented = TlsPinCheck.fetchFingerprint(address, timeout);
        } catch (IOException e) {
            return new Check(Outcome.FAILED, Finding.HANDSHAKE_FAILED, List.of(),
                    "TLS handshake failed (" + e.getMessage() + "): is this a LAN Chat port?");
        }
        String code = presented.shortCode();
        if (appliance.advertised().isPresent() && !appliance.advertised().get().equals(presented)) {
            String advertised = appliance.advertised().get().shortCode();
            return new Check(Outcome.FAILED, Finding.NOT_THE_ADVERTISED_CODE, List.of(code, advertised),
                    "certificate code " + code + " differs from the advertised " + advertised + ": something is intercepting");
        }
        PinDecision decision = pins.decide(appliance.applianceId(), presented);
        return switch (decision) {
            case PinDecision.Trusted trusted -> new Check(Outcome.PASSED, Finding.MATCHES_THE_PIN,
                    List.of(code, trusted.pin().name()), "certificate code " + code
                    + " matches the pin for \"" + trusted.pin().name() + "\"");
            case PinDecision.FirstContact first -> new Check(Outcome.NOT_RUN, Finding.NOTHING_PINNED, List.of(code),
                    "certificate code " + code
                    + "; nothing is pinned yet: compare it with 'lanchat-appliance --fingerprint'");
            case PinDecision.Mismatch mismatch -> new Check(Outcome.FAILED, Finding.NOT_THE_PINNED_CODE,
                    List.of(code, mismatch.expected().fingerprint().shortCode()), "certificate code " + code
                    + " does not match the trusted code " + mismatch.expected().fingerprint().shortCode());
        };
    }

    private static String describe(LocatedAppliance appliance, InetSocketAddress address) {
        String where = where(address);
        // A typed address is named after itself: say it once.
        return appliance.name().equals(where) ? where : "\"" + appliance.name() + "\" at " + where;
    }

    private static String where(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
