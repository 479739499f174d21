package org.lanchat.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decides which interface addresses get an mDNS responder. Pure: snapshots in, addresses out. */
final class InterfaceRules {

    /**
     * Name prefixes of interfaces that lead to containers, VMs or VPNs rather than the office LAN. Only the
     * automatic choice skips them; an explicit interface list is taken as it is.
     */
    static final List<String> EXCLUDED_PREFIXES = List.of(
            "docker", "br-", "veth", "virbr", "vnet", "vboxnet", "vmnet", "cni", "flannel", "cali", "weave",
            "podman", "lxcbr", "lxdbr", "kube", "tun", "tap", "wg", "zt", "tailscale", "utun", "ppp");

    private InterfaceRules() {
    }

    static List<LocalAddress> select(List<InterfaceSnapshot> interfaces, InterfaceSelection selection) {
        List<LocalAddress> selected = new ArrayList<>();
        for (InterfaceSnapshot nif : interfaces) {
            if (!isUsable(nif, selection)) {
                continue;
            }
            for (InetAddress address : ipv4Addresses(nif)) {
                selected.add(new LocalAddress(nif.name(), address));
            }
            if (selection.ipv6()) {
                ipv6Address(nif).ifPresent(address -> selected.add(new LocalAddress(nif.name(), address)));
            }
        }
        return selected;
    }

    static boolean isUsable(InterfaceSnapshot nif, InterfaceSelection selection) {
        if (!nif.up() || nif.loopback() || nif.virtual()) {
            return false;
        }
        if (!selection.isAutomatic()) {
            return selection.names().contains(nif.name());
        }
        return nif.multicast() && !looksLikePlumbing(nif.name());
    }

    static boolean looksLikePlumbing(String interfaceName) {
        String name = interfaceName.toLowerCase(Locale.ROOT);
        return EXCLUDED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /**
     * Every IPv4 address, except that a 169.254 link-local address is left out when the interface also has
     * a real one: it is usually left over from before DHCP answered, and clients would try it first.
     */
    private static List<InetAddress> ipv4Addresses(InterfaceSnapshot nif) {
        List<InetAddress> routable = new ArrayList<>();
        List<InetAddress> linkLocal = new ArrayList<>();
        for (InetAddress address : nif.addresses()) {
            if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                (address.isLinkLocalAddress() ? linkLocal : routable).add(address);
            }
        }
        return routable.isEmpty() ? linkLocal : routable;
    }

    /**
     * One IPv6 address per interface: mDNS over IPv6 needs only one responder per link, and privacy
     * addresses come and go, so advertising all of them would churn responders.
     */
    private static Optional<InetAddress> ipv6Address(InterfaceSnapshot nif) {
        InetAddress linkLocal = null;
        for (InetAddress address : nif.addresses()) {
            if (!(address instanceof Inet6Address) || address.isLoopbackAddress()) {
                continue;
            }
            if (!address.isLinkLocalAddress()) {
                return Optional.of(address);
            }
            if (linkLocal == null) {
                linkLocal = address;
            }
        }
        return Optional.ofNullable(linkLocal);
    }
}
