package org.lanchat.discovery.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.testing.TestCertificates;
import org.lanchat.discovery.testing.TestTlsServer;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** Real TLS on loopback, port 0: a real appliance certificate and a rogue one. */
class TlsPinCheckTest {
    private static final ApplianceId OFFICE = new ApplianceId("0123456789abcdef0123456789abcdef");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private final TestTlsServer real = server("real");
    private final TestTlsServer rogue = server("rogue");

    @AfterEach
    void stopServers() {
        real.close();
        rogue.close();
    }

    @Test
    void firstContactPinsTheCertificateAndTheConnectionIsUsable() throws Exception {
        PinStore pins = PinStore.open(dataDir);

        try (PinnedConnection connection = new TlsPinCheck(pins, TIMEOUT).connect(target(real, Optional.of(real)))) {
            assertThat(connection.firstContact()).isTrue();
            assertThat(connection.fingerprint()).isEqualTo(real.fingerprint());
            assertThat(ping(connection)).isEqualTo("PONG real");
        }
        assertThat(pins.pinFor(OFFICE)).get().extracting(Pin::fingerprint).isEqualTo(real.fingerprint());
    }

    @Test
    void laterConnectionsToThePinnedApplianceAreTrusted() throws Exception {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", real.fingerprint());

        try (PinnedConnection connection = new TlsPinCheck(pins, TIMEOUT).connect(target(real, Optional.of(real)))) {
            assertThat(connection.decision()).isInstanceOf(PinDecision.Trusted.class);
        }
    }

    @Test
    void aRogueWithAnotherCertificateIsRefusedDuringTheHandshakeAndReceivesNothing() throws Exception {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", real.fingerprint());

        assertThatThrownBy(() -> new TlsPinCheck(pins, TIMEOUT).connect(target(rogue, Optional.of(rogue))))
                .isInstanceOfSatisfying(CertificateMismatchException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(CertificateMismatchException.Reason.NOT_THE_PINNED_CERTIFICATE);
                    assertThat(refused.getMessage()).contains(real.fingerprint().shortCode(),
                            rogue.fingerprint().shortCode());
                });
        assertThat(rogue.received()).isEmpty();
        assertThat(pins.pinFor(OFFICE)).get().extracting(Pin::fingerprint).isEqualTo(real.fingerprint());
    }

    @Test
    void aCertificateThatIsNotTheAdvertisedOneIsRefusedEvenOnFirstContact() throws Exception {
        PinStore pins = PinStore.open(dataDir);

        // The rogue copies the real appliance's whole advertisement, fingerprint included.
        assertThatThrownBy(() -> new TlsPinCheck(pins, TIMEOUT).connect(target(rogue, Optional.of(real))))
                .isInstanceOfSatisfying(CertificateMismatchException.class, refused -> {
                    assertThat(refused.reason())
                            .isEqualTo(CertificateMismatchException.Reason.NOT_THE_ADVERTISED_CERTIFICATE);
                    assertThat(refused.expected()).isEqualTo(real.fingerprint());
                    assertThat(refused.actual()).isEqualTo(rogue.fingerprint());
                });
        assertThat(pins.pins()).isEmpty();
        assertThat(rogue.received()).isEmpty();
    }

    @Test
    void aTypedAddressIsPinnedAndRecognisedByItsCertificate() throws Exception {
        PinStore pins = PinStore.open(dataDir);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), real.port());
        TlsPinCheck check = new TlsPinCheck(pins, TIMEOUT);

        check.connect(TrustTarget.manual(address)).close();
        try (PinnedConnection again = check.connect(TrustTarget.manual(address))) {
            assertThat(again.decision()).isInstanceOf(PinDecision.Trusted.class);
        }
    }

    @Test
    void fetchingTheFingerprintJudgesNothing() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), rogue.port());

        assertThat(TlsPinCheck.fetchFingerprint(address, TIMEOUT)).isEqualTo(rogue.fingerprint());
    }

    @Test
    void anUnreachablePortIsAnIoErrorNotAMismatch() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TrustTarget nowhere = TrustTarget.manual(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));

        assertThatThrownBy(() -> new TlsPinCheck(PinStore.open(dataDir), TIMEOUT).connect(nowhere))
                .isInstanceOf(IOException.class);
    }

    private static TestTlsServer server(String name) {
        return new TestTlsServer(TestCertificates.keystore(name), InetAddress.getLoopbackAddress(), name, event -> {
        });
    }

    private static TrustTarget target(TestTlsServer server, Optional<TestTlsServer> advertisedBy) {
        Optional<CertificateFingerprint> advertised = advertisedBy.map(TestTlsServer::fingerprint);
        return new TrustTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "Office",
                Optional.of(OFFICE), advertised);
    }

    private static String ping(PinnedConnection connection) throws IOException {
        OutputStream out = connection.socket().getOutputStream();
        out.write("PING\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return new BufferedReader(new InputStreamReader(connection.socket().getInputStream(), StandardCharsets.UTF_8))
                .readLine();
    }
}
