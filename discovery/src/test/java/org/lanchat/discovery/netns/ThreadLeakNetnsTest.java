package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.lanchat.discovery.LateTaskProbeMain;
import org.junit.jupiter.api.Test;

/**
 * JmDNS leaks threads unless every instance is closed. Five rounds of starting and stopping an advertiser
 * and a browser, in one JVM inside a namespace (where the veth is), must leave no thread behind.
 */
@Tag("slow")
class ThreadLeakNetnsTest {

    @Test
    void repeatedStartAndStopLeavesNoThreadsBehind() {
        try (NetnsLab lab = NetnsLab.create("threads", 1)) {
            ChildJvm probe = lab.startJava(lab.host(1), "leak-probe", LeakProbeMain.class, List.of(),
                    "--interfaces", lab.host(1).interfaceName(), "--cycles", "5");

            probe.awaitExit(Duration.ofSeconds(120));

            assertThat(probe.events()).filteredOn(e -> e.type().equals("cycle")).hasSize(5)
                    .allSatisfy(cycle -> assertThat(cycle.get("found")).isEqualTo("true"));
            assertThat(probe.event("threads").get("leaked")).as("threads left behind").isEmpty();
        }
    }

    /**
     * A packet or listener event still in flight when JmDNS closes may ask it for a task afterwards; JmDNS alone
     * would start a fresh pair of timer threads for each such request that nothing ever stops.
     */
    @Test
    void requestsReachingAClosedInstanceStartNoThreads() {
        try (NetnsLab lab = NetnsLab.create("late", 1)) {
            ChildJvm probe = lab.startJava(lab.host(1), "late-probe", LateTaskProbeMain.class, List.of(),
                    lab.host(1).interfaceName(), lab.host(1).address());

            probe.awaitExit(Duration.ofSeconds(60));

            assertThat(Integer.parseInt(probe.event("browsed").get("timers"))).as("timer threads while open")
                    .isEqualTo(2);
            assertThat(probe.event("threads").get("leaked")).as("threads left after the late requests").isEmpty();
        }
    }
}
