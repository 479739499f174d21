package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.testing.TestCertificates;

/** Two advertisers claiming the same name: an honest second appliance, and a rogue. */
@Tag("slow")
class ApplianceConflictNetnsTest {
    private static NetnsLab lab;

    @BeforeAll
    static void buildLab() {
        lab = NetnsLab.create("conflict", 3);
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
    void twoAppliancesWithTheSameNameAreBothListedUnderDistinctNames() {
        ChildJvm first = Children.advertiser(lab, lab.host(1), "first", "Front desk", "real", List.of());
        ChildJvm second = Children.startAdvertiser(lab, lab.host(2), "second", "Front desk", "rogue", List.of(),
                "--id", "fedcba9876543210fedcba9876543210");
        ChildJvm browser = Children.browser(lab, lab.host(3), "browser");

        assertThat(first.event("advertising").get("names")).isEqualTo("Front desk");
        assertThat(second.await("advertising", Children.START_TIMEOUT).get("names")).isEqualTo("Front desk (2)");
        assertThat(second.log()).contains("already advertises \"Front desk\"", "advertised there as \"Front desk (2)\"");
        ChildEvent one = browser.await("added", e -> e.get("name").equals("Front desk"), Duration.ofSeconds(10));
        ChildEvent two = browser.await("added", e -> e.get("name").equals("Front desk (2)"), Duration.ofSeconds(10));
        assertThat(one.get("addrs")).isEqualTo(lab.host(1).address());
        assertThat(two.get("addrs")).isEqualTo(lab.host(2).address());
    }

    /**
     * A link down long enough for the appliance to stop advertising on it comes back under the name it won after a
     * conflict, as Avahi's does: before, it first probed for the name the other appliance holds and lost again.
     */
    @Test
    void aNameWonAfterAConflictIsKeptWhenTheLinkComesBack() {
        NetnsTools.require("tcpdump");
        NetnsLab.Host secondHost = lab.host(2);
        Children.advertiser(lab, lab.host(1), "first", "Reception", "real", List.of());
        ChildJvm second = Children.startAdvertiser(lab, secondHost, "second", "Reception", "rogue", List.of(),
                "--id", "fedcba9876543210fedcba9876543210");
        assertThat(second.await("advertising", Children.START_TIMEOUT).get("names")).isEqualTo("Reception (2)");

        try (PacketCapture capture = PacketCapture.start(lab, lab.host(3), "kept-name")) {
            // Down for 2 s: longer than the advertiser's interface scans (300 ms here), so its responder closes.
            lab.runIn(secondHost, Duration.ofSeconds(10), "sh", "-c", "ip link set dev " + secondHost.interfaceName()
                    + " down && sleep 2 && ip link set dev " + secondHost.interfaceName() + " up");
            long back = System.currentTimeMillis();
            capture.await("the names announced again", p -> p.atMillis() >= back && p.source().equals(secondHost.address())
                    && p.isMulticast() && p.isResponse() && p.summary().contains(" SRV "), Duration.ofSeconds(15));

            List<PacketCapture.Packet> probes = capture.packets(p -> p.source().equals(secondHost.address()) && p.isProbe());
            assertThat(probes).as(capture.dump()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.summary()).doesNotContain(" Reception._lanchat._tcp.local."));
        }
        assertThat(second.await("responders", e -> e.get("names").equals("Reception (2)"), Duration.ofSeconds(10)))
                .as("still advertised as the name it won").isNotNull();
    }

    /**
     * The rogue copies the real appliance's name and id and serves its own certificate. A client that pinned
     * the real appliance refuses it during the TLS handshake, so the rogue never receives a byte of
     * application data: no password.
     */
    @Test
    void aRogueWithTheSameNameAndAnotherCertificateIsRefusedByAClientThatPinnedTheRealOne(@TempDir Path client) {
        String realCode = TestCertificates.fingerprint(TestCertificates.keystore("real")).shortCode();
        String rogueCode = TestCertificates.fingerprint(TestCertificates.keystore("rogue")).shortCode();
        ChildJvm real = Children.startAdvertiser(lab, lab.host(1), "real", "Office", "real", List.of());
        ChildJvm firstContact = Children.connect(lab, lab.host(3), "client-pins", client);
        assertThat(firstContact.event("trusted").get("code")).isEqualTo(realCode);
        real.await("advertising", Children.START_TIMEOUT);
        // The real appliance is switched off; the rogue takes over its name.
        real.kill();

        ChildJvm rogue = Children.advertiser(lab, lab.host(2), "rogue", "Office", "rogue", List.of());
        assertThat(rogue.event("advertising").get("names")).isEqualTo("Office");
        ChildJvm victim = Children.connect(lab, lab.host(3), "client-refuses", client);

        ChildEvent refused = victim.event("refused");
        assertThat(refused.get("reason")).isEqualTo("NOT_THE_PINNED_CERTIFICATE");
        assertThat(refused.get("expected")).isEqualTo(realCode);
        assertThat(refused.get("actual")).isEqualTo(rogueCode);
        assertThat(refused.get("message")).contains(realCode, rogueCode, "no password was sent");
        assertThat(victim.find(e -> e.type().equals("pong"))).isEmpty();
        // The rogue's side of that connection has ended in the failed handshake; only then is "nothing
        // received" a finding rather than a race.
        rogue.await("failed", Duration.ofSeconds(10));
        assertThat(rogue.find(e -> e.type().equals("received"))).isEmpty();
    }
}
