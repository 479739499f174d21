package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceRulesTest {
    private static final InterfaceSelection AUTOMATIC = InterfaceSelection.automatic();

    @Test
    void automaticChoiceTakesUpMulticastInterfacesAndSkipsLoopbackDownAndNonMulticast() {
        List<Nif> interfaces = List.of(
                up("lo", "127.0.0.1", "127.0.1.1").asLoopback(),
                up("eth0", "192.168.1.20"),
                up("eth1", "10.1.2.3").down(),
                up("ppp0x", "10.9.9.9").noMulticast(),
                up("eth0:1", "192.168.1.21").asVirtual());

        assertThat(select(interfaces, AUTOMATIC))
                .extracting(LocalAddress::toString).containsExactly("eth0/192.168.1.20");
    }

    @Test
    void automaticChoiceSkipsContainerVmAndVpnInterfaces() {
        List<Nif> interfaces = List.of(
                up("docker0", "172.17.0.1"), up("br-3f2a9c", "172.18.0.1"), up("veth12ab", "169.254.3.3"),
                up("virbr0", "192.168.122.1"), up("tun0", "10.8.0.2"), up("wg0", "10.6.0.2"),
                up("enp3s0", "192.168.1.20"), up("wlan0", "192.168.1.30"));

        assertThat(select(interfaces, AUTOMATIC))
                .extracting(LocalAddress::interfaceName).containsExactly("enp3s0", "wlan0");
    }

    @Test
    void anExplicitListWinsOverTheNameHeuristic() {
        List<Nif> interfaces = List.of(up("veth0", "10.77.0.1"), up("eth0", "192.168.1.20"));

        assertThat(select(interfaces, InterfaceSelection.only("veth0")))
                .extracting(LocalAddress::toString).containsExactly("veth0/10.77.0.1");
    }

    @Test
    void anExplicitInterfaceStillHasToBeUp() {
        List<Nif> interfaces = List.of(up("lan1", "10.77.0.1").down());

        assertThat(select(interfaces, InterfaceSelection.only("lan1"))).isEmpty();
    }

    @Test
    void aStaleLinkLocalAddressIsDroppedWhenTheInterfaceHasARealOne() {
        List<Nif> interfaces = List.of(
                up("eth0", "169.254.10.20", "192.168.1.20"),
                up("eth1", "169.254.7.7"));

        assertThat(select(interfaces, AUTOMATIC))
                .extracting(LocalAddress::toString).containsExactly("eth0/192.168.1.20", "eth1/169.254.7.7");
    }

    @Test
    void everyRealIpv4AddressGetsAResponderButIpv6OnlyOnePreferringARoutableOne() {
        List<Nif> interfaces = List.of(
                up("eth0", "192.168.1.20", "192.168.1.21", "fe80::1%1", "fd00::20", "2001:db8::20"));

        assertThat(select(interfaces, AUTOMATIC)).extracting(LocalAddress::toString)
                .containsExactly("eth0/192.168.1.20", "eth0/192.168.1.21", "eth0/fd00:0:0:0:0:0:0:20");
    }

    @Test
    void ipv6LinkLocalIsUsedWhenItIsAllThereIsAndIpv6CanBeSwitchedOff() {
        List<Nif> interfaces = List.of(up("eth0", "192.168.1.20", "fe80::1"));

        assertThat(select(interfaces, AUTOMATIC)).extracting(LocalAddress::isIpv6)
                .containsExactly(false, true);
        assertThat(select(interfaces, AUTOMATIC.withIpv6(false)))
                .extracting(LocalAddress::toString).containsExactly("eth0/192.168.1.20");
    }

    /** Builds snapshots: up, multicast, not loopback, not virtual unless said otherwise. */
    private record Nif(String name, boolean up, boolean loopback, boolean multicast, boolean virtual,
            List<InetAddress> addresses) {
        Nif down() {
            return new Nif(name, false, loopback, multicast, virtual, addresses);
        }

        Nif asLoopback() {
            return new Nif(name, up, true, multicast, virtual, addresses);
        }

        Nif noMulticast() {
            return new Nif(name, up, loopback, false, virtual, addresses);
        }

        Nif asVirtual() {
            return new Nif(name, up, loopback, multicast, true, addresses);
        }
    }

    private static List<LocalAddress> select(List<Nif> interfaces, InterfaceSelection selection) {
        return InterfaceRules.select(interfaces.stream().map(InterfaceRulesTest::snapshot).toList(), selection);
    }

    private static InterfaceSnapshot snapshot(Nif nif) {
        return new InterfaceSnapshot(nif.name(), nif.up(), nif.loopback(), nif.multicast(), nif.virtual(),
                nif.addresses());
    }

    private static Nif up(String name, String... addresses) {
        return new Nif(name, true, false, true, false, Arrays.stream(addresses).map(InterfaceRulesTest::address).toList());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
