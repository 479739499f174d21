package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.ClientAddresses;

/**
 * Connections per address: an IPv6 host's whole /64 is one address, IPv4 addresses count one by one, and a refused
 * connection counts until it closes.
 */
class ConnectionsPerAddressTest {
    private final ConnectionsPerAddress connections = new ConnectionsPerAddress(new RateLimits(30, 2, 20, 40, false));

    @Test
    void addressesOfOneIpv6Slash64ShareOneCount() throws Exception {
        // As Java writes them: in full.
        String first = InetAddress.getByName("2001:db8:0:1::aa").getHostAddress();
        String second = InetAddress.getByName("2001:db8:0:1:ffff:1:2:3").getHostAddress();
        String otherNetwork = InetAddress.getByName("2001:db8:0:2::aa").getHostAddress();
        assertThat(connections.open(first)).isEqualTo(1);
        assertThat(connections.open(second)).isEqualTo(2);
        assertThat(connections.open(second.replace(":3", ":4"))).as("a third address of the same /64: past the limit")
                .isEqualTo(3).isGreaterThan(connections.limit());
        assertThat(connections.open(otherNetwork)).as("another /64").isEqualTo(1);
        connections.closed(first);
        assertThat(connections.open(second)).as("the refused one still counts until it closes").isEqualTo(3);
    }

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(connections.open("192.0.2.1")).isEqualTo(1);
        assertThat(connections.open("192.0.2.1")).isEqualTo(2);
        assertThat(connections.open("192.0.2.2")).isEqualTo(1);
        connections.closed("192.0.2.1");
        assertThat(connections.open("192.0.2.1")).isEqualTo(2);
    }

    @Test
    void anExemptAddressIsNotCounted() {
        ConnectionsPerAddress exempt = new ConnectionsPerAddress(new RateLimits(30, 2, 20, 40, true));
        assertThat(exempt.open("127.0.0.1")).isZero();
        assertThat(exempt.open("127.0.0.1")).isZero();
        assertThat(exempt.open("192.0.2.1")).isEqualTo(1);
    }

    @Test
    void anIpv6AddressCountsAsItsFirstFourGroups() {
        assertThat(ClientAddresses.counted("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ClientAddresses.counted("10.0.0.7")).isEqualTo("10.0.0.7");
    }
}
