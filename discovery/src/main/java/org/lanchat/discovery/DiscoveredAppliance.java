package org.lanchat.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * An appliance found on the LAN, fully resolved: only appliances whose addresses, port and TXT record
 * have all arrived are reported, so every field is present.
 *
 * <p>The {@link #fingerprint()} is what the appliance <em>claims</em>. Anyone on the LAN can claim
 * anything; it is checked against the certificate the TLS port actually presents and against the
 * client's pin before any credentials are sent (see {@code org.lanchat.discovery.trust}).
 *
 * @param name            DNS-SD instance name actually in use, e.g. {@code "LAN Chat (2)"}
 * @param addresses       the appliance's addresses, IPv4 first; IPv6 link-local ones carry their scope
 * @param port            the appliance's TLS port
 * @param txt             the whole TXT record in the order it was sent, keys in lower case
 * @param applianceId     the stable id from TXT {@code id}
 * @param fingerprint     the certificate fingerprint from TXT {@code fp}
 * @param protocolVersion the wire-protocol version from TXT {@code proto}
 */
public record DiscoveredAppliance(
        String name,
        List<InetAddress> addresses,
        int port,
        Map<String, String> txt,
        ApplianceId applianceId,
        CertificateFingerprint fingerprint,
        int protocolVersion) {

    private static final Comparator<InetAddress> IPV4_FIRST = Comparator
            .comparing((InetAddress a) -> a instanceof Inet4Address ? 0 : 1)
            .thenComparing(InetAddress::getHostAddress);

    public DiscoveredAppliance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        addresses = addresses.stream().distinct().sorted(IPV4_FIRST).toList();
        txt = Collections.unmodifiableMap(new LinkedHashMap<>(txt));
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a resolved appliance has at least one address");
        }
    }

    /**
     * Builds the appliance from a DNS-SD resolution, checking the TXT record once here.
     *
     * @throws IllegalArgumentException naming the TXT key that is missing or malformed, or saying that the
     *                                  {@code txtvers} is one this version does not understand
     */
    static DiscoveredAppliance fromResolution(String name, List<InetAddress> addresses, int port,
            Map<String, String> txt) {
        String txtvers = txt.get(TxtRecord.TXTVERS);
        if (!TxtRecord.CURRENT_TXTVERS.equals(txtvers)) {
            throw new IllegalArgumentException(txtvers == null ? "TXT has no txtvers"
                    : "TXT has txtvers=" + txtvers + ", this version understands " + TxtRecord.CURRENT_TXTVERS);
        }
        int protocolVersion;
        try {
            protocolVersion = Integer.parseInt(required(txt, TxtRecord.PROTOCOL));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TXT proto is not a number: " + txt.get(TxtRecord.PROTOCOL), e);
        }
        ApplianceId id = new ApplianceId(required(txt, TxtRecord.APPLIANCE_ID));
        CertificateFingerprint fingerprint = new CertificateFingerprint(required(txt, TxtRecord.FINGERPRINT));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SRV port out of range: " + port);
        }
        return new DiscoveredAppliance(name, addresses, port, txt, id, fingerprint, protocolVersion);
    }

    private static String required(Map<String, String> txt, String key) {
        String value = txt.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("TXT has no " + key);
        }
        return value;
    }

    /** Where to connect, in the order worth trying. */
    public List<InetSocketAddress> socketAddresses() {
        return addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }
}
