package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.netns.PacketCapture.Packet;

/**
 * RFC 6762 §8: after a link change a responder probes and announces again. The advertised interface is switched off
 * and on in one shell command, quicker than an interface scan (300 ms here), so the scan seldom sees it down, and its
 * addresses never look any different: the link's change counter shows it. Judged by tcpdump on another host of the
 * LAN.
 */
@Tag("slow")
class LinkChangeNetnsTest {
    private static NetnsLab lab;
    private static Host box;
    private static Host observer;

    @BeforeAll
    static void buildLab() {
        NetnsTools.require("tcpdump");
        lab = NetnsLab.create("link-change", 2);
        box = lab.host(1);
        observer = lab.host(2);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aLinkSwitchedOffAndOnAgainIsProbedAndAnnouncedAgainWithTheSameNames() {
        try (PacketCapture capture = PacketCapture.start(lab, observer, "link-change")) {
            Children.advertiser(lab, box, "appliance", "Flapped", "real", List.of());
            capture.await("the first announcement", this::announcement, Duration.ofSeconds(15));

            long flapped = System.currentTimeMillis();
            lab.runIn(box, Duration.ofSeconds(10), "sh", "-c", "ip link set dev " + box.interfaceName() + " down && ip link"
                    + " set dev " + box.interfaceName() + " up");

            Packet probe = capture.await("a probe after the link came back",
                    p -> p.atMillis() >= flapped && p.source().equals(box.address()) && p.isProbe(), Duration.ofSeconds(10));
            Packet announced = capture.await("the names announced again",
                    p -> p.atMillis() > probe.atMillis() && announcement(p), Duration.ofSeconds(10));
            assertThat(announced.summary()).as("the same names").contains("Flapped._lanchat._tcp.local");
            assertThat(probe.atMillis() - flapped).as("probing began within the scan interval (300 ms here) and its"
                    + " random delay").isLessThan(3000);
        }
    }

    private boolean announcement(Packet p) {
        return p.source().equals(box.address()) && p.isMulticast() && p.isResponse() && p.summary().contains(" SRV ");
    }
}
