package org.lanchat.discovery.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.testing.FakeApplianceBrowser;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The fallback chain, with a fake browser and loopback ports standing in for appliances. */
class ApplianceLocatorTest {
    private static final ApplianceId OFFICE = new ApplianceId("0123456789abcdef0123456789abcdef");
    private static final ApplianceId LAB = new ApplianceId("fedcba9876543210fedcba9876543210");
    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dataDir;

    private final FakeApplianceBrowser browser = new FakeApplianceBrowser();
    private final ServerSocket listening = listen();

    @AfterEach
    void close() throws IOException {
        listening.close();
    }

    @Test
    void anApplianceThatAnswersOnTheLanIsFoundByDiscovery() throws Exception {
        browser.appear(appliance("Office", OFFICE, "192.168.1.20"));

        LocateResult result = locator(Optional.empty()).locate();

        assertThat(result.appliance()).get().satisfies(found -> {
            assertThat(found.foundBy()).isEqualTo(FoundBy.DISCOVERY);
            assertThat(found.applianceId()).contains(OFFICE);
            assertThat(found.advertised()).isPresent();
            assertThat(found.describe()).isEqualTo("found on the network: \"Office\" at 192.168.1.20:7447");
        });
    }

    @Test
    void amongSeveralTheOneThatWorkedLastTimeIsPreferred() throws Exception {
        browser.appear(appliance("Lab", LAB, "192.168.1.30"));
        browser.appear(appliance("Office", OFFICE, "192.168.1.20"));
        new LastGoodStore(dataDir).save(new LastGoodAppliance(Optional.of(OFFICE), "Office",
                new HostPort("192.168.1.20", 7447)));

        assertThat(locator(Optional.empty()).locate().appliance()).get()
                .extracting(LocatedAppliance::name).isEqualTo("Office");
    }

    @Test
    void whenNothingAnswersTheLastApplianceThatWorkedIsUsedIfReachable() throws Exception {
        ApplianceLocator locator = locator(Optional.of(new HostPort("127.0.0.1", 1)));
        locator.rememberWorking(new LocatedAppliance(FoundBy.DISCOVERY, "Office", List.of(loopback(listening)),
                Optional.of(OFFICE), Optional.empty()), loopback(listening));

        LocateResult result = locator.locate();

        assertThat(result.appliance()).get().satisfies(found -> {
            assertThat(found.foundBy()).isEqualTo(FoundBy.CACHED);
            assertThat(found.applianceId()).contains(OFFICE);
            assertThat(found.describe()).startsWith("nothing answered on the network; using the last appliance");
        });
        assertThat(result.attempts().getFirst()).startsWith("discovery: no appliance answered");
    }

    @Test
    void whenTheCachedOneIsUnreachableTheTypedAddressIsUsed() throws Exception {
        new LastGoodStore(dataDir).save(new LastGoodAppliance(Optional.of(OFFICE), "Office",
                new HostPort("127.0.0.1", closedPort())));

        LocateResult result = locator(Optional.of(new HostPort("127.0.0.1", listening.getLocalPort()))).locate();

        assertThat(result.appliance()).get().extracting(LocatedAppliance::foundBy).isEqualTo(FoundBy.MANUAL);
        assertThat(result.appliance().get().applianceId()).isEmpty();
        assertThat(result.attempts()).anyMatch(line -> line.startsWith("last appliance that worked")
                && line.contains("is not reachable"));
    }

    @Test
    void whenNothingWorksEveryAttemptIsExplained() throws Exception {
        LocateResult result = locator(Optional.of(new HostPort("127.0.0.1", closedPort()))).locate();

        assertThat(result.appliance()).isEmpty();
        assertThat(result.attempts()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("discovery: no appliance answered within 200 ms");
            assertThat(lines.get(1)).isEqualTo("last appliance that worked: none yet");
            assertThat(lines.get(2)).startsWith("address you gave 127.0.0.1:").contains("is not reachable");
        });
    }

    private ApplianceLocator locator(Optional<HostPort> manual) {
        return new ApplianceLocator(browser, new LastGoodStore(dataDir), manual, SHORT, Duration.ofSeconds(2));
    }

    static DiscoveredAppliance appliance(String name, ApplianceId id, String address) {
        try {
            return new DiscoveredAppliance(name, List.of(InetAddress.getByName(address)), 7447, Map.of("txtvers", "1"),
                    id, new CertificateFingerprint("ab".repeat(32)), 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetSocketAddress loopback(ServerSocket socket) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
