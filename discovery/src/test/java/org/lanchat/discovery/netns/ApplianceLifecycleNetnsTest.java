package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;

/** Appliances that stop, crash or move, watched by a browsing client on another host. */
@Tag("slow")
class ApplianceLifecycleNetnsTest {
    /**
     * The child appliance's record TTL when a test relies on expiry (120 s for host records otherwise). Long
     * enough for the client's refresh: JmDNS asks again once a record is 80% through its life, checked once a
     * second, and the appliance sends nothing unasked.
     */
    private static final String SHORT_TTL = "-Dorg.lanchat.discovery.ttl=8";
    private static NetnsLab lab;

    @BeforeAll
    static void buildLab() {
        lab = NetnsLab.create("lifecycle", 2);
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
    void anApplianceThatShutsDownSaysGoodbyeAndVanishesAtOnce() {
        ChildJvm appliance = Children.startAdvertiser(lab, lab.host(1), "appliance", "Goodbye test", "real", List.of());
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");
        appliance.await("advertising", Children.START_TIMEOUT);
        browser.await("added", e -> e.get("name").equals("Goodbye test"), Duration.ofSeconds(10));

        appliance.terminate(Duration.ofSeconds(20));

        assertThat(appliance.event("closed")).isNotNull();
        // Goodbye packets shorten the records' life to one second; the browser expires them every second.
        browser.await("removed", e -> e.get("name").equals("Goodbye test"), Duration.ofSeconds(5));
    }

    @Test
    void aKilledApplianceVanishesWhenItsRecordsExpire() {
        ChildJvm appliance = Children.startAdvertiser(lab, lab.host(1), "appliance", "Crash test", "real",
                List.of(SHORT_TTL));
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");
        appliance.await("advertising", Children.START_TIMEOUT);
        browser.await("added", e -> e.get("name").equals("Crash test"), Duration.ofSeconds(10));

        appliance.kill();

        browser.await("removed", e -> e.get("name").equals("Crash test"), Duration.ofSeconds(15));
    }

    @Test
    void anApplianceThatIsNotKilledStaysListedBeyondItsShortTtl() {
        ChildJvm appliance = Children.startAdvertiser(lab, lab.host(1), "appliance", "Renewal test", "real",
                List.of(SHORT_TTL));
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");
        appliance.await("advertising", Children.START_TIMEOUT);
        browser.await("added", e -> e.get("name").equals("Renewal test"), Duration.ofSeconds(10));

        // Over two TTLs: the client must refresh the records, and the appliance answer, or it would drop them.
        Awaitility.await("no removal for 17 s").during(Duration.ofSeconds(17)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> browser.find(e -> e.type().equals("removed")).isEmpty());
        browser.send("list");
        assertThat(browser.await("list", Duration.ofSeconds(15)).get("names")).isEqualTo("Renewal test");
    }

    @Test
    void theBrowserFollowsAnApplianceWhoseAddressChanges() {
        Host host = lab.host(1);
        String moved = NetnsLab.SUBNET_PREFIX + "101";
        ChildJvm appliance = Children.startAdvertiser(lab, host, "appliance", "Moving test", "real", List.of());
        ChildJvm browser = Children.browser(lab, lab.host(2), "browser");
        appliance.await("advertising", Children.START_TIMEOUT);
        browser.await("added", e -> e.get("name").equals("Moving test"), Duration.ofSeconds(10));

        try {
            lab.ip("-n", host.namespace(), "addr", "add", moved + "/24", "dev", host.interfaceName());
            lab.ip("-n", host.namespace(), "addr", "del", host.address() + "/24", "dev", host.interfaceName());

            // A removal and a new "added", or an "updated": either way the new address and nothing else.
            ChildEvent followed = browser.awaitMatching("added/updated at " + moved,
                    e -> (e.type().equals("added") || e.type().equals("updated"))
                            && e.get("name").equals("Moving test") && e.get("addrs").equals(moved),
                    Duration.ofSeconds(20));
            assertThat(followed.get("port")).isNotBlank();
            // The responder moves to the new address (SecondAddressNetnsTest); nothing about it is worth a stack trace.
            assertThat(appliance.log()).as("no stack trace in the log when an address goes away").doesNotContain("\tat ");
        } finally {
            lab.ip("-n", host.namespace(), "addr", "flush", "dev", host.interfaceName());
            lab.ip("-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", host.interfaceName());
        }
    }
}
