package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanchat.discovery.netns.NetnsLab.Host;

/**
 * A query is answered only if it came from the link the appliance advertises on, judged by dig: not from a
 * routed source off that link's subnet (RFC 6762 §5.5), and not when it reached the box over a network the
 * appliance does not advertise on, which must never hear the advertised network's address (§6.2).
 *
 * <pre>
 *   box:       lan1 10.77.0.1 (advertised on), lanb 10.78.0.1 (not advertised on)
 *   observer:  lan1 10.77.0.2, also 10.99.0.5: a routed source, as the box routes 10.99.0.0/24 through it
 *   neighbour: lanb 10.78.0.2, reaching 10.77.0.0/24 through the box
 * </pre>
 *
 * <p>Each "no answer" is a bounded observation (dig's two tries of 2 s) next to a control showing that the
 * box's replies do reach the asker: a query to a closed port comes back refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class OnLinkQueriesNetnsTest {
    private static final String ROUTED_SOURCE = "10.99.0.5";
    private static final String SERVICE = "_lanchat._tcp.local";
    private static final int CLOSED_PORT = 5354;

    private NetnsLab lab;
    private Host box;
    private Host observer;
    private Host neighbour;
    private String hostName;
    private PacketCapture onObserversLink;

    @BeforeAll
    void startTheApplianceOnTheFirstNetworkOnly() {
        NetnsTools.require("dig", "tcpdump");
        lab = NetnsLab.create("on-link", 2);
        box = lab.host(1);
        observer = lab.host(2);
        neighbour = lab.addSecondSegment(box).get(1);
        lab.ip("-n", observer.namespace(), "addr", "add", ROUTED_SOURCE + "/32", "dev", observer.interfaceName());
        lab.ip("-n", box.namespace(), "route", "add", "10.99.0.0/24", "via", observer.address());
        lab.ip("-n", neighbour.namespace(), "route", "add", NetnsLab.SUBNET_PREFIX + "0/24", "via",
                NetnsLab.SECOND_SUBNET_PREFIX + "1");

        onObserversLink = PacketCapture.start(lab, observer, "observer");
        ChildJvm appliance = Children.advertiser(lab, box, "appliance", "On Link", "real", List.of());
        ChildEvent advertising = appliance.event("advertising");
        assertThat(advertising.get("responders")).as("advertised on lan1 only")
                .isEqualTo(box.interfaceName() + "/" + box.address() + "=On Link");
        hostName = Arrays.stream(advertising.get("hosts").split(",")).filter(h -> h.startsWith(box.interfaceName() + "="))
                .findFirst().map(h -> h.substring(h.indexOf('=') + 1)).orElseThrow();
    }

    @AfterAll
    void tearDown() {
        if (onObserversLink != null) {
            onObserversLink.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aUnicastQueryFromTheLinkIsAnsweredWithTheLinksAddress() {
        DigReply ptr = dig(observer, "@" + box.address(), SERVICE, "PTR");

        assertThat(ptr.answers()).as(ptr.output()).extracting(DigReply.Rr::type).contains("PTR");
        assertThat(ptr.additionals()).as(ptr.output()).filteredOn(r -> r.type().equals("A"))
                .extracting(DigReply.Rr::data).containsExactly(box.address());
    }

    @Test
    void aMulticastQueryFromTheLinkIsAnswered() {
        long start = System.currentTimeMillis();
        multicastDig(observer);
        onObserversLink.await("the box's unicast answer to a multicast query from the link",
                p -> p.atMillis() >= start && p.source().equals(box.address()) && p.destination().equals(observer.address()),
                Duration.ofSeconds(5));
    }

    @Test
    void aQueryFromARoutedSourceOffTheLinksSubnetGetsNoAnswer() {
        assertRepliesReach(observer, "-b", ROUTED_SOURCE);

        DigReply ptr = dig(observer, "-b", ROUTED_SOURCE, "@" + box.address(), SERVICE, "PTR");
        DigReply a = dig(observer, "-b", ROUTED_SOURCE, "@" + box.address(), hostName, "A");

        assertNoAnswer(ptr);
        assertNoAnswer(a);
    }

    @Test
    void aMulticastQueryFromARoutedSourceOffTheLinksSubnetGetsNoAnswer() {
        assertRepliesReach(observer, "-b", ROUTED_SOURCE);

        long start = System.currentTimeMillis();
        multicastDig(observer, "-b", ROUTED_SOURCE);
        assertThat(onObserversLink.packets(p -> p.atMillis() >= start && p.destination().equals(ROUTED_SOURCE)))
                .as("answers to a multicast query from the routed source, within dig's 2 s").isEmpty();
    }

    @Test
    void aQueryReachingTheBoxOverANetworkItDoesNotAdvertiseOnGetsNoAnswer() {
        assertRepliesReach(neighbour);

        DigReply a = dig(neighbour, "@" + box.address(), hostName, "A");
        DigReply ptr = dig(neighbour, "@" + box.address(), SERVICE, "PTR");

        assertNoAnswer(a);
        assertNoAnswer(ptr);
    }

    /**
     * A legacy query to the mDNS group. The box answers it by unicast from its own address, which dig ignores (it
     * expects the group's), so what came back is read from the capture after dig's one try of 2 s.
     */
    private String multicastDig(Host from, String... source) {
        return shell(from, "dig -p 5353 +time=2 +tries=1 " + String.join(" ", source) + " @224.0.0.251 " + SERVICE
                + " PTR");
    }

    /** The control: the box's kernel refuses a query to a closed port, and the refusal reaches the asker. */
    private void assertRepliesReach(Host asking, String... source) {
        List<String> arguments = new ArrayList<>(List.of(source));
        arguments.addAll(List.of("@" + box.address(), "-p", String.valueOf(CLOSED_PORT), SERVICE, "PTR"));
        String output = shell(asking, "dig +time=2 +tries=1 " + String.join(" ", arguments));
        assertThat(output).as("a query to the box's closed port " + CLOSED_PORT).contains("connection refused");
    }

    private static void assertNoAnswer(DigReply reply) {
        assertThat(reply.output()).as("no reply at all").doesNotContain("->>HEADER<<-");
        assertThat(reply.all()).as(reply.output()).isEmpty();
    }

    /** A legacy unicast query to port 5353 (dig's own port is random); dig exits 9 when nothing answers. */
    private DigReply dig(Host from, String... arguments) {
        return DigReply.parse(shell(from, "dig -p 5353 +time=2 +tries=2 " + String.join(" ", arguments)));
    }

    private String shell(Host on, String command) {
        return lab.runIn(on, Duration.ofSeconds(30), "sh", "-c", command + "; true");
    }
}
