package org.lanchat.client.core.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.discovery.locate.DiagnosticReport;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;
import org.lanchat.discovery.trust.PinStore;

/** The diagnostics the start window runs, without discovery, against the real appliance on loopback. */
class LanDiagnosticsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Test
    void withoutDiscoveryTheTypedApplianceIsStillCheckedAndMulticastIsNotBlamed() throws Exception {
        DiagnosticReport report = new LanDiagnostics(Optional.empty(), live.pins(), Duration.ZERO, TIMEOUT)
                .diagnose(Optional.of(live.choice()));

        assertThat(report.multicast().outcome()).isEqualTo(Outcome.NOT_RUN);
        assertThat(report.multicast().detail()).startsWith("discovery is off on this computer");
        assertThat(report.tcp().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.tls().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.tls().detail()).contains(live.appliance().fingerprint().shortCode());
    }

    @Test
    void aTypedAddressIsNamedOnceNotTwice() throws Exception {
        ApplianceChoice typed = ApplianceChoice.manual(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                live.appliance().port()));

        DiagnosticReport report = new LanDiagnostics(Optional.empty(), live.pins(), Duration.ZERO, TIMEOUT)
                .diagnose(Optional.of(typed));

        assertThat(report.tcp().detail()).isEqualTo("127.0.0.1:" + live.appliance().port() + " accepts connections");
    }

    @Test
    void aClosedPortFailsTheTcpCheckAndSkipsTheCertificate() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ApplianceChoice nothingThere = ApplianceChoice.manual(new InetSocketAddress(InetAddress.getLoopbackAddress(), closed));

        DiagnosticReport report = new LanDiagnostics(Optional.empty(), live.pins(), Duration.ZERO, TIMEOUT)
                .diagnose(Optional.of(nothingThere));

        assertThat(report.tcp().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.tcp().detail()).contains(":" + closed, "does not accept connections");
        assertThat(report.tls().outcome()).isEqualTo(Outcome.NOT_RUN);
    }

    @Test
    void onAComputerThatTrustsNothingYetTheCertificateIsAFirstContact() throws Exception {
        PinStore empty = PinStore.open(Files.createTempDirectory(live.dir(), "fresh"));

        DiagnosticReport report = new LanDiagnostics(Optional.empty(), empty, Duration.ZERO, TIMEOUT)
                .diagnose(Optional.of(live.choice()));

        assertThat(report.tcp().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.tls().outcome()).isEqualTo(Outcome.NOT_RUN);
        assertThat(report.tls().detail()).contains("nothing is pinned yet");
    }
}
