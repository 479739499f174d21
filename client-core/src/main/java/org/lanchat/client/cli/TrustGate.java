package org.lanchat.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import org.lanchat.client.core.ClientProblem;
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
            ClientProblem problem = ClientProblem.of(e);
            // The core's sentence for "unreachable" names no address; said with the address, once.
            throw CommandFailure.silent(problem.kind() == ClientProblem.Kind.UNREACHABLE
                    ? Texts.text("trust.unreachable", choice.describe())
                    : Texts.text("trust.troubled", choice.describe(), Failure.sentence(problem)));
        }
        CertificateFingerprint presented = inspection.presented();
        String code = presented.shortCode();
        switch (inspection.verdict()) {
            case TRUSTED -> {
                return presented;
            }
            case NOT_ADVERTISED -> throw CommandFailure.unreachable(Texts.text("trust.notAdvertised", choice.describe(),
                    inspection.expected().orElse("?"), code));
            case NOT_PROVISIONED -> throw CommandFailure.unreachable(Texts.text("trust.notProvisioned", choice.describe(),
                    code, inspection.expected().orElseGet(() -> Texts.text("trust.noCode")), ProvisionedTrust.SYSTEM_FILE));
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
            case FIRST_CONTACT -> Texts.text("trust.firstContact", name, code);
            case NEW_APPLIANCE -> Texts.text("trust.newAppliance", name, inspection.expected().orElse("?"), code);
            default -> Texts.text("trust.changed", name, inspection.expected().orElseGet(() -> Texts.text("trust.noCode")),
                    code);
        };
        if (!terminal.interactive()) {
            throw CommandFailure.unreachable(Texts.text("trust.nobodyToAsk", warning, code));
        }
        err.println(warning);
        err.flush();
        boolean soft = inspection.verdict() == TrustInspection.Verdict.FIRST_CONTACT
                || inspection.verdict() == TrustInspection.Verdict.NEW_APPLIANCE;
        boolean yes = soft
                ? terminal.readLine(Texts.text("trust.askPrompt")).filter(TrustGate::yes).isPresent()
                : terminal.readLine(Texts.text("trust.typeCodePrompt"))
                        .filter(typed -> sameCode(typed, inspection.presented())).isPresent();
        if (!yes) {
            throw CommandFailure.unreachable(Texts.text("trust.refused"));
        }
    }

    /** "y" or "yes", and the words the language's bundle lists ({@code trust.yes}, e.g. 是). */
    private static boolean yes(String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes") || Arrays.asList(Texts.text("trust.yes").split(",")).contains(a);
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
            throw CommandFailure.failed(Texts.text("trust.recordFailed", Texts.trouble(e)));
        }
    }
}
