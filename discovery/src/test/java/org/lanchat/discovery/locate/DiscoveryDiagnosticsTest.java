package org.lanchat.discovery.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;
import org.lanchat.discovery.testing.FakeApplianceBrowser;
import org.lanchat.discovery.testing.TestCertificates;
import org.lanchat.discovery.testing.TestTlsServer;
import org.lanchat.discovery.trust.PinStore;

class DiscoveryDiagnosticsTest {
    private static final ApplianceId OFFICE = new ApplianceId("0123456789abcdef0123456789abcdef");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    private final TestTlsServer real = new TestTlsServer(TestCertificates.keystore("real"),
            InetAddress.getLoopbackAddress(), "real", event -> {
            });

    @AfterEach
    void stop() {
        real.close();
    }

    @Test
    void aHealthyApplianceThatMatchesThePinPassesEveryCheck() throws Exception {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", real.fingerprint());
        FakeApplianceBrowser browser = new FakeApplianceBrowser();
        browser.appear(discovered(real.port()));

        DiagnosticReport report = new DiscoveryDiagnostics(browser, pins, Duration.ZERO, TIMEOUT).run(Optional.empty());

        assertThat(report.multicastAnswersSeen()).isTrue();
        assertThat(report.tcpReachable()).isTrue();
        assertThat(report.tlsMatchesPin()).isTrue();
        assertThat(report.describe()).contains("matches the pin for \"Office\"");
    }

    @Test
    void aCertificateThatIsNotPinnedFailsTheTlsCheckNamingBothCodes() throws Exception {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", TestCertificates.fingerprint(TestCertificates.keystore("rogue")));
        FakeApplianceBrowser browser = new FakeApplianceBrowser();
        browser.appear(discovered(real.port()));

        DiagnosticReport report = new DiscoveryDiagnostics(browser, pins, Duration.ZERO, TIMEOUT).run(Optional.empty());

        assertThat(report.tls().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.tls().detail()).contains(real.fingerprint().shortCode(),
                TestCertificates.fingerprint(TestCertificates.keystore("rogue")).shortCode());
    }

    @Test
    void silenceOnTheNetworkIsReportedAsNoMulticastAnswersAndTheFallbackIsStillChecked() throws Exception {
        DiagnosticReport report;
        // A port bound but not listening refuses connections, and nothing else can take it meanwhile (a port
        // merely freed again was once taken by another test's listener running beside this one).
        try (Socket notListening = new Socket()) {
            notListening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LocatedAppliance typed = new LocatedAppliance(FoundBy.MANUAL, "127.0.0.1",
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), notListening.getLocalPort())),
                    Optional.empty(), Optional.empty());

            report = new DiscoveryDiagnostics(new FakeApplianceBrowser(), PinStore.open(dataDir),
                    Duration.ZERO, TIMEOUT).run(Optional.of(typed));
        }

        assertThat(report.multicast().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.multicast().detail()).contains("no multicast answers at all");
        assertThat(report.tcp().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.tls().outcome()).isEqualTo(Outcome.NOT_RUN);
    }

    @Test
    void otherDevicesAnsweringProvesMulticastWorksEvenWithoutAnAppliance() throws Exception {
        FakeApplianceBrowser browser = new FakeApplianceBrowser(Set.of("_ipp._tcp.local."));

        DiagnosticReport report = new DiscoveryDiagnostics(browser, PinStore.open(dataDir), Duration.ZERO, TIMEOUT)
                .run(Optional.empty());

        assertThat(report.multicastAnswersSeen()).isTrue();
        assertThat(report.multicast().detail()).contains("_ipp._tcp.local.", "no LAN Chat appliance");
        assertThat(report.tcp().outcome()).isEqualTo(Outcome.NOT_RUN);
    }

    @Test
    void anUnpinnedApplianceShowsItsCodeForComparison() throws Exception {
        FakeApplianceBrowser browser = new FakeApplianceBrowser();
        browser.appear(discovered(real.port()));

        DiagnosticReport report = new DiscoveryDiagnostics(browser, PinStore.open(dataDir), Duration.ZERO, TIMEOUT)
                .run(Optional.empty());

        assertThat(report.tls().outcome()).isEqualTo(Outcome.NOT_RUN);
        assertThat(report.tls().detail()).contains(real.fingerprint().shortCode(), "nothing is pinned yet");
    }

    private DiscoveredAppliance discovered(int port) {
        return new DiscoveredAppliance("Office", List.of(InetAddress.getLoopbackAddress()), port,
                Map.of("txtvers", "1"), OFFICE, real.fingerprint(), 1);
    }
}
