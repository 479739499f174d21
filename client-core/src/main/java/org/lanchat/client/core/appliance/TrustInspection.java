package org.lanchat.client.core.appliance;

import java.util.Objects;
import java.util.Optional;
import org.lanchat.discovery.trust.Pin;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * What an appliance presented, and what that means here.
 *
 * @param presented the certificate's fingerprint; show {@code presented.shortCode()} to the user
 * @param expected  the short code to compare it with: the trusted one for {@link Verdict#CHANGED},
 *                  {@link Verdict#LOOKALIKE} and {@link Verdict#NEW_APPLIANCE}; for {@link Verdict#NOT_ADVERTISED}
 *                  the advertised one; for {@link Verdict#NOT_PROVISIONED} the provisioned ones
 * @param trusted   the trusted appliance this one was compared with, if any: to name it, and to go back to it
 */
public record TrustInspection(ApplianceChoice choice, CertificateFingerprint presented, Verdict verdict,
        Optional<String> expected, Optional<Pin> trusted) {

    public TrustInspection {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(trusted, "trusted");
    }

    public TrustInspection(ApplianceChoice choice, CertificateFingerprint presented, Verdict verdict,
            Optional<String> expected) {
        this(choice, presented, verdict, expected, Optional.empty());
    }

    /** What the user must be told before going on. */
    public enum Verdict {
        /** The certificate is the trusted one: go on without asking. */
        TRUSTED,
        /** Nothing is trusted on this computer yet: ask once, showing the short code (trust on first use). */
        FIRST_CONTACT,
        /**
         * Another appliance is already trusted and is on the network too, under another name; this one is new
         * here: ask, showing the short code.
         */
        NEW_APPLIANCE,
        /** The trusted appliance now presents another certificate: warn hard; someone may be posing as it. */
        CHANGED,
        /**
         * Not trusted, and it carries the name of a trusted appliance, or a trusted appliance is expected but
         * absent from the network: the way a rogue stands in for the real one. Warn as hard as {@link #CHANGED}.
         */
        LOOKALIKE,
        /** The certificate is not the one the appliance advertised: something is intercepting. Refuse. */
        NOT_ADVERTISED,
        /**
         * The administrator provisioned the trusted appliances ({@link ProvisionedTrust}) and this certificate is
         * not one of them. Refuse; the user cannot trust it.
         */
        NOT_PROVISIONED
    }

    public boolean needsConfirmation() {
        return verdict != Verdict.TRUSTED;
    }

    /** Whether the user may trust this certificate at all, after confirming. */
    public boolean trustable() {
        return verdict != Verdict.NOT_ADVERTISED && verdict != Verdict.NOT_PROVISIONED;
    }

    /** A hard warning: both codes, and trusting needs an explicit "I compared the code". */
    public boolean hardWarning() {
        return verdict == Verdict.CHANGED || verdict == Verdict.LOOKALIKE;
    }
}
