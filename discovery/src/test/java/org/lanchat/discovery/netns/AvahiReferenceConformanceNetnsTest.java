package org.lanchat.discovery.netns;

import java.time.Duration;
import java.util.List;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.testing.TestCertificates;

/**
 * {@link MdnsConformanceContract} against Avahi 0.8's {@code avahi-publish}, the reference: every check
 * must pass here too, or the check is wrong, not the responder.
 */
class AvahiReferenceConformanceNetnsTest extends MdnsConformanceContract {
    private static final String HOST_NAME = "conformance-box";

    @Override
    String labName() {
        return "conformance-avahi";
    }

    @Override
    Publisher startPublisher(NetnsLab lab, Host host, List<String> interfaces) {
        ChildJvm avahi;
        try {
            avahi = startAvahi(lab, host, interfaces, HOST_NAME, "publisher", "7447", "txtvers=1", "proto=1",
                    "id=" + Children.OFFICE_ID,
                    "fp=" + TestCertificates.fingerprint(TestCertificates.keystore("real")).hex());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long at = Long.parseLong(avahi.await("established", Duration.ofSeconds(30)).get("at"));
        return new Publisher() {
            @Override
            public String hostName() {
                return HOST_NAME + ".local";
            }

            @Override
            public long announcedAt() {
                return at;
            }

            /**
             * Avahi signals ESTABLISHED and then, in the same main-loop pass, sends the first announcement
             * (announce.c, avahi_s_entry_group_check_probed), so the signal can reach avahi-publish a few
             * milliseconds before tcpdump sees the packet (a CI run saw 2 ms). 50 ms covers that pass without
             * admitting a publisher that reports ready a whole announcement interval (1 s) early.
             */
            @Override
            public Duration saysAnnouncedAheadOfTheWireBy() {
                return Duration.ofMillis(50);
            }

            @Override
            public String log() {
                return avahi.log();
            }
        };
    }
}
