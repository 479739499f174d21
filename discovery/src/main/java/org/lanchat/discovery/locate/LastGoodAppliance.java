package org.lanchat.discovery.locate;

import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.ApplianceId;

/**
 * The appliance the client last logged in to, and where: tried when discovery finds nothing (multicast
 * blocked, appliance on another subnet).
 *
 * @param applianceId its id when it was found by discovery; empty for a typed address
 */
public record LastGoodAppliance(Optional<ApplianceId> applianceId, String name, HostPort address) {
    public LastGoodAppliance {
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
