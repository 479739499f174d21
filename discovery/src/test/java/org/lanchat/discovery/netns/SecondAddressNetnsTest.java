package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.netns.PacketCapture.Packet;

/**
 * An advertised interface with a second IPv4 address is still one host on its link (PROTOCOL.md §1.3: one host
 * name per interface, with one A record): no second responder, host name or SRV record for the second address;
 * and when the advertised address goes away, a goodbye for its address record and the same names announced with
 * the remaining address (RFC 6762 §8.4, §10.1). Judged by tcpdump and dig on another host.
 */
@Tag("slow")
class SecondAddressNetnsTest {
    private static final String SECOND = NetnsLab.SUBNET_PREFIX + "11";
    private static NetnsLab lab;
    private static Host box;
    private static Host observer;

    @BeforeAll
    static void buildLab() {
        NetnsTools.require("dig", "tcpdump");
        lab = NetnsLab.create("second-address", 2);
        box = lab.host(1);
        observer = lab.host(2);
    }

    @AfterEach
    void restoreTheBoxsAddress() {
        lab.killChildren();
        lab.ip("-n", box.namespace(), "addr", "flush", "dev", box.interfaceName());
        lab.ip("-n", box.namespace(), "addr", "add", box.address() + "/24", "dev", box.interfaceName());
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Bounded observation: 2 s (six rescans) after the address is added, and 1.5 s after a query. */
    @Test
    void aSecondAddressOnTheAdvertisedInterfaceGetsNoSecondHostNameOrService() {
        try (PacketCapture capture = PacketCapture.start(lab, observer, "second-address")) {
            ChildJvm appliance = Children.advertiser(lab, box, "appliance", "Aliased", "real", List.of());
            String hostName = hostName(appliance);

            lab.ip("-n", box.namespace(), "addr", "add", SECOND + "/24", "dev", box.interfaceName());
            sleep(Duration.ofSeconds(2));
            long asked = System.currentTimeMillis();
            lab.runIn(observer, Duration.ofSeconds(20), "sh", "-c", "dig +time=1 +tries=1 @224.0.0.251 -p 5353 "
                    + "Aliased._lanchat._tcp.local SRV; dig +time=1 +tries=1 @224.0.0.251 -p 5353 _lanchat._tcp.local PTR;"
                    + " true");
            capture.await("an SRV answer from the advertised address", p -> p.source().equals(box.address())
                    && p.atMillis() >= asked && p.summary().contains(" SRV "), Duration.ofSeconds(5));
            sleep(Duration.ofMillis(1500));

            assertThat(capture.packets(p -> p.source().equals(SECOND))).as("packets from the second address"
                    + capture.dump()).isEmpty();
            assertThat(capture.packets(p -> p.source().equals(box.address()) && p.summary().contains(" SRV ")))
                    .as("every SRV record names the one host name" + capture.dump())
                    .allSatisfy(p -> assertThat(p.summary()).doesNotContainPattern("] SRV (?!" + Pattern.quote(hostName)
                            + "\\.)"));
            assertThat(appliance.event("advertising").get("responders")).isEqualTo(box.interfaceName() + "/"
                    + box.address() + "=Aliased");
            assertThat(appliance.find(e -> e.type().equals("responders"))).as("no change to the responders").isEmpty();
        }
    }

    @Test
    void removingTheAdvertisedAddressSaysGoodbyeForItAndAnnouncesTheSameNamesWithTheRemainingOne() {
        try (PacketCapture capture = PacketCapture.start(lab, observer, "renumbered")) {
            ChildJvm appliance = Children.advertiser(lab, box, "appliance", "Renumbered", "real", List.of());
            String hostName = hostName(appliance);
            lab.ip("-n", box.namespace(), "addr", "add", SECOND + "/24", "dev", box.interfaceName());
            sleep(Duration.ofSeconds(1));

            lab.ip("-n", box.namespace(), "addr", "del", box.address() + "/24", "dev", box.interfaceName());

            Packet goodbye = capture.await("a goodbye for the removed address's A record",
                    p -> p.source().equals(SECOND) && p.isMulticast() && p.isResponse()
                            && p.summary().matches(".*" + Pattern.quote(hostName) + "\\. (\\(Cache flush\\) )?\\[0s] A "
                            + Pattern.quote(box.address()) + "\\b.*"), Duration.ofSeconds(10));
            Packet announcement = capture.await("the same names announced with the remaining address",
                    p -> p.source().equals(SECOND) && p.isMulticast() && p.isResponse()
                            && p.summary().contains(" SRV ") && p.summary().contains("A " + SECOND), Duration.ofSeconds(10));
            assertThat(announcement.atMillis()).isGreaterThanOrEqualTo(goodbye.atMillis());
            assertThat(announcement.summary()).contains(hostName + ".").doesNotContain("[0s] SRV");
            appliance.await("responders", e -> e.get("list").equals(box.interfaceName() + "/" + SECOND + "=Renumbered"),
                    Duration.ofSeconds(10));

            DigReply srv = DigReply.parse(lab.runIn(observer, Duration.ofSeconds(15), "dig", "@" + SECOND, "-p", "5353",
                    "+time=2", "+tries=2", "Renumbered._lanchat._tcp.local", "SRV"));
            assertThat(srv.answers()).as(srv.output()).extracting(DigReply.Rr::data)
                    .containsExactly("0 0 " + srv.answers().getFirst().data().split(" ")[2] + " " + hostName + ".");
            assertThat(srv.additionals()).as(srv.output()).filteredOn(r -> r.type().equals("A"))
                    .extracting(DigReply.Rr::data).containsExactly(SECOND);
            assertThat(appliance.log()).as("no second responder").doesNotContain("responder up on "
                    + box.interfaceName() + "/" + SECOND);
        }
    }

    /**
     * A box that boots before its network: at start there is no address to advertise on (the appliance logs that it
     * will advertise once one is up); once the address comes, the names are announced there and the log says so, once.
     */
    @Test
    void anAddressThatComesAfterTheStartIsAnnouncedAndTheLogSaysSo() {
        lab.ip("-n", box.namespace(), "addr", "flush", "dev", box.interfaceName());
        try (PacketCapture capture = PacketCapture.start(lab, observer, "late-address")) {
            ChildJvm appliance = Children.advertiser(lab, box, "appliance", "Late riser", "real", List.of());
            assertThat(appliance.event("advertising").get("names")).as("nothing to advertise on at start").isEmpty();

            lab.ip("-n", box.namespace(), "addr", "add", box.address() + "/24", "dev", box.interfaceName());

            capture.await("the names announced on the address that came", p -> p.source().equals(box.address())
                    && p.isMulticast() && p.isResponse() && p.summary().contains("Late riser._lanchat._tcp.local"),
                    Duration.ofSeconds(10));
            String line = "Advertising \"Late riser\" as _lanchat._tcp.local. on " + box.interfaceName() + "/"
                    + box.address();
            Awaitility.await("the log line for the late interface").atMost(Duration.ofSeconds(10))
                    .until(() -> appliance.log().contains(line));
            sleep(Duration.ofSeconds(2)); // a few more interface scans: the line is not repeated
            assertThat(appliance.log().split(Pattern.quote(line), -1)).as("said once").hasSize(2);
        }
    }

    private static String hostName(ChildJvm appliance) {
        String hosts = appliance.event("advertising").get("hosts");
        return hosts.substring(hosts.indexOf('=') + 1);
    }

    private static void sleep(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
