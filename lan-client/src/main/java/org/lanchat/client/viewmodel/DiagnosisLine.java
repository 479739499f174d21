package org.lanchat.client.viewmodel;

import java.util.Objects;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;

/**
 * One layer of "why can't I find the appliance?", in plain words.
 *
 * @param layer       what was checked: "Finding appliances on the network"
 * @param outcome     passed, failed, or not checked
 * @param headline    the answer: "No multicast answers arrive"
 * @param explanation what that means and what usually causes it
 */
public record DiagnosisLine(String layer, Outcome outcome, String headline, String explanation) {
    public DiagnosisLine {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(explanation, "explanation");
    }
}
