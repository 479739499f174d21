package org.lanchat.client.core.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.testing.FakeApplianceBrowser;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** What the directory makes of the appliances discovery reports: one entry per appliance, or per cluster. */
class LanApplianceDirectoryTest {
    private static final ApplianceId CLUSTER = new ApplianceId("c1".repeat(16));
    private static final CertificateFingerprint CLUSTER_FP = new CertificateFingerprint("ab".repeat(32));

    @TempDir
    Path dir;

    private static DiscoveredAppliance appliance(String name, String address, ApplianceId id, CertificateFingerprint fp)
            throws Exception {
        return new DiscoveredAppliance(name, List.of(InetAddress.getByName(address)), 7447, Map.of(), id, fp,
                Protocol.VERSION);
    }

    @Test
    void theMembersOfAClusterAreListedOnceAndEachConnectionAttemptTriesTheNextMember() throws Exception {
        FakeApplianceBrowser browser = new FakeApplianceBrowser();
        browser.appear(appliance("LAN Chat upstairs", "10.0.0.6", CLUSTER, CLUSTER_FP));
        browser.appear(appliance("LAN Chat downstairs", "10.0.0.7", CLUSTER, CLUSTER_FP));
        browser.appear(appliance("Front office", "10.0.0.9", ApplianceId.random(), new CertificateFingerprint("cd".repeat(32))));
        try (LanApplianceDirectory directory = new LanApplianceDirectory(Optional.of(browser), new LastGoodStore(dir.resolve("last")))) {
            List<ApplianceChoice> listed = directory.onNetwork();
            assertThat(listed).extracting(ApplianceChoice::name).containsExactly("LAN Chat upstairs", "Front office");

            Supplier<TrustTarget> where = directory.follow(listed.getFirst());
            List<String> tried = IntStream.range(0, 4).mapToObj(n -> where.get())
                    .map(target -> target.address().getAddress().getHostAddress()).toList();
            assertThat(tried).containsExactly("10.0.0.6", "10.0.0.7", "10.0.0.6", "10.0.0.7");

            browser.vanish(browser.appliances().getFirst()); // upstairs said goodbye
            assertThat(where.get().address()).isEqualTo(new InetSocketAddress("10.0.0.7", 7447));
            assertThat(directory.onNetwork()).extracting(ApplianceChoice::name).containsExactly("LAN Chat downstairs", "Front office");
        }
    }
}
