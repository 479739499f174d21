package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.netns.PacketCapture.Packet;

/**
 * Programs on the appliance's own machine are heard like any other host (RFC 6762 §15), though they send from the
 * same address: a browser finds the appliance, and a second appliance beside it defers to its name. Before, the
 * appliance took every packet from its own address for its own looped back, and ignored them all.
 */
@Tag("slow")
class SameHostNetnsTest {
    private static final String OTHER_ID = "fedcba9876543210fedcba9876543210";
    private static NetnsLab lab;

    @BeforeAll
    static void buildLab() {
        lab = NetnsLab.create("samehost", 2);
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
    void aBrowserStartedOnTheAppliancesMachineAfterItsAnnouncementsFindsIt() {
        ChildJvm appliance = Children.advertiser(lab, lab.host(1), "appliance", "Front desk", "real", List.of());
        assertThat(appliance.event("advertising").get("names")).isEqualTo("Front desk");

        // Started once both announcements are out: only an answer to its own queries can tell it of the appliance.
        await().atMost(Duration.ofSeconds(10)).until(() -> appliance.log().contains("announced a second time"));
        ChildJvm browser = Children.browser(lab, lab.host(1), "browser");

        ChildEvent found = browser.await("added", e -> e.get("name").equals("Front desk"), Duration.ofSeconds(10));
        assertThat(found.get("addrs")).isEqualTo(lab.host(1).address());
    }

    /**
     * The second appliance's probe meets the first's answer, from the same address, and it renames as it would for
     * another host's. The host name they share is no conflict: its address record is the same for both (§9).
     */
    @Test
    void aSecondApplianceOnTheSameMachineWithTheSameNameBecomesName2AndBothAreFound() {
        Host box = lab.host(1);
        ChildJvm first = Children.advertiser(lab, box, "first", "Same Box", "real", List.of());
        ChildJvm second = Children.startAdvertiser(lab, box, "second", "Same Box", "rogue", List.of(), "--id", OTHER_ID);

        ChildEvent secondAdvertising = second.await("advertising", Children.START_TIMEOUT);
        assertThat(first.event("advertising").get("names")).isEqualTo("Same Box");
        assertThat(secondAdvertising.get("names")).isEqualTo("Same Box (2)");
        assertThat(secondAdvertising.get("hosts")).as("the shared host name is kept by both")
                .isEqualTo(first.event("advertising").get("hosts"));
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");
        ChildEvent one = browser.await("added", e -> e.get("name").equals("Same Box"), Duration.ofSeconds(10));
        ChildEvent two = browser.await("added", e -> e.get("name").equals("Same Box (2)"), Duration.ofSeconds(10));
        assertThat(one.get("addrs")).isEqualTo(box.address());
        assertThat(two.get("addrs")).isEqualTo(box.address());
        assertThat(first.log()).doesNotContain("already has");
    }

    /** Avahi publishing the name on the appliance's machine was there first: the appliance defers to it. */
    @Test
    void anApplianceStartedWhereAvahiAlreadyPublishesItsNameBecomesName2() throws Exception {
        NetnsTools.require("avahi-daemon", "avahi-publish", "dbus-daemon");
        Host box = lab.host(1);
        try {
            ChildJvm avahi = MdnsConformanceContract.startAvahi(lab, box, List.of(box.interfaceName()), "avahi-box",
                    "avahi", "7447", "txtvers=1");
            avahi.await("established", Duration.ofSeconds(30));

            ChildJvm appliance = Children.advertiser(lab, box, "appliance", MdnsConformanceContract.NAME, "real",
                    List.of());
            assertThat(appliance.event("advertising").get("names")).isEqualTo(MdnsConformanceContract.NAME + " (2)");
            assertThat(avahi.find(e -> e.type().equals("collision"))).as("Avahi kept its name").isEmpty();
        } finally {
            lab.killEverythingIn(box); // avahi-daemon outlives avahi-publish's child
        }
    }

    /**
     * When one of two appliances on a machine stops, its goodbye (TTL 0) covers the host name's address record the
     * other still publishes; the survivor announces it again within the second caches give it (§10.1), and stays
     * resolvable. Judged by tcpdump on the other host.
     */
    @Test
    void whenOneOfTwoAppliancesOnTheSameMachineStopsTheOtherAnnouncesTheSharedHostNameAgain() {
        NetnsTools.require("tcpdump");
        Host box = lab.host(1);
        ChildJvm first = Children.advertiser(lab, box, "first", "Shared Host", "real", List.of());
        ChildJvm second = Children.advertiser(lab, box, "second", "Shared Host", "rogue", List.of(), "--id", OTHER_ID);
        assertThat(second.event("advertising").get("names")).isEqualTo("Shared Host (2)");
        String hostName = second.event("advertising").get("hosts").split("=")[1];
        Pattern addressRecord = Pattern.compile(".*" + Pattern.quote(hostName) + "\\. (\\(Cache flush\\) )?\\[(\\w+)] A "
                + Pattern.quote(box.address()) + ".*");

        try (PacketCapture capture = PacketCapture.start(lab, lab.host(2), "same-host-goodbye")) {
            // After the second announcements, so the once-a-second limit does not hold the answer back.
            await().atMost(Duration.ofSeconds(10)).until(() -> first.log().contains("announced a second time")
                    && second.log().contains("announced a second time"));
            first.send("stop");
            first.await("closed", Duration.ofSeconds(10));
            Packet goodbye = capture.await("the stopped appliance's goodbye", p -> p.source().equals(box.address())
                    && p.isResponse() && p.summary().matches(".*\\[0s] PTR Shared Host\\._lanchat.*")
                    && addressRecord.matcher(p.summary()).matches() && p.summary().contains("[0s] A "),
                    Duration.ofSeconds(5));

            Packet again = capture.await("the survivor's address record announced again",
                    p -> p.source().equals(box.address()) && p.isMulticast() && p.isResponse()
                            && p.atMillis() >= goodbye.atMillis() && !p.summary().contains("[0s]")
                            && addressRecord.matcher(p.summary()).matches(), Duration.ofSeconds(5));
            assertThat(again.atMillis() - goodbye.atMillis()).as("ms from the goodbye to the announcement"
                    + capture.dump()).isLessThan(1000);
        }
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");
        ChildEvent found = browser.await("added", e -> e.get("name").equals("Shared Host (2)"), Duration.ofSeconds(10));
        assertThat(found.get("addrs")).isEqualTo(box.address());
    }
}
