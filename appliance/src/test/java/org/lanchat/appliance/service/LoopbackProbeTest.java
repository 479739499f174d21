package org.lanchat.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The watchdog's end-to-end probe against a real appliance, and against listeners that do not answer. */
class LoopbackProbeTest {
    @TempDir
    Path dir;

    @Test
    void aRunningApplianceAnswersTheProbe() {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            LoopbackProbe probe = new LoopbackProbe("127.0.0.1", running.port(), running.fingerprint(), Duration.ofSeconds(5));
            assertThat(probe.problem()).isEmpty();
        }
    }

    @Test
    void aListenerWithAnotherCertificateFailsTheProbe() {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            CertificateFingerprint other = new CertificateFingerprint("00".repeat(32));
            LoopbackProbe probe = new LoopbackProbe(null, running.port(), other, Duration.ofSeconds(5));
            assertThat(probe.problem()).hasValueSatisfying(p -> assertThat(p).contains("127.0.0.1:" + running.port()));
        }
    }

    @Test
    void aListenerThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (java.io.IOException ignored) {
                    // closed at the end of the test
                }
            });
            long start = System.nanoTime();
            LoopbackProbe probe = new LoopbackProbe("127.0.0.1", silent.getLocalPort(), null, Duration.ofSeconds(1));
            assertThat(probe.problem()).hasValueSatisfying(p -> assertThat(p).contains("did not answer a hello within 1 s"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void wildcardBindAddressesAreProbedOnLoopback() {
        assertThat(LoopbackProbe.probeHost(null)).isEqualTo("127.0.0.1");
        assertThat(LoopbackProbe.probeHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(LoopbackProbe.probeHost("::")).isEqualTo("::1");
        assertThat(LoopbackProbe.probeHost("192.0.2.7")).isEqualTo("192.0.2.7");
    }
}
