package org.lanchat.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;

/** One address of one interface: the unit that gets its own mDNS responder. */
record LocalAddress(String interfaceName, InetAddress address) {

    boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return interfaceName + "/" + address.getHostAddress();
    }
}
