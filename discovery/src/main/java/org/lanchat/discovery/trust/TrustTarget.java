package org.lanchat.discovery.trust;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The appliance a client is about to connect to, with what it claims about itself.
 *
 * @param address     resolved address and TLS port
 * @param name        for messages: the instance name, or what the user typed
 * @param applianceId the id it claims (TXT {@code id}, or the last-good record); empty for a typed address
 * @param advertised  the fingerprint it advertised (TXT {@code fp}); empty when not found by discovery
 */
public record TrustTarget(InetSocketAddress address, String name, Optional<ApplianceId> applianceId,
        Optional<CertificateFingerprint> advertised) {

    public TrustTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(advertised, "advertised");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + address.getHostString() + " before checking trust");
        }
    }

    /** An address the user typed: no id, no advertised fingerprint. */
    public static TrustTarget manual(InetSocketAddress address) {
        return new TrustTarget(address, address.getHostString() + ":" + address.getPort(), Optional.empty(),
                Optional.empty());
    }
}
