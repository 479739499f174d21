package org.lanchat.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

/** One address of one interface: the unit that gets its own mDNS responder. */
record LocalAddress(String interfaceName, InetAddress address) {

    boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /**
     * The interface, for a responder on this IPv4 address: our responders advertise over IPv4 only.
     *
     * @throws IOException if this is an IPv6 address, or the interface is down or gone since the scan
     */
    NetworkInterface ipv4Interface() throws IOException {
        if (!(address instanceof Inet4Address)) {
            throw new IOException("advertised over IPv4 only, not on " + this);
        }
        NetworkInterface nif = NetworkInterface.getByName(interfaceName);
        if (nif == null || !nif.isUp()) {
            throw new IOException(this + " is gone");
        }
        return nif;
    }

    @Override
    public String toString() {
        return interfaceName + "/" + address.getHostAddress();
    }
}
