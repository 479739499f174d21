package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.testing.TestCertificates;

/**
 * An appliance on a box with two networks (a wired office LAN and a second segment) is found on both,
 * and on each only with the address that network can reach: one responder per interface, each
 * answering with its own address. A single responder would hand one network the other's unreachable address.
 */
@Tag("slow")
class MultiHomedNetnsTest {

    @Test
    void eachNetworkFindsTheApplianceAtItsOwnAddressOnly() {
        try (NetnsLab lab = NetnsLab.create("multihomed", 2)) {
            Host box = lab.host(1);
            List<Host> second = lab.addSecondSegment(box);
            Host boxOnSecond = second.get(0);
            Host neighbour = second.get(1);
            String fp = TestCertificates.fingerprint(TestCertificates.keystore("real")).hex();

            ChildJvm appliance = lab.startJava(box, "appliance", AdvertiserMain.class, List.of(),
                    "--name", "Two Networks", "--id", Children.OFFICE_ID,
                    "--keystore", TestCertificates.keystore("real").toString(),
                    "--interfaces", box.interfaceName() + "," + boxOnSecond.interfaceName(), "--rescan-ms", "300");
            assertThat(appliance.await("advertising", Children.START_TIMEOUT).get("responders"))
                    .contains(box.interfaceName() + "/" + box.address(),
                            boxOnSecond.interfaceName() + "/" + boxOnSecond.address());

            ChildJvm onFirst = Children.browser(lab, lab.host(2), "browser-first");
            ChildJvm onSecond = Children.browser(lab, neighbour, "browser-second");

            ChildEvent first = onFirst.await("added", e -> e.get("name").equals("Two Networks"), Duration.ofSeconds(10));
            ChildEvent other = onSecond.await("added", e -> e.get("name").equals("Two Networks"), Duration.ofSeconds(10));
            assertThat(first.get("addrs")).isEqualTo(box.address());
            assertThat(other.get("addrs")).isEqualTo(boxOnSecond.address());
            assertThat(first.get("fp")).isEqualTo(fp);
            assertThat(other.get("fp")).isEqualTo(fp);
        }
    }
}
