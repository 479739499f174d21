package org.lanchat.client.viewmodel;

import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.TrustBadge;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.client.i18n.Texts;

/**
 * How an appliance reads in the start window's list and on the way-back button.
 *
 * <p>A name can be copied by anyone on the network, so every text here carries the certificate code as well:
 * two appliances with different certificates never read the same, even under one name.
 */
final class ApplianceRows {
    private final TrustService trust;

    ApplianceRows(TrustService trust) {
        this.trust = trust;
    }

    /** Two lines: name and address; certificate code, whether it is trusted, how it was found. */
    String describe(ApplianceChoice choice) {
        String how = switch (choice.foundBy()) {
            case DISCOVERY -> Texts.text("appliance.foundBy.discovery");
            case CACHED -> Texts.text("appliance.foundBy.cached");
            case MANUAL -> Texts.text("appliance.foundBy.manual");
        };
        TrustBadge badge = trust.badge(choice);
        String trusted = badge.code()
                .map(c -> Texts.text(badge.trusted() ? "appliance.trusted" : "appliance.notTrusted", c.shortCode()))
                .orElseGet(() -> Texts.text("appliance.codeUnknown"));
        return choice.describe() + "\n" + trusted + "  \u00b7  " + how;
    }

    boolean trusted(ApplianceChoice choice) {
        return trust.badge(choice).trusted();
    }

    String backToText(ApplianceChoice choice) {
        return backToText(choice, trust.badge(choice));
    }

    static String backToText(ApplianceChoice choice, TrustBadge badge) {
        return badge.code().map(c -> Texts.text("appliance.backToWithCode", choice.name(), c.shortCode()))
                .orElseGet(() -> Texts.text("appliance.backTo", choice.name()));
    }
}
