package org.lanchat.client.core.appliance;

import java.util.Optional;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * What a row in the list of appliances says about trust, known without connecting: the certificate's short code
 * (as advertised, or as trusted for a remembered appliance) and whether it is trusted here. Two appliances with
 * different certificates never show the same badge, whatever names they carry.
 *
 * @param code    the certificate it claims; empty for a typed address, known only once connected
 * @param trusted whether that certificate is trusted on this computer (the connection still checks it)
 */
public record TrustBadge(Optional<CertificateFingerprint> code, boolean trusted) {

    public static final TrustBadge UNKNOWN = new TrustBadge(Optional.empty(), false);

    /** "7KQ2-M9XD-4TBE · trusted", "C0DE-… · not trusted", "code unknown". */
    public String describe() {
        return code.map(c -> c.shortCode() + (trusted ? " \u00b7 trusted" : " \u00b7 not trusted")).orElse("code unknown");
    }
}
