package org.lanchat.client.viewmodel;

import java.util.Objects;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The appliance chosen and trusted, with the certificate the trust check saw: what a sign-in kept on this
 * computer is filed under.
 */
public record ReadyAppliance(ApplianceChoice choice, CertificateFingerprint certificate) {
    public ReadyAppliance {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(certificate, "certificate");
    }
}
