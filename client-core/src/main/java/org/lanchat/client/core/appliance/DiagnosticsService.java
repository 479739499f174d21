package org.lanchat.client.core.appliance;

import java.util.Optional;
import org.lanchat.discovery.locate.DiagnosticReport;

/**
 * Answers "why can't I find the appliance?" layer by layer: do multicast answers reach this computer, is
 * the appliance's TCP port reachable, does its certificate match the pin. {@link LanDiagnostics} is the real one.
 */
public interface DiagnosticsService {

    /**
     * Runs the three checks. Blocks for a few seconds (it listens for multicast answers, then connects).
     *
     * @param target the appliance to check when discovery finds none: the one chosen or typed, if any
     */
    DiagnosticReport diagnose(Optional<ApplianceChoice> target) throws InterruptedException;
}
