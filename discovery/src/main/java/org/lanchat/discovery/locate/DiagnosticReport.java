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

    /**
     * What a check found, for a UI to explain in its own words with {@link Check#arguments()}; the English
     * {@link Check#detail()} says the same for the administrator's copy of the report.
     */
    public enum Finding {
        /** No network interface can run multicast. */
        NO_INTERFACE,
        /** Arguments: the appliance's name. */
        APPLIANCE_ANSWERED,
        /** Arguments: the service types that answered, joined by commas. */
        OTHERS_ANSWERED,
        NO_MULTICAST_ANSWERS,
        /** Discovery is off on this computer, so multicast was not tried. */
        DISCOVERY_OFF,
        /** None discovered and no address given. */
        NO_TARGET,
        /** Arguments: the address and port. */
        ACCEPTS_CONNECTIONS,
        /** Arguments: the address and port. */
        REFUSES_CONNECTIONS,
        /** Not checked because the TCP port is not reachable. */
        PORT_UNREACHABLE,
        HANDSHAKE_FAILED,
        /** Arguments: the presented code, the advertised code. */
        NOT_THE_ADVERTISED_CODE,
        /** Arguments: the presented code, the trusted appliance's name. */
        MATCHES_THE_PIN,
        /** Arguments: the presented code. */
        NOTHING_PINNED,
        /** Arguments: the presented code, the trusted code. */
        NOT_THE_PINNED_CODE,
        /** Made elsewhere with a detail only. */
        OTHER
    }

    /** One check: its outcome, what it found (with its arguments) and the same in English. */
    public record Check(Outcome outcome, Finding finding, List<Object> arguments, String detail) {
        public Check {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(finding, "finding");
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(detail, "detail");
        }

        public Check(Outcome outcome, String detail) {
            this(outcome, Finding.OTHER, List.of(), detail);
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
