package org.lanchat.client.viewmodel;

import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.i18n.Texts;

/**
 * What the trust prompt says about a certificate that is not simply trusted.
 *
 * <p>The wording is where the security lies for the user: each verdict must say plainly whether anything
 * was sent and what to compare, so it lives apart from the connection flow that decides when to ask.
 *
 * @param title the prompt's heading; a hard warning starts with "WARNING"
 * @param text  what happened and what to do; the view shows the presented code itself under it
 */
record TrustWarning(String title, String text) {
    /** @throws IllegalArgumentException for a trusted certificate, which needs no prompt */
    static TrustWarning of(TrustInspection inspection) {
        String name = inspection.choice().name();
        String code = inspection.presented().shortCode();
        String expected = inspection.expected().orElse("");
        String trustedName = inspection.trusted().map(pin -> pin.name()).filter(n -> !n.isBlank())
                .orElse(Texts.text("trust.theAppliance"));
        String codes = Texts.text("trust.codes", expected, code);
        return switch (inspection.verdict()) {
            case FIRST_CONTACT -> new TrustWarning(Texts.text("trust.firstContact.title", name),
                    // The view shows the code itself, large, under this text.
                    Texts.text("trust.firstContact.text"));
            case NEW_APPLIANCE -> new TrustWarning(Texts.text("trust.newAppliance.title", name),
                    Texts.text("trust.newAppliance.text", expected, name));
            case CHANGED -> new TrustWarning(Texts.text("trust.changed.title", name),
                    Texts.text("trust.changed.text", codes, code));
            case LOOKALIKE -> new TrustWarning(Texts.text("trust.lookalike.title", trustedName),
                    Texts.text("trust.lookalike.text", sameName(name, trustedName)
                            ? Texts.text("trust.lookalike.sameName", name)
                            : Texts.text("trust.lookalike.otherName", name, trustedName), codes, name, code));
            case NOT_ADVERTISED -> new TrustWarning(Texts.text("trust.notAdvertised.title", name),
                    inspection.trusted().isPresent()
                            // A stale advertisement of the trusted appliance, answered by another certificate.
                            ? Texts.text("trust.notAdvertised.impostor", name, codes)
                            : Texts.text("trust.notAdvertised.intercepted", name, expected, code));
            case NOT_PROVISIONED -> new TrustWarning(Texts.text("trust.notProvisioned.title", name),
                    Texts.text("trust.notProvisioned.text", expected, name, code));
            case TRUSTED -> throw new IllegalArgumentException("A trusted certificate needs no warning: " + name);
        };
    }

    private static boolean sameName(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }
}
