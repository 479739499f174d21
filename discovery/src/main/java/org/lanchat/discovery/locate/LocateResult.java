package org.lanchat.discovery.locate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ApplianceLocator#locate()}: the appliance, if any way worked, and one line per way
 * tried, for the user and the log.
 */
public record LocateResult(Optional<LocatedAppliance> appliance, List<String> attempts) {
    public LocateResult {
        Objects.requireNonNull(appliance, "appliance");
        attempts = List.copyOf(attempts);
    }
}
