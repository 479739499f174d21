package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.TrustBadge;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The decisions before anything is sent: what is asked at a terminal, what a script must say, what is refused. */
class TrustGateTest {
    private static final CertificateFingerprint PRESENTED = new CertificateFingerprint("a1".repeat(32));
    private static final ApplianceChoice OFFICE = ApplianceChoice.manual(new InetSocketAddress("127.0.0.1", 7447));

    private final List<TrustInspection> trusted = new ArrayList<>();
    private final StringWriter told = new StringWriter();

    /** The sentences checked here are the English ones, whatever the machine's locale. */
    @BeforeEach
    void speakEnglish() {
        Texts.use(Locale.ENGLISH);
    }

    private TrustService answering(Verdict verdict) {
        return new TrustService() {
            @Override
            public TrustInspection inspect(ApplianceChoice choice) {
                return new TrustInspection(choice, PRESENTED, verdict,
                        verdict == Verdict.FIRST_CONTACT ? Optional.empty() : Optional.of("0000-0000-0000"));
            }

            @Override
            public TrustBadge badge(ApplianceChoice choice) {
                return TrustBadge.UNKNOWN;
            }

            @Override
            public void trust(TrustInspection inspection) {
                trusted.add(inspection);
            }
        };
    }

    /** Someone at a terminal who types these answers. */
    private static Terminal typing(String... answers) {
        Deque<String> left = new ArrayDeque<>(List.of(answers));
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.ofNullable(left.poll());
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return Optional.empty();
            }
        };
    }

    private TrustGate gate(Verdict verdict, Terminal terminal) {
        return new TrustGate(answering(verdict), terminal, new PrintWriter(told, true));
    }

    @Test
    void onFirstContactThePersonAtTheTerminalSeesTheCodeAndSaysYes() {
        assertThat(gate(Verdict.FIRST_CONTACT, typing("y")).check(OFFICE)).isEqualTo(PRESENTED);
        assertThat(told.toString()).contains(PRESENTED.shortCode());
        assertThat(trusted).hasSize(1);
    }

    @Test
    void anythingButYesTrustsNothing() {
        assertThatThrownBy(() -> gate(Verdict.FIRST_CONTACT, typing("")).check(OFFICE))
                .isInstanceOfSatisfying(CommandFailure.class, f -> assertThat(f.exitCode()).isEqualTo(Exit.UNREACHABLE));
        assertThat(trusted).isEmpty();
    }

    @Test
    void aChangedCertificateIsTrustedOnlyWhenTheNewCodeIsTypedBack() {
        assertThatThrownBy(() -> gate(Verdict.CHANGED, typing("y")).check(OFFICE))
                .isInstanceOf(CommandFailure.class);
        assertThat(told.toString()).contains("WARNING", "0000-0000-0000", PRESENTED.shortCode());
        assertThat(trusted).isEmpty();

        String typedSloppily = PRESENTED.shortCode().toLowerCase().replace("-", " ");
        assertThat(gate(Verdict.CHANGED, typing(typedSloppily)).check(OFFICE)).isEqualTo(PRESENTED);
        assertThat(trusted).hasSize(1);
    }

    @Test
    void aScriptIsNeverAskedButToldWhichCodeToGive() {
        assertThatThrownBy(() -> gate(Verdict.NEW_APPLIANCE, Terminal.none()).check(OFFICE))
                .isInstanceOfSatisfying(CommandFailure.class, f -> assertThat(f.getMessage()).contains("--trust "
                        + PRESENTED.shortCode()));
        assertThat(trusted).isEmpty();
    }

    @Test
    void whereTrustIsProvisionedAnyOtherCertificateIsRefusedWithoutAsking() {
        assertThatThrownBy(() -> gate(Verdict.NOT_PROVISIONED, typing("y")).check(OFFICE))
                .isInstanceOfSatisfying(CommandFailure.class, f -> assertThat(f.getMessage())
                        .contains(PRESENTED.shortCode(), "0000-0000-0000")
                        // 'lanchat who' said "Nothing was sent", as if it had meant to send a message.
                        .endsWith("LAN Chat stopped before logging in: nothing, not even your password, went to it."));
        assertThat(told.toString()).as("nothing asked").isEmpty();
        assertThat(trusted).isEmpty();
    }

    @Test
    void aCertificateOtherThanTheAdvertisedOneIsRefused() {
        assertThatThrownBy(() -> gate(Verdict.NOT_ADVERTISED, typing("y")).check(OFFICE))
                .isInstanceOfSatisfying(CommandFailure.class, f -> assertThat(f.getMessage()).contains("intercepting"));
        assertThat(trusted).isEmpty();
    }

    @Test
    void anAddressTypedAsItselfIsNamedOnceInTheFirstContactQuestion() {
        gate(Verdict.FIRST_CONTACT, typing("y")).check(OFFICE);
        assertThat(told.toString()).startsWith("First connection to 127.0.0.1:7447.\n");
    }

    @Test
    void anApplianceThatCannotBeReachedIsOneSentenceNamingItsAddressOnce() {
        TrustService silent = new TrustService() {
            @Override
            public TrustInspection inspect(ApplianceChoice choice) throws ConnectException {
                throw new ConnectException("Connection refused");
            }

            @Override
            public TrustBadge badge(ApplianceChoice choice) {
                return TrustBadge.UNKNOWN;
            }

            @Override
            public void trust(TrustInspection inspection) {
                trusted.add(inspection);
            }
        };
        assertThatThrownBy(() -> new TrustGate(silent, Terminal.none(), new PrintWriter(told, true)).check(OFFICE))
                .isInstanceOfSatisfying(CommandFailure.class, f -> {
                    assertThat(f.applianceSilent()).as("colleagues may still be reached directly").isTrue();
                    assertThat(f.getMessage()).isEqualTo("Cannot reach the appliance at 127.0.0.1:7447: check that it is"
                            + " running and that this computer is on its network.");
                });
    }
}
