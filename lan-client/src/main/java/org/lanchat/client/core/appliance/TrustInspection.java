package org.lanchat.client.core.appliance;

import java.util.Objects;
import java.util.Optional;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * What an appliance presented, and what that means here.
 *
 * @param presented the certificate's fingerprint; show {@code presented.shortCode()} to the user
 * @param expected  the short code this computer trusts instead, for {@link Verdict#CHANGED} and
 *                  {@link Verdict#NOT_ADVERTISED}
 */
public record TrustInspection(ApplianceChoice choice, CertificateFingerprint presented, Verdict verdict,
        Optional<String> expected) {

    public TrustInspection {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(expected, "expected");
    }

    /** What the user must be told before going on. */
    public enum Verdict {
        /** The certificate is the trusted one: go on without asking. */
        TRUSTED,
        /** Nothing is trusted on this computer yet: ask once, showing the short code (trust on first use). */
        FIRST_CONTACT,
        /** Another appliance is already trusted; this one is new here: ask, showing the short code. */
        NEW_APPLIANCE,
        /** The trusted appliance now presents another certificate: warn hard; someone may be posing as it. */
        CHANGED,
        /** The certificate is not the one the appliance advertised: something is intercepting. Refuse. */
        NOT_ADVERTISED
    }

    public boolean needsConfirmation() {
        return verdict != Verdict.TRUSTED;
    }
}
