package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;

/**
 * A device that claims the appliance's host name with its own address, while the appliance's publisher is not
 * announcing its address record (Avahi probes again after such a claim and answers for its services meanwhile),
 * is never listed as the appliance: the client asks it directly whether it answers for the service, and it does
 * not. The appliance is listed, with its own address only, once its address record comes.
 */
@Tag("slow")
class HostNameClaimNetnsTest {
    private static final String NAME = "Claimed";
    private static final String HOST_LABEL = "box-claimed";

    @Test
    void aDeviceClaimingTheHostNameIsNotListedWhileTheApplianceProbesAgain() {
        try (NetnsLab lab = NetnsLab.create("host-name-claim", 3)) {
            Host box = lab.host(1);
            Host rogueHost = lab.host(2);
            ChildJvm browser = Children.browser(lab, lab.host(3), "browser");
            ChildJvm rogue = lab.startJava(rogueHost, "rogue", RogueAnnouncerMain.class, List.of(), "--interface",
                    rogueHost.interfaceName(), "--host", HOST_LABEL, "--address", rogueHost.address(), "--times", "3");
            ChildJvm services = publisher(lab, box, false);
            rogue.awaitExit(Duration.ofSeconds(30));
            services.awaitExit(Duration.ofSeconds(30));

            // Bounded observation: the service records and the rogue's address record are both cached; for 3 s
            // the client lists nothing under the appliance's name.
            try {
                Awaitility.await("3 s of the client's list").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> listings(browser).isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                assertThat(listings(browser)).as("the client's events for " + NAME + " before its address came")
                        .isEmpty();
            }

            publisher(lab, box, true).awaitExit(Duration.ofSeconds(30));
            ChildEvent added = browser.await("added", e -> e.get("name").equals(NAME), Duration.ofSeconds(15));
            assertThat(added.get("addrs")).as("the first listing of " + NAME).isEqualTo(box.address());
            assertThat(listings(browser)).allSatisfy(e -> assertThat(e.get("addrs")).isEqualTo(box.address()));
        }
    }

    private static List<ChildEvent> listings(ChildJvm browser) {
        return browser.events().stream().filter(e -> e.type().matches("added|updated"))
                .filter(e -> NAME.equals(e.get("name"))).toList();
    }

    private static ChildJvm publisher(NetnsLab lab, Host box, boolean withAddress) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--interface", box.interfaceName(), "--address",
                box.address(), "--host", HOST_LABEL, "--instance", NAME, "--port", "7447", "--times", "3"));
        if (withAddress) {
            arguments.add("--with-address");
        }
        return lab.startJava(box, withAddress ? "publisher-with-address" : "publisher", ProbingPublisherMain.class,
                List.of(), arguments.toArray(String[]::new));
    }
}
