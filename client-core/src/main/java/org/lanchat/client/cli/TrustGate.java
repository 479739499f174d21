package org.lanchat.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Nothing is sent to an appliance before its certificate is trusted. A trusted one goes on, and so does one
 * the administrator provisioned ({@code /etc/lanchat/trusted-appliances}) or the command line names with
 * {@code --trust}: where trust is provisioned, every other certificate is refused and nobody is asked. Otherwise
 * an appliance new here is trusted if the person at the terminal compared the short code and said yes; a
 * changed certificate needs the new code typed back. A script, which nobody can ask, is refused
 * ({@link Exit#UNREACHABLE}) rather than left waiting for an answer.
 */
final class TrustGate {
    private final TrustService trust;
    private final Terminal terminal;
    private final PrintWriter err;

    TrustGate(TrustService trust, Terminal terminal, PrintWriter err) {
        this.trust = trust;
        this.terminal = terminal;
        this.err = err;
    }

    /** The appliance's certificate, once trusted; else the command ends. */
    CertificateFingerprint check(ApplianceChoice choice) {
        TrustInspection inspection;
        try {
            inspection = trust.inspect(choice);
        } catch (IOException e) {
            throw CommandFailure.silent("Cannot reach " + choice.describe() + ": " + e.getMessage());
        }
        CertificateFingerprint presented = inspection.presented();
        String code = presented.shortCode();
        switch (inspection.verdict()) {
            case TRUSTED -> {
                return presented;
            }
            case NOT_ADVERTISED -> throw CommandFailure.unreachable(choice.describe() + " advertised the code "
                    + inspection.expected().orElse("?") + " but presents " + code + ": something between you and the "
                    + "appliance is intercepting the connection. Nothing was sent; tell your administrator.");
            case NOT_PROVISIONED -> throw CommandFailure.unreachable(choice.describe() + " presents the code " + code
                    + ", which is not among those trusted on this computer (" + inspection.expected().orElse("none")
                    + ", given with --trust or in " + ProvisionedTrust.SYSTEM_FILE + "). Nothing was sent.");
            default -> {
                ask(inspection);
                record(inspection);
                return presented;
            }
        }
    }

    private void ask(TrustInspection inspection) {
        String name = inspection.choice().describe();
        String code = inspection.presented().shortCode();
        String warning = switch (inspection.verdict()) {
            case FIRST_CONTACT -> "First connection to " + name + ".\nIts code is " + code + ". Compare it with the code "
                    + "your administrator gives you ('lanchat-appliance --fingerprint' prints it on the appliance).";
            case NEW_APPLIANCE -> "A new appliance: " + name + ". This computer trusts another one (code "
                    + inspection.expected().orElse("?") + ").\nIts code is " + code + ". Continue only if your "
                    + "administrator confirms it.";
            default -> "WARNING: " + name + " presents a certificate this computer does not trust.\n"
                    + "Trusted code:   " + inspection.expected().orElse("(none)") + "\nPresented code: " + code + "\n"
                    + "Someone on the network may be posing as the appliance. No password has been sent.";
        };
        if (!terminal.interactive()) {
            throw CommandFailure.unreachable(warning + "\nNot trusted: nobody at a terminal to ask. Give --trust " + code
                    + " once you have compared the code.");
        }
        err.println(warning);
        err.flush();
        boolean soft = inspection.verdict() == TrustInspection.Verdict.FIRST_CONTACT
                || inspection.verdict() == TrustInspection.Verdict.NEW_APPLIANCE;
        boolean yes = soft
                ? terminal.readLine("Trust this appliance? [y/N] ").map(a -> a.strip().toLowerCase(Locale.ROOT))
                        .filter(a -> a.equals("y") || a.equals("yes")).isPresent()
                : terminal.readLine("Only if your administrator confirms the new code: type it to trust it, or press "
                        + "Enter to stop: ").filter(typed -> sameCode(typed, inspection.presented())).isPresent();
        if (!yes) {
            throw CommandFailure.unreachable("Not trusted; nothing was sent.");
        }
    }

    /** The code as typed: case, dashes and spaces as they come; O read as 0, I and L as 1 (Crockford's base32). */
    private static boolean sameCode(String typed, CertificateFingerprint presented) {
        return compact(typed).equals(compact(presented.shortCode()));
    }

    private static String compact(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1').replace('L', '1');
    }

    private void record(TrustInspection inspection) {
        try {
            trust.trust(inspection);
        } catch (IOException e) {
            throw CommandFailure.failed("Could not record the trusted appliance: " + e.getMessage());
        }
    }
}
