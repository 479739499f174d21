package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.netns.PacketCapture.Packet;
import org.lanchat.discovery.netns.Pcap.Datagram;

/**
 * What a client's browser sends on the wire, captured with tcpdump: it keeps asking (RFC 6762 §5.2), and it answers
 * nothing that is not about its own name (§6). Both were found by an outside tester comparing it with Avahi: after an
 * appliance's goodbye the browser asked nothing more, so an appliance back on a new address whose announcements were
 * missed was never found; and every lookup of any {@code .local} name had every client answer with its address.
 */
@Tag("slow")
class BrowserOnTheWireNetnsTest {
    private NetnsLab lab;

    @BeforeEach
    void createLab() {
        NetnsTools.require("tcpdump", "dig");
        lab = NetnsLab.create("browser-wire", 2);
    }

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static boolean asksForAppliances(Packet packet, Host from) {
        return packet.source().equals(from.address()) && !packet.isResponse()
                && packet.summary().contains("PTR (QM)? _lanchat._tcp.local.");
    }

    private static boolean isAnnouncement(Packet packet, Host from) {
        return packet.source().equals(from.address()) && packet.isResponse() && packet.isMulticast()
                && packet.summary().contains("-browser.local.") && packet.summary().contains(" A ");
    }

    private void ask(Host from, String name) {
        lab.runIn(from, Duration.ofSeconds(15), "sh", "-c", "dig -b " + from.address() + "#5353 -p 5353 @224.0.0.251 "
                + name + " A +tries=1 +time=2 +notcp; true");
    }

    // "try": the browser runs for the body without being used; javac 22+ no longer exempts the name "ignored".
    @Test
    @SuppressWarnings("try")
    void aBrowserWithNothingToFindKeepsAskingAtIntervalsThatDouble() {
        Host client = lab.host(1);
        try (PacketCapture capture = PacketCapture.start(lab, client, "keeps-asking");
             ChildJvm browser = Children.browser(lab, client, "browser")) {
            Packet first = capture.await("the browser's first question", p -> asksForAppliances(p, client),
                    Duration.ofSeconds(10));
            // JmDNS's own questions come in its first half second; ours after 1 s, 3 s, 7 s...
            Packet later = capture.await("a question asked seconds after the first",
                    p -> asksForAppliances(p, client) && p.atMillis() - first.atMillis() >= 2500, Duration.ofSeconds(15));
            assertThat(later.atMillis() - first.atMillis()).as(capture.dump()).isLessThan(6000);
        }
    }

    @Test
    @SuppressWarnings("try")
    void aBrowserAnswersAQuestionAboutItsOwnNameAndNoneAboutAnother() {
        Host client = lab.host(1);
        Host neighbour = lab.host(2);
        try (PacketCapture capture = PacketCapture.start(lab, client, "answers-own-name");
             ChildJvm browser = Children.browser(lab, client, "browser")) {
            Packet announced = capture.await("the browser's host name announced", p -> isAnnouncement(p, client),
                    Duration.ofSeconds(10));
            String ownName = announced.summary().replaceAll(".*?([a-z0-9-]+-browser\\.local)\\..*", "$1");
            // JmDNS announces twice, a second apart: what comes after that is an answer.
            await("the second announcement").atMost(Duration.ofSeconds(10))
                    .until(() -> capture.packets(p -> isAnnouncement(p, client)).size() >= 2);

            // Questions from port 5353, as a responder asks them (§5.2); dig waits two seconds for an answer.
            long printerAskedAt = System.currentTimeMillis();
            ask(neighbour, "printer.local");
            long ownNameAskedAt = System.currentTimeMillis();
            ask(neighbour, ownName);

            capture.await("the answer about its own name", p -> p.source().equals(client.address()) && p.isResponse()
                    && p.atMillis() >= ownNameAskedAt && p.summary().contains(ownName), Duration.ofSeconds(10));
            assertThat(capture.packets(p -> p.source().equals(client.address()) && p.isResponse()
                    && p.atMillis() >= printerAskedAt && p.atMillis() < ownNameAskedAt))
                    .as("answers to the question about printer.local" + capture.dump()).isEmpty();
        }
    }

    /**
     * An instance name may hold dots (RFC 6763 §4.3), and the README promises that an appliance's may: the browser's
     * known answers (RFC 6762 §7.1) name it as the one label the appliance sent. Written as two labels, the answer
     * named no record the appliance has, so every question had the appliance answer in full.
     */
    @Test
    @SuppressWarnings("try")
    void aKnownAnswerNamesAnInstanceWithDotsAsOneLabel() {
        String name = "Büro Chat Zürich – 2. Stock";
        Host appliance = lab.host(1);
        Host client = lab.host(2);
        try (ChildJvm advertiser = Children.advertiser(lab, appliance, "dotted", name, "real", List.of());
             PacketCapture capture = PacketCapture.start(lab, client, "dotted-known-answer");
             ChildJvm browser = Children.browser(lab, client, "browser")) {
            browser.await("added", event -> event.get("name").equals(name), Duration.ofSeconds(15));

            Datagram question = capture.awaitDatagram("a question listing the appliance as a known answer",
                    d -> d.source().equals(client.address()) && !d.message().isResponse()
                            && d.message().answers().stream().anyMatch(BrowserOnTheWireNetnsTest::pointsToAnAppliance),
                    Duration.ofSeconds(15));
            DnsName knownAnswer = question.message().answers().stream()
                    .filter(BrowserOnTheWireNetnsTest::pointsToAnAppliance)
                    .map(record -> ((DnsRecord.Ptr) record).target()).findFirst().orElseThrow();
            assertThat(knownAnswer.labels()).containsExactly(name, "_lanchat", "_tcp", "local");
        }
    }

    private static boolean pointsToAnAppliance(DnsRecord record) {
        return record instanceof DnsRecord.Ptr ptr && ptr.name().equals(DnsName.of("_lanchat", "_tcp", "local"));
    }
}
