package org.lanchat.discovery.responder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The links one advertiser answers on, with their subnets: whether a datagram came from the link of one of
 * our addresses, and whether it came from ourselves.
 *
 * <p>Why the source address decides: Java can neither read the interface a datagram arrived on
 * ({@code IP_PKTINFO}) nor bind a socket to one interface, and neither of a link's sockets tells it. Every group
 * socket hears the multicast of every interface, and the kernel hands a unicast datagram to the socket bound
 * to its destination address whichever interface it came in on: a host on a second network that sends to the
 * first network's address reaches the first link's responder. So a datagram belongs to a link only if its
 * source is on that link's subnet (or is the link's own address), the check RFC 6762 asks of unicast queries
 * (§5.5) and of responses (§11). Everything else is ignored, multicast or unicast, query or response: a query
 * from a routed source matches no subnet of ours; one that came in over another network matches that
 * network's subnet, whose responder never heard it, or none if we do not advertise there. Either way no link
 * answers with its address on another (§6.2). One exception: multicast from a source on no subnet of ours at all
 * may come from a device on the wire of one of our links, so the responders defend their names against it
 * ({@link #isOffEveryLink}, in {@code LinkResponder.handle}) while answering nothing else. (Avahi, which reads the
 * arrival interface, drops unicast queries from off-link sources too.) What a source check cannot tell, a host on one
 * network using an address from another's subnet, is a misconfiguration no answer of ours would make work; a host
 * with only a link-local 169.254 address gets no answers, but could not reach the appliance's address anyway.
 *
 * <p>Whether a datagram is our own is not decided by its source: another responder on this machine (a second
 * appliance, Avahi) sends from the same address and port. It is ours if it is one that a responder of this map sent
 * lately ({@link OwnDatagrams}); the map is shared by all of one advertiser's responders, so one of them never takes
 * a sibling on another address of the same link for a rival.
 */
public final class LinkMap {
    private final Map<InetAddress, Subnet> links = new ConcurrentHashMap<>();
    private final OwnDatagrams sent = new OwnDatagrams(System::currentTimeMillis);

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

    /** Remembers a datagram one of our responders is about to send, so that its looped-back copy is known as ours. */
    void sending(byte[] datagram) {
        sent.sending(datagram);
    }

    /**
     * Whether a received datagram is one of ours come back: from port 5353, with the bytes of one we sent lately.
     * Another responder's datagram from the same address is not, and is heard like any other. The source address is
     * not asked: after a move to another address, what the old socket sent last comes back from an address no longer
     * ours; and a copy of our own bytes from elsewhere (a reflector) tells nothing we did not say.
     */
    boolean isOwnDatagram(InetSocketAddress source, byte[] data, int length) {
        return source.getPort() == Answerer.MDNS_PORT && sent.sentLately(data, length);
    }

    /**
     * Whether {@code source} is on none of our links: not one of our addresses, on no subnet of ours. A datagram from
     * it may still come from the wire of one of them, from a device whose address belongs to no subnet there.
     */
    boolean isOffEveryLink(InetAddress source) {
        return !links.containsKey(source) && links.values().stream().noneMatch(link -> link.contains(source));
    }

    /**
     * Whether a datagram from {@code source}, heard by the responder of our address {@code own}, came from that
     * address's link: its source is on {@code own}'s subnet (or is {@code own} itself). False once {@code own}
     * is removed.
     */
    boolean isOnLinkOf(InetAddress own, InetAddress source) {
        Subnet link = links.get(own);
        return link != null && link.contains(source);
    }
}
