package org.lanchat.discovery.locate;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DiscoveryDiagnostics} found out, one check per layer: do multicast answers arrive, is the
 * appliance's TCP port reachable, does its TLS certificate match the pin.
 *
 * @param listeningOn the interface addresses mDNS ran on
 */
public record DiagnosticReport(List<String> listeningOn, Check multicast, Check tcp, Check tls) {

    public enum Outcome { PASSED, FAILED, NOT_RUN }

    /** One check: its outcome and a sentence for the user. */
    public record Check(Outcome outcome, String detail) {
        public Check {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }

        public boolean passed() {
            return outcome == Outcome.PASSED;
        }
    }

    public DiagnosticReport {
        listeningOn = List.copyOf(listeningOn);
        Objects.requireNonNull(multicast, "multicast");
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(tls, "tls");
    }

    public boolean multicastAnswersSeen() {
        return multicast.passed();
    }

    public boolean tcpReachable() {
        return tcp.passed();
    }

    public boolean tlsMatchesPin() {
        return tls.passed();
    }

    /** The report as lines a user can read or paste into a support request. */
    public String describe() {
        return "Listening for mDNS on: " + (listeningOn.isEmpty() ? "no interface" : String.join(", ", listeningOn))
                + "\nMulticast answers: " + multicast.outcome() + " - " + multicast.detail()
                + "\nTCP port:          " + tcp.outcome() + " - " + tcp.detail()
                + "\nTLS certificate:   " + tls.outcome() + " - " + tls.detail();
    }
}
