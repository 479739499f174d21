package org.lanchat.discovery.locate;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * An appliance to connect to, and how it was found.
 *
 * @param foundBy     which fallback produced it; say it to the user
 * @param name        instance name, the cached name, or what the user typed
 * @param addresses   where to connect, in the order worth trying
 * @param applianceId the id it claims, when known
 * @param advertised  the fingerprint it advertised, when found by discovery
 */
public record LocatedAppliance(FoundBy foundBy, String name, List<InetSocketAddress> addresses,
        Optional<ApplianceId> applianceId, Optional<CertificateFingerprint> advertised) {

    public LocatedAppliance {
        Objects.requireNonNull(foundBy, "foundBy");
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(advertised, "advertised");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a located appliance has at least one address");
        }
    }

    static LocatedAppliance discovered(DiscoveredAppliance appliance) {
        return new LocatedAppliance(FoundBy.DISCOVERY, appliance.name(), appliance.socketAddresses(),
                Optional.of(appliance.applianceId()), Optional.of(appliance.fingerprint()));
    }

    /** What to check the TLS certificate against when connecting to {@code address}. */
    public TrustTarget trustTarget(InetSocketAddress address) {
        return new TrustTarget(address, name, applianceId, advertised);
    }

    /** The trust target of the first address. */
    public TrustTarget trustTarget() {
        return trustTarget(addresses.getFirst());
    }

    /** For the user: "found on the network: "Office" at 192.168.1.20:7447". */
    public String describe() {
        InetSocketAddress first = addresses.getFirst();
        String where = "\"" + name + "\" at " + first.getAddress().getHostAddress() + ":" + first.getPort();
        return switch (foundBy) {
            case DISCOVERY -> "found on the network: " + where;
            case CACHED -> "nothing answered on the network; using the last appliance that worked: " + where;
            case MANUAL -> "nothing answered on the network; using the address you gave: " + where;
        };
    }
}
