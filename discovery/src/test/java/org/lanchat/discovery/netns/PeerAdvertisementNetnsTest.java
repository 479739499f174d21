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

/**
 * A client in peer mode advertises its peer links as {@code _lanchat-peer._tcp} (PROTOCOL.md §10), over real
 * multicast between network namespaces: colleagues' browsers find it with its port and appliance, Avahi sees
 * nothing personal in it, and its goodbye removes it.
 */
@Tag("slow")
class PeerAdvertisementNetnsTest {
    private static final String APPLIANCE = "5a".repeat(32);
    private static final String PORT = "40404";
    private static NetnsLab lab;

    @BeforeAll
    static void createLab() {
        lab = NetnsLab.create("peers", 2);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aColleaguesBrowserFindsThePeerWithItsPortAndApplianceAndLosesItAtItsGoodbye() {
        Host peerHost = lab.host(1);
        ChildJvm browser = Children.browser(lab, lab.host(2), "peer-browser");
        ChildJvm peer = lab.startJava(peerHost, "peer", PeerAdvertiserMain.class, List.of(),
                "--interfaces", peerHost.interfaceName(), "--rescan-ms", "300", "--port", PORT, "--fp", APPLIANCE);
        ChildEvent advertising = peer.await("advertising", Children.START_TIMEOUT);
        assertThat(advertising.get("announced")).isEqualTo("true");
        String name = advertising.get("name");

        String seen = name + "@" + peerHost.address() + ":" + PORT + ":" + APPLIANCE;
        browser.await("peers", event -> event.get("seen").equals(seen), Duration.ofSeconds(10));

        peer.send("stop");
        peer.await("closed", Duration.ofSeconds(20));
        browser.await("peers", event -> event.get("seen").isEmpty(), Duration.ofSeconds(10));
    }

    @Test
    void avahiSeesARandomNameAndHostAndATxtRecordWithNothingButTheAppliance(@TempDir Path work) throws Exception {
        NetnsTools.require("avahi-daemon", "avahi-browse", "dbus-daemon");
        Host peerHost = lab.host(1);
        Host other = lab.host(2);
        try (ChildJvm peer = lab.startJava(peerHost, "peer-for-avahi", PeerAdvertiserMain.class, List.of(),
                "--interfaces", peerHost.interfaceName(), "--rescan-ms", "300", "--port", PORT, "--fp", APPLIANCE)) {
            String name = peer.await("advertising", Children.START_TIMEOUT).get("name");

            String avahi = lab.runIn(other, Duration.ofSeconds(30), "sh", NetnsTools.script("avahi-browse.sh").toString(),
                    work.toString(), other.interfaceName(), "_lanchat-peer._tcp");
            String resolved = Arrays.stream(avahi.split("\n")).filter(line -> line.startsWith("=;"))
                    .findFirst().orElseThrow(() -> new AssertionError("avahi-browse resolved nothing:\n" + avahi));
            // =;iface;IPv4;name;type;domain;host;address;port;"txt" "txt" ...
            String[] fields = resolved.split(";", 10);
            assertThat(name).matches("LAN Chat peer [0-9a-f]{8}");
            assertThat(fields[3]).isEqualTo(name.replace(" ", "\\032"));
            assertThat(fields[4]).isEqualTo("_lanchat-peer._tcp");
            assertThat(fields[6]).as("a host name of its own, not the computer's")
                    .isEqualTo("lanchat-peer-" + name.substring("LAN Chat peer ".length()) + ".local");
            assertThat(fields[7]).isEqualTo(peerHost.address());
            assertThat(fields[8]).isEqualTo(PORT);
            assertThat(fields[9].split(" ")).containsExactlyInAnyOrder("\"txtvers=1\"", "\"proto=1\"",
                    "\"fp=" + APPLIANCE + "\"");
        }
    }
}
