package org.lanchat.discovery.trust;

import org.lanchat.protocol.trust.CertificateFingerprint;

/** What the pin store says about a certificate an appliance presented. */
public sealed interface PinDecision {

    /** The certificate is the one pinned for this appliance (or for the only appliance known). */
    record Trusted(Pin pin) implements PinDecision {
    }

    /**
     * Nothing is pinned yet: this is the client's first contact with any appliance. Trust on first use
     * pins it; a careful user compares {@code presented.shortCode()} with the admin's.
     */
    record FirstContact(CertificateFingerprint presented) implements PinDecision {
    }

    /**
     * The certificate is not the trusted one.
     *
     * @param expected      the pin it was compared with
     * @param presented     what the appliance presented
     * @param sameAppliance true if the appliance claims the pinned appliance's id (a rogue copying it, or
     *                      the real appliance with a new certificate); false if it is a different appliance
     *                      that the user has not trusted yet
     */
    record Mismatch(Pin expected, CertificateFingerprint presented, boolean sameAppliance) implements PinDecision {
    }
}
