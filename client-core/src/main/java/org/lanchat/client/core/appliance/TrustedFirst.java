package org.lanchat.client.core.appliance;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the administrator provisioned trust, which of the appliances found is worth trying: one that advertises a
 * provisioned certificate. Every other one would be refused on connecting, so with two appliances on the network and
 * one of them trusted here, taking whichever discovery reported first would end in a refusal half the time.
 *
 * <p>An advertised fingerprint (TXT {@code fp}) is what anyone on the LAN can claim, so this only steers the choice
 * and never grants trust: the certificate is still checked on connecting ({@link TrustService#inspect}), and one
 * that differs from the advertised one is refused there. Without provisioning it steers nothing, since the user
 * decides on the short code and no appliance is refused in advance.
 */
public final class TrustedFirst {
    private static final TrustedFirst NONE = new TrustedFirst(ProvisionedTrust.none(), choice -> TrustBadge.UNKNOWN);

    private final ProvisionedTrust provisioned;
    /** The code a choice carries, as the list of appliances shows it: advertised, or pinned for one remembered. */
    private final Function<ApplianceChoice, TrustBadge> badges;

    /** @param trust judges the badges under {@code provisioned}, as {@link PinTrustService} does */
    public TrustedFirst(ProvisionedTrust provisioned, TrustService trust) {
        this(provisioned, Objects.requireNonNull(trust, "trust")::badge);
    }

    private TrustedFirst(ProvisionedTrust provisioned, Function<ApplianceChoice, TrustBadge> badges) {
        this.provisioned = Objects.requireNonNull(provisioned, "provisioned");
        this.badges = badges;
    }

    /** Steers nothing: nothing is provisioned. */
    public static TrustedFirst none() {
        return NONE;
    }

    /** Whether trust is provisioned, so that only some appliances are worth trying. */
    public boolean applies() {
        return provisioned.isProvisioned();
    }

    /**
     * Whether {@code choice} claims a provisioned certificate: the one it advertises, or for an appliance remembered
     * but not heard now, the one pinned when it was last reached. Never without provisioning.
     */
    public boolean likelyTrusted(ApplianceChoice choice) {
        return applies() && badges.apply(choice).trusted();
    }

    /**
     * Whether {@code choice} is known to carry a certificate that is not provisioned, and so would be refused. Never
     * without provisioning, nor for an appliance whose certificate is unknown until connecting (a typed address).
     */
    public boolean knownUntrusted(ApplianceChoice choice) {
        if (!applies()) {
            return false;
        }
        TrustBadge badge = badges.apply(choice);
        return badge.code().isPresent() && !badge.trusted();
    }
}
