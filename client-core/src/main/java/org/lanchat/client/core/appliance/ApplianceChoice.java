package org.lanchat.client.core.appliance;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.DiscoveredAppliance;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * An appliance the user can connect to.
 *
 * @param name       what to call it: its advertised name, the remembered name, or what the user typed
 * @param address    where to connect
 * @param id         its appliance id, when known (discovered or remembered)
 * @param advertised the certificate fingerprint it advertised, when discovered
 * @param foundBy    how the client knows about it
 */
public record ApplianceChoice(String name, InetSocketAddress address, Optional<ApplianceId> id,
        Optional<CertificateFingerprint> advertised, FoundBy foundBy) {

    public ApplianceChoice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(advertised, "advertised");
        Objects.requireNonNull(foundBy, "foundBy");
    }

    public static ApplianceChoice discovered(DiscoveredAppliance appliance) {
        return new ApplianceChoice(appliance.name(), appliance.socketAddresses().getFirst(),
                Optional.of(appliance.applianceId()), Optional.of(appliance.fingerprint()), FoundBy.DISCOVERY);
    }

    /** An address typed by the user, already resolved. */
    public static ApplianceChoice manual(InetSocketAddress address) {
        return new ApplianceChoice(address.getHostString() + ":" + address.getPort(), address, Optional.empty(),
                Optional.empty(), FoundBy.MANUAL);
    }

    public TrustTarget trustTarget() {
        return new TrustTarget(address, name, id, advertised);
    }

    /**
     * "Office (192.168.1.20:7447)"; an appliance known only by the address typed, whose name is that address, once:
     * "192.168.1.20:7447".
     */
    public String describe() {
        String where = (address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress())
                + ":" + address.getPort();
        return name.equals(where) ? name : name + " (" + where + ")";
    }
}
