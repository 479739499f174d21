package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.testing.TestCertificates;

/**
 * Discovery over real multicast between network namespaces, against one appliance that stays up for the
 * whole class: "Office Chat" on host 1. Clients and other tools run on hosts 2 and 3; host 4 is for an
 * appliance whose network comes up late.
 */
@Tag("slow")
class DiscoveryNetnsTest {
    private static final String NAME = "Office Chat";
    private static NetnsLab lab;
    private static ChildJvm appliance;
    private static String port;

    @BeforeAll
    static void startAppliance() {
        lab = NetnsLab.create("discovery", 4);
        appliance = Children.advertiser(lab, lab.host(1), "appliance", NAME, "real", List.of());
        port = appliance.await("tls", Duration.ofSeconds(1)).get("port");
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aClientOnAnotherHostFindsTheApplianceWithinSecondsResolvedWithPortAndTxt() {
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");

        ChildEvent added = browser.await("added", event -> event.get("name").equals(NAME), Duration.ofSeconds(5));

        assertThat(added.get("addrs")).isEqualTo(lab.host(1).address());
        assertThat(added.get("port")).isEqualTo(port);
        assertThat(added.get("txt").split(";")).containsExactly("txtvers=1", "proto=1", "id=" + Children.OFFICE_ID,
                "fp=" + TestCertificates.fingerprint(TestCertificates.keystore("real")).hex());
    }

    @Test
    void aClientConnectsOverTlsPinsTheApplianceOnFirstContactAndTrustsItLater(@TempDir Path clientData) {
        String code = TestCertificates.fingerprint(TestCertificates.keystore("real")).shortCode();

        ChildJvm first = Children.connect(lab, lab.host(3), "client-first", clientData);
        assertThat(first.event("located").get("foundBy")).isEqualTo("DISCOVERY");
        assertThat(first.event("trusted").fields()).containsEntry("decision", "FirstContact")
                .containsEntry("code", code);
        assertThat(first.event("pong").get("reply")).isEqualTo("PONG " + NAME);

        ChildJvm second = Children.connect(lab, lab.host(3), "client-second", clientData);
        assertThat(second.event("trusted").get("decision")).isEqualTo("Trusted");
        assertThat(second.event("pong").get("reply")).isEqualTo("PONG " + NAME);
    }

    @Test
    void anApplianceWhoseInterfaceComesUpLaterIsAnnouncedThen() {
        Host late = lab.host(4);
        lab.ip("-n", late.namespace(), "link", "set", late.interfaceName(), "down");
        // Its own children, killed at the end: the other tests expect "Office Chat" alone on the LAN.
        try (ChildJvm appliance = Children.startAdvertiser(lab, late, "late-appliance", "Late start", "rogue",
                List.of()); ChildJvm browser = Children.browser(lab, lab.host(2), "late-browser")) {
            assertThat(appliance.await("advertising", Children.START_TIMEOUT).get("responders")).isEmpty();

            lab.ip("-n", late.namespace(), "link", "set", late.interfaceName(), "up");

            browser.await("added", e -> e.get("name").equals("Late start") && e.get("addrs").equals(late.address()),
                    Duration.ofSeconds(15));
            assertThat(appliance.log()).contains("no usable interface");
        }
    }

    /**
     * Avahi (browsing over multicast, resolving SRV and TXT) and dig (querying the responder's port 5353
     * directly, which shows the TXT strings in wire order) are independent DNS-SD implementations.
     */
    @Test
    void independentImplementationsSeeTheServiceTypePortAndTxt(@TempDir Path work) throws Exception {
        NetnsTools.require("avahi-daemon", "avahi-browse", "dbus-daemon", "dig");
        Host other = lab.host(2);
        String fingerprint = TestCertificates.fingerprint(TestCertificates.keystore("real")).hex();

        String avahi = lab.runIn(other, Duration.ofSeconds(30), "sh", NetnsTools.script("avahi-browse.sh").toString(),
                work.toString(), other.interfaceName(), "_lanchat._tcp");
        String resolved = Arrays.stream(avahi.split("\n")).filter(line -> line.startsWith("=;"))
                .findFirst().orElseThrow(() -> new AssertionError("avahi-browse resolved nothing:\n" + avahi));
        // =;iface;IPv4;name;type;domain;host;address;port;"txt" "txt" ...
        String[] fields = resolved.split(";", 10);
        assertThat(fields[3]).isEqualTo("Office\\032Chat");
        assertThat(fields[4]).isEqualTo("_lanchat._tcp");
        assertThat(fields[7]).isEqualTo(lab.host(1).address());
        assertThat(fields[8]).isEqualTo(port);
        assertThat(fields[9].split(" ")).containsExactlyInAnyOrder("\"txtvers=1\"", "\"proto=1\"",
                "\"id=" + Children.OFFICE_ID + "\"", "\"fp=" + fingerprint + "\"");

        String txt = lab.runIn(other, Duration.ofSeconds(15), "dig", "@" + lab.host(1).address(), "-p", "5353",
                "+time=3", "+tries=2", "+noall", "+answer", "Office\\032Chat._lanchat._tcp.local", "TXT");
        assertThat(txt).contains("\"txtvers=1\" \"proto=1\" \"id=" + Children.OFFICE_ID + "\" \"fp=" + fingerprint
                + "\"");
        String srv = lab.runIn(other, Duration.ofSeconds(15), "dig", "@" + lab.host(1).address(), "-p", "5353",
                "+time=3", "+tries=2", "+noall", "+answer", "Office\\032Chat._lanchat._tcp.local", "SRV");
        assertThat(srv).containsPattern("SRV\\s+0 0 " + port + " ");
    }
}
