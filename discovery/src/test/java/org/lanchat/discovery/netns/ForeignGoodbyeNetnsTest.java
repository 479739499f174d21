package org.lanchat.discovery.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.netns.PacketCapture.Packet;

/**
 * Another host's goodbye (TTL 0) for records the appliance still owns, here its service PTR and the service-type PTR
 * a second appliance shares with it, is answered by announcing them again (RFC 6762 §10.1), as Avahi does, within
 * the second that caches give a record after its goodbye. Judged by tcpdump on a third host.
 */
@Tag("slow")
class ForeignGoodbyeNetnsTest {

    @Test
    void aGoodbyeFromAnotherHostForOurPtrRecordsIsAnsweredByAnnouncingThemAgain() {
        NetnsTools.require("tcpdump");
        try (NetnsLab lab = NetnsLab.create("foreign-goodbye", 3)) {
            Host box = lab.host(1);
            Host other = lab.host(2);
            try (PacketCapture capture = PacketCapture.start(lab, lab.host(3), "foreign-goodbye")) {
                ChildJvm appliance = Children.advertiser(lab, box, "appliance", "Refreshed", "real", List.of());
                long announced = Long.parseLong(appliance.event("advertising").get("at"));
                // After the second announcement, so the once-a-second limit does not hold the answer back.
                capture.await("the second announcement", p -> p.source().equals(box.address()) && p.isResponse()
                        && p.summary().contains(" SRV ") && p.atMillis() > announced + 500, Duration.ofSeconds(10));

                ChildJvm sender = lab.startJava(other, "goodbye", GoodbyeSenderMain.class, List.of(), "--interface",
                        other.interfaceName(), "--address", other.address(), "--type", "_lanchat._tcp.local",
                        "--instance", "Refreshed");
                sender.awaitExit(Duration.ofSeconds(30));
                Packet goodbye = capture.await("the other host's goodbye", p -> p.source().equals(other.address())
                        && p.summary().contains("[0s] PTR"), Duration.ofSeconds(5));

                Packet again = capture.await("our PTR records announced again", p -> p.source().equals(box.address())
                        && p.isMulticast() && p.isResponse() && p.atMillis() >= goodbye.atMillis()
                        && p.summary().contains("[1h15m] PTR Refreshed._lanchat._tcp.local.")
                        && p.summary().contains("[1h15m] PTR _lanchat._tcp.local."), Duration.ofSeconds(5));
                assertThat(again.atMillis() - goodbye.atMillis()).as("ms from the goodbye to our announcement"
                        + capture.dump()).isLessThan(1000);
            }
        }
    }
}
