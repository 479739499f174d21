package org.lanchat.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A colleague's client that takes peer links, found on the LAN while it is in peer mode (PROTOCOL.md §10): its
 * address and port, and the appliance whose credentials it shows. Nothing here says who it is; the peer link's
 * handshake does, against the appliance's signature.
 *
 * @param name      the DNS-SD instance name, "LAN Chat peer" and a random token
 * @param address   its IPv4 address
 * @param port      where it takes peer links
 * @param appliance the fingerprint of the appliance it belongs to, from TXT {@code fp}: a client dials only
 *                  peers of its own appliance
 */
public record DiscoveredPeer(String name, InetAddress address, int port, CertificateFingerprint appliance) {
    public DiscoveredPeer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(appliance, "appliance");
    }

    /** @throws IllegalArgumentException if the resolution is partial or the TXT record is not a peer's */
    static DiscoveredPeer fromResolution(String name, List<InetAddress> addresses, int port, Map<String, String> txt) {
        if (!TxtRecord.CURRENT_TXTVERS.equals(txt.get(TxtRecord.TXTVERS))) {
            throw new IllegalArgumentException("TXT has no txtvers=" + TxtRecord.CURRENT_TXTVERS);
        }
        String fingerprint = txt.get(TxtRecord.FINGERPRINT);
        if (fingerprint == null || fingerprint.isEmpty()) {
            throw new IllegalArgumentException("TXT has no " + TxtRecord.FINGERPRINT);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SRV port out of range: " + port);
        }
        InetAddress v4 = addresses.stream().filter(a -> a instanceof Inet4Address).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no IPv4 address yet"));
        return new DiscoveredPeer(name, v4, port, new CertificateFingerprint(fingerprint));
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
