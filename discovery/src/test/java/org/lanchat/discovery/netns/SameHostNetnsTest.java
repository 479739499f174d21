package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A browser on the appliance's own machine finds it: the newcomer ran lanchat beside the appliance and heard nothing,
 * because the appliance took every query from its own address for its own packet looped back.
 */
@Tag("slow")
class SameHostNetnsTest {
    private static NetnsLab lab;

    @BeforeAll
    static void buildLab() {
        lab = NetnsLab.create("samehost", 1);
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
}
