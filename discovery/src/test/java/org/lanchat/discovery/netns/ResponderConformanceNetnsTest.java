package org.lanchat.discovery.netns;

import java.util.Arrays;
import java.util.List;
import org.lanchat.discovery.netns.NetnsLab.Host;

/** {@link MdnsConformanceContract} against LAN Chat's own responder: the appliance's advertiser. */
class ResponderConformanceNetnsTest extends MdnsConformanceContract {

    @Override
    String labName() {
        return "conformance";
    }

    @Override
    Publisher startPublisher(NetnsLab lab, Host host, List<String> interfaces) {
        ChildJvm appliance = Children.advertiser(lab, host, "publisher", NAME, "real", List.of(),
                "--interfaces", String.join(",", interfaces));
        ChildEvent advertising = appliance.event("advertising");
        String hostName = Arrays.stream(advertising.get("hosts").split(","))
                .filter(entry -> entry.startsWith(host.interfaceName() + "=")).findFirst()
                .map(entry -> entry.substring(entry.indexOf('=') + 1))
                .orElseThrow(() -> new AssertionError("no responder on " + host.interfaceName() + ": " + advertising));
        long at = Long.parseLong(advertising.get("at"));
        return new Publisher() {
            @Override
            public String hostName() {
                return hostName;
            }

            @Override
            public long announcedAt() {
                return at;
            }

            @Override
            public String log() {
                return appliance.log();
            }
        };
    }

}
