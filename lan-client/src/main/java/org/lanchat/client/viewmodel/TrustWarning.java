package org.lanchat.client.viewmodel;

import org.lanchat.client.core.appliance.TrustInspection;

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
        String trustedName = inspection.trusted().map(pin -> pin.name()).filter(n -> !n.isBlank()).orElse("the appliance");
        return switch (inspection.verdict()) {
            case FIRST_CONTACT -> new TrustWarning("First connection to " + name,
                    // The view shows the code itself, large, under this text.
                    "Compare the code below with the one your administrator gives you (the appliance "
                            + "prints it with 'lanchat-appliance --fingerprint'). Continue only if they match: this "
                            + "computer will then trust this appliance.");
            case NEW_APPLIANCE -> new TrustWarning("A new appliance: " + name,
                    "This computer trusts another appliance (code " + expected + "). " + name
                            + " is new here. Continue only if your administrator confirms the code below.");
            case CHANGED -> new TrustWarning("WARNING: the certificate of " + name + " has changed",
                    "The appliance presents a certificate this computer does not trust.\n\n"
                            + "Trusted code:   " + expected + "\nPresented code: " + code + "\n\n"
                            + "Someone on the network may be posing as the appliance. No password has been sent. "
                            + "Continue only if your administrator confirms that the appliance's certificate was "
                            + "replaced and that its new code is " + code + ".");
            case LOOKALIKE -> new TrustWarning("WARNING: this is not the " + trustedName + " this computer trusts",
                    name + " is not trusted here"
                            + (sameName(name, trustedName) ? ", although it carries the name of the trusted appliance."
                                    : ", and the trusted appliance, " + trustedName + ", is not on the network.")
                            + "\n\nTrusted code:   " + expected + "\nPresented code: " + code + "\n\n"
                            + "Someone on the network may be posing as the appliance. No password has been sent. "
                            + "Continue only if your administrator confirms that " + name + " is a new appliance and "
                            + "that its code is " + code + ".");
            case NOT_ADVERTISED -> new TrustWarning("Connection refused: " + name,
                    inspection.trusted().isPresent()
                            // A stale advertisement of the trusted appliance, answered by another certificate.
                            ? "The appliance answering as " + name + " is not the one this computer trusts.\n\n"
                                    + "Trusted code:   " + expected + "\nPresented code: " + code + "\n\n"
                                    + "Someone on the network may be posing as the appliance. Nothing has been sent. "
                                    + "Tell your administrator."
                            : name + " announced the code " + expected + " on the network, but the connection presents "
                                    + code + ". Something between you and the appliance is intercepting the connection. "
                                    + "Nothing has been sent. Tell your administrator.");
            case NOT_PROVISIONED -> new TrustWarning("Not an appliance your administrator trusts: " + name,
                    "On this computer your administrator decides which appliances are trusted (code "
                            + expected + "). " + name + " presents " + code + ", which is not one of them, so "
                            + "LAN Chat will not connect to it. Nothing has been sent. Tell your administrator.");
            case TRUSTED -> throw new IllegalArgumentException("A trusted certificate needs no warning: " + name);
        };
    }

    private static boolean sameName(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }
}
