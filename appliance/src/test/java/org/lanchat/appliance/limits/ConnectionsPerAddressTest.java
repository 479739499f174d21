package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Connections per address: an IPv6 host's whole /64 is one address, IPv4 addresses count one by one. */
class ConnectionsPerAddressTest {
    private final ConnectionsPerAddress connections = new ConnectionsPerAddress(new RateLimits(30, 2, 20, 40, false));

    @Test
    void addressesOfOneIpv6Slash64ShareOneLimit() throws Exception {
        // As Java writes them: in full, with a zone for link-local ones.
        String first = InetAddress.getByName("2001:db8:0:1::aa").getHostAddress();
        String second = InetAddress.getByName("2001:db8:0:1:ffff:1:2:3").getHostAddress();
        String otherNetwork = InetAddress.getByName("2001:db8:0:2::aa").getHostAddress();
        assertThat(connections.tryOpen(first)).isTrue();
        assertThat(connections.tryOpen(second)).isTrue();
        assertThat(connections.tryOpen(second.replace(":3", ":4"))).as("a third address of the same /64").isFalse();
        assertThat(connections.tryOpen(otherNetwork)).as("another /64").isTrue();
        connections.closed(first);
        assertThat(connections.tryOpen(second)).as("a place came free").isTrue();
    }

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(connections.tryOpen("192.0.2.1")).isTrue();
        assertThat(connections.tryOpen("192.0.2.1")).isTrue();
        assertThat(connections.tryOpen("192.0.2.1")).isFalse();
        assertThat(connections.tryOpen("192.0.2.2")).isTrue();
    }

    @Test
    void anIpv6AddressCountsAsItsFirstFourGroups() {
        assertThat(ConnectionsPerAddress.counted("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ConnectionsPerAddress.counted("10.0.0.7")).isEqualTo("10.0.0.7");
    }
}
