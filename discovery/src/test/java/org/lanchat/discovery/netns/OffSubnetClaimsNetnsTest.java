package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;

/**
 * A device on the appliance's wire whose address is on no subnet of the appliance's (it fell back to 169.254/16, or a
 * second subnet shares the wire) is not answered, but it cannot take the appliance's names either: RFC 6762 §11 counts
 * whatever is multicast to the group as on the link, and Avahi believed such a device's claims, so browsers went to
 * its address. Its probes for the names are answered and its announcements of them contested, as a neighbour's are.
 *
 * <pre>
 *   box:      lan1 10.77.0.1, advertising
 *   stranger: lan2 on the same bridge, with 10.214.0.5/24 only
 * </pre>
 */
@Tag("slow")
class OffSubnetClaimsNetnsTest {
    private static final String STRANGER_ADDRESS = "10.214.0.5";
    private static NetnsLab lab;
    private static Host box;
    private static Host stranger;

    @BeforeAll
    static void buildLab() {
        lab = NetnsLab.create("off-subnet", 2);
        box = lab.host(1);
        Host onLink = lab.host(2);
        lab.ip("-n", onLink.namespace(), "addr", "flush", "dev", onLink.interfaceName());
        lab.ip("-n", onLink.namespace(), "addr", "add", STRANGER_ADDRESS + "/24", "dev", onLink.interfaceName());
        stranger = new Host(onLink.namespace(), onLink.interfaceName(), STRANGER_ADDRESS);
    }

    @AfterEach
    void killChildren() {
        lab.killChildren();
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSecondApplianceWithTheSameNameFromAnotherSubnetOnTheWireIsToldTheNameIsTaken() {
        ChildJvm first = Children.advertiser(lab, box, "first", "Host Test", "real", List.of());
        ChildJvm second = Children.startAdvertiser(lab, stranger, "second", "Host Test", "rogue", List.of(),
                "--id", "fedcba9876543210fedcba9876543210");

        assertThat(second.await("advertising", Children.START_TIMEOUT).get("names")).as(second.log())
                .isEqualTo("Host Test (2)");
        assertThat(first.events()).as("the box kept its name").noneMatch(e -> e.type().equals("responders")
                && !e.get("names").equals("Host Test"));
    }

    @Test
    void aStrangerAnnouncingTheBoxsHostNameWithItsOwnAddressIsContested() {
        ChildJvm appliance = Children.advertiser(lab, box, "appliance", "Contested", "real", List.of());
        String hostName = Arrays.stream(appliance.event("advertising").get("hosts").split(","))
                .filter(h -> h.startsWith(box.interfaceName() + "=")).findFirst()
                .map(h -> h.substring(h.indexOf('=') + 1)).orElseThrow();
        String hostLabel = hostName.substring(0, hostName.indexOf('.'));

        lab.startJava(stranger, "claimer", RogueAnnouncerMain.class, List.of(), "--interface", stranger.interfaceName(),
                "--host", hostLabel, "--address", STRANGER_ADDRESS, "--times", "1").awaitExit(Duration.ofSeconds(30));

        await("the box contests the claim").atMost(Duration.ofSeconds(10))
                .until(() -> appliance.log().contains(STRANGER_ADDRESS + " contradicts our records"));
    }
}
