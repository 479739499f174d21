package org.lanchat.discovery.trust;

import java.time.Instant;
import java.util.Objects;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A trusted appliance: its id, the certificate fingerprint the client accepted for it, and the name it
 * had then (for messages only; names are not trusted).
 */
public record Pin(ApplianceId applianceId, String name, CertificateFingerprint fingerprint, Instant pinnedAt) {
    public Pin {
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(pinnedAt, "pinnedAt");
    }
}
