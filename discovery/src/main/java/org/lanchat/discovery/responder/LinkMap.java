package org.lanchat.discovery.responder;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The links one advertiser answers on, with their subnets: which link a multicast datagram came from, and
 * whether it came from ourselves. Java does not report the interface a multicast datagram arrived on, and
 * every group socket hears every interface's traffic; a datagram belongs to the link whose subnet holds its
 * source (the on-link check of RFC 6762 §11). One from a source on none of them is heard on every link,
 * each answering with its own address out of its own interface, which is never wrong on that link.
 */
public final class LinkMap {
    private final Map<InetAddress, Subnet> links = new ConcurrentHashMap<>();

    record Subnet(InetAddress address, int prefixLength) {
        boolean contains(InetAddress other) {
            byte[] a = address.getAddress();
            byte[] b = other.getAddress();
            if (a.length != b.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    void add(InetAddress address, int prefixLength) {
        links.put(address, new Subnet(address, prefixLength));
    }

    void remove(InetAddress address) {
        links.remove(address);
    }

    boolean isOwnAddress(InetAddress source) {
        return links.containsKey(source);
    }

    /** Whether a datagram from {@code source} heard on the link of {@code own} belongs to that link. */
    boolean belongsTo(InetAddress own, InetAddress source) {
        Subnet mine = links.get(own);
        if (mine != null && mine.contains(source)) {
            return true;
        }
        return links.values().stream().noneMatch(other -> other.contains(source));
    }
}
