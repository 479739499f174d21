package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustBadge;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.client.core.appliance.TypedAddressException;
import org.lanchat.client.testing.SameThread;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.locate.DiagnosticReport;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Finding;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.trust.Pin;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.junit.jupiter.api.Test;

class StartViewModelTest {
    private static final CertificateFingerprint FP = new CertificateFingerprint("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    private static final CertificateFingerprint ROGUE = new CertificateFingerprint("c7".repeat(32));
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeTrust trust = new FakeTrust();
    private final FakeDiagnostics diagnostics = new FakeDiagnostics();
    private final List<ApplianceChoice> ready = new ArrayList<>();
    private final StartViewModel model = new StartViewModel(directory, trust, diagnostics, SameThread.EXECUTOR,
            SameThread.EXECUTOR, r -> ready.add(r.choice()));

    @Test
    void theOnlyApplianceFoundIsUsedWithoutAsking() {
        ApplianceChoice office = discovered("Office", 1);
        trust.verdicts.put(office, Verdict.TRUSTED);
        model.start();
        directory.publish(List.of(office));
        assertThat(ready).containsExactly(office);
        assertThat(model.pendingTrustProperty().get()).isNull();
    }

    @Test
    void withSeveralAppliancesTheUserChooses() {
        ApplianceChoice office = discovered("Office", 1);
        ApplianceChoice lab = discovered("Lab", 2);
        trust.verdicts.put(lab, Verdict.TRUSTED);
        model.start();
        directory.publish(List.of(office, lab));
        assertThat(ready).isEmpty();
        assertThat(model.appliances()).containsExactly(office, lab);
        assertThat(model.messageProperty().get()).isEqualTo("Found 2 appliances: choose one.");

        model.selectedProperty().set(lab);
        model.connectSelected();
        assertThat(ready).containsExactly(lab);
    }

    @Test
    void theApplianceUsedLastTimeIsPreferredWhenItIsFoundAgain() {
        ApplianceChoice office = discovered("Office", 1);
        ApplianceChoice lab = discovered("Lab", 2);
        directory.lastGood = Optional.of(new ApplianceChoice("Lab", lab.address(), lab.id(), Optional.empty(), FoundBy.CACHED));
        trust.verdicts.put(lab, Verdict.TRUSTED);
        model.start();
        directory.publish(List.of(office, lab));
        assertThat(ready).containsExactly(lab);
    }

    @Test
    void firstContactShowsTheShortCodeAndWaitsForTheUser() {
        ApplianceChoice office = discovered("Office", 1);
        trust.verdicts.put(office, Verdict.FIRST_CONTACT);
        model.start();
        directory.publish(List.of(office));

        assertThat(ready).isEmpty();
        assertThat(model.pendingTrustProperty().get().verdict()).isEqualTo(Verdict.FIRST_CONTACT);
        assertThat(model.trustTextProperty().get()).startsWith("Compare the code below").contains("--fingerprint");
        assertThat(model.pendingTrustProperty().get().presented().shortCode()).isEqualTo("Q9W1-DFWF-077Y");
        assertThat(model.canTrustProperty().get()).isTrue();

        model.acceptTrust();
        assertThat(trust.trusted).hasSize(1);
        assertThat(ready).containsExactly(office);
        assertThat(model.pendingTrustProperty().get()).isNull();
    }

    @Test
    void aChangedCertificateIsAHardWarningThatNeedsTheCodeCompared() {
        ApplianceChoice office = discovered("Office", 1);
        trust.verdicts.put(office, Verdict.CHANGED);
        model.start();
        directory.publish(List.of(office));

        assertThat(model.trustTitleProperty().get()).startsWith("WARNING");
        assertThat(model.trustTextProperty().get()).contains("OLD0-CODE-0000", "Q9W1-DFWF-077Y", "No password has been sent");
        assertThat(model.canTrustProperty().get()).isFalse();
        model.acceptTrust();
        assertThat(trust.trusted).isEmpty();

        model.codeComparedProperty().set(true);
        assertThat(model.canTrustProperty().get()).isTrue();
        model.acceptTrust();
        assertThat(ready).containsExactly(office);
    }

    @Test
    void aStrangerCarryingTheTrustedNameIsTheHardWarningWithBothCodesAndTheWayBack() {
        ApplianceChoice real = new ApplianceChoice("Office", discovered("Office", 1).address(), discovered("Office", 1).id(),
                Optional.empty(), FoundBy.CACHED);
        ApplianceChoice rogue = discovered("Office", 2, ROGUE);
        directory.lastGood = Optional.of(real);
        trust.badges.put(real, new TrustBadge(Optional.of(FP), true));
        trust.badges.put(rogue, new TrustBadge(Optional.of(ROGUE), false));
        trust.verdicts.put(rogue, Verdict.LOOKALIKE);
        trust.verdicts.put(real, Verdict.TRUSTED);
        trust.trustedPin.put(rogue, new Pin(real.id().orElseThrow(), "Office", FP, Instant.EPOCH));
        model.start();
        directory.publish(List.of(rogue));

        assertThat(model.describeRow(rogue)).as("rows for different certificates differ")
                .isNotEqualTo(model.describeRow(real).replace("used last time", "on the network"))
                .contains(ROGUE.shortCode(), "not trusted");
        assertThat(model.describeRow(real)).contains(FP.shortCode(), "trusted");
        model.selectedProperty().set(rogue);
        model.connectSelected();

        assertThat(model.trustTitleProperty().get()).startsWith("WARNING");
        assertThat(model.trustTextProperty().get())
                .contains("Trusted code:   " + FP.shortCode(), "Presented code: " + ROGUE.shortCode(), "No password has been sent")
                .contains("carries the name of the trusted appliance");
        assertThat(model.canTrustProperty().get()).as("not one click").isFalse();
        assertThat(model.backToText(model.backToProperty().get())).isEqualTo("Back to Office (" + FP.shortCode() + ")");

        model.goBack();
        assertThat(model.pendingTrustProperty().get()).isNull();
        assertThat(ready).containsExactly(real);
        assertThat(trust.trusted).isEmpty();
    }

    @Test
    void aStaleAdvertisementAnsweredByAnotherCertificateIsRefusedNamingTheTrustedAndPresentedCodes() {
        ApplianceChoice office = discovered("Office", 1);
        trust.verdicts.put(office, Verdict.NOT_ADVERTISED);
        trust.trustedPin.put(office, new Pin(office.id().orElseThrow(), "Office", ROGUE, Instant.EPOCH));
        model.start();
        directory.publish(List.of(office));

        assertThat(model.trustTextProperty().get())
                .contains("Trusted code:   " + ROGUE.shortCode(), "Presented code: " + FP.shortCode())
                .doesNotContain("advertised");
    }

    @Test
    void underProvisionedTrustTheWindowSaysTheAdministratorDecidesAndAStrangerIsRefusedOutright() {
        model.provisioned(ProvisionedTrust.load(Path.of("/nonexistent/trusted-appliances"), List.of(ROGUE.shortCode())));
        ApplianceChoice office = discovered("Office", 1);
        trust.verdicts.put(office, Verdict.NOT_PROVISIONED);
        model.start();
        directory.publish(List.of(office));

        assertThat(model.provisionedNoteProperty().get()).contains("administrator decides", ROGUE.shortCode());
        assertThat(model.trustTitleProperty().get()).startsWith("Not an appliance your administrator trusts");
        model.codeComparedProperty().set(true);
        assertThat(model.canTrustProperty().get()).isFalse();
    }

    /** With two appliances on the network, the one the administrator trusts is used, in whichever order they come. */
    @Test
    void underProvisionedTrustTheApplianceAdvertisingATrustedCodeIsUsedAndAnotherIsNotTriedByItself() {
        ApplianceChoice other = discovered("Other", 1, ROGUE);
        ApplianceChoice office = discovered("Office", 2, FP);
        startProvisionedTrusting(office, other);

        directory.publish(List.of(other));
        assertThat(ready).as("heard first, but it could only be refused").isEmpty();
        assertThat(model.pendingTrustProperty().get()).isNull();
        assertThat(model.messageProperty().get())
                .isEqualTo("Found one appliance, which your administrator does not trust: still looking for one they do.");

        directory.publish(List.of(other, office));
        assertThat(ready).containsExactly(office);
    }

    @Test
    void underProvisionedTrustTwoAppliancesHeardTogetherNeedNoChoiceWhenOneIsTrusted() {
        ApplianceChoice office = discovered("Office", 2, FP);
        ApplianceChoice other = discovered("Other", 1, ROGUE);
        startProvisionedTrusting(office, other);

        directory.publish(List.of(other, office));

        assertThat(ready).containsExactly(office);
    }

    /** The administrator trusts {@code trusted}'s code alone; both advertise their own. */
    private void startProvisionedTrusting(ApplianceChoice trusted, ApplianceChoice other) {
        model.provisioned(ProvisionedTrust.load(Path.of("/nonexistent/trusted-appliances"),
                List.of(trusted.advertised().orElseThrow().shortCode())));
        trust.badges.put(other, new TrustBadge(other.advertised(), false));
        trust.badges.put(trusted, new TrustBadge(trusted.advertised(), true));
        trust.verdicts.put(trusted, Verdict.TRUSTED);
        model.start();
    }

    @Test
    void aCertificateOtherThanTheAdvertisedOneIsNeverTrusted() {
        ApplianceChoice office = discovered("Office", 1);
        trust.verdicts.put(office, Verdict.NOT_ADVERTISED);
        model.start();
        directory.publish(List.of(office));
        model.codeComparedProperty().set(true);
        assertThat(model.canTrustProperty().get()).isFalse();
        model.rejectTrust();
        assertThat(model.pendingTrustProperty().get()).isNull();
        assertThat(ready).isEmpty();
    }

    @Test
    void aTypedAddressThatDoesNotResolveIsExplained() {
        model.start();
        model.manualAddressProperty().set("no such host");
        model.connectManual();
        assertThat(model.errorProperty().get()).isEqualTo("'no such host' is not a known host name.");
    }

    @Test
    void anUnreachableApplianceIsExplained() {
        ApplianceChoice office = discovered("Office", 1);
        model.start();
        directory.publish(List.of(office));
        assertThat(model.errorProperty().get()).startsWith("Cannot reach Office");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void theDiagnosisSaysInPlainWordsThatMulticastIsBlockedButTheTypedApplianceWorks() {
        model.start();
        diagnostics.answer = new DiagnosticReport(List.of("eth0/10.0.0.5"),
                new Check(Outcome.FAILED, Finding.NO_MULTICAST_ANSWERS, List.of(), "no multicast answers at all"),
                new Check(Outcome.PASSED, Finding.ACCEPTS_CONNECTIONS, List.of("10.0.0.9:7447"), "accepts connections"),
                new Check(Outcome.PASSED, Finding.MATCHES_THE_PIN, List.of("Q9W1-DFWF-077Y", "Office"), "matches"));
        directory.resolvable.put("10.0.0.9", typed(9));
        model.manualAddressProperty().set("10.0.0.9");

        model.diagnose();

        assertThat(diagnostics.targets).containsExactly(Optional.of(typed(9)));
        assertThat(model.diagnosingProperty().get()).isFalse();
        assertThat(model.diagnosisShownProperty().get()).isTrue();
        assertThat(model.diagnosis()).extracting(DiagnosisLine::outcome)
                .containsExactly(Outcome.FAILED, Outcome.PASSED, Outcome.PASSED);
        assertThat(model.diagnosis()).extracting(DiagnosisLine::headline).containsExactly(
                "No multicast answers arrive", "The appliance's port is reachable", "Its certificate matches the trusted one");
        assertThat(model.diagnosis().getFirst().explanation()).startsWith("No multicast answers at all").endsWith("subnet.");
        assertThat(model.diagnosisAdviceProperty().get()).contains("automatic discovery does not reach this computer",
                "Connect with its address");
        assertThat(model.diagnosisReportProperty().get()).contains("Listening for mDNS on: eth0/10.0.0.5", "TCP port:");

        model.closeDiagnosis();
        assertThat(model.diagnosisShownProperty().get()).isFalse();
    }

    @Test
    void aClosedPortIsReportedWithTheCertificateNotChecked() {
        ApplianceChoice office = discovered("Office", 1);
        model.start();
        directory.publish(List.of(office));
        diagnostics.answer = new DiagnosticReport(List.of("eth0/10.0.0.5"),
                new Check(Outcome.PASSED, Finding.APPLIANCE_ANSWERED, List.of("Office"), "answered"),
                new Check(Outcome.FAILED, Finding.REFUSES_CONNECTIONS, List.of("10.0.0.1:7447"), "Connection refused"),
                new Check(Outcome.NOT_RUN, Finding.PORT_UNREACHABLE, List.of(), "skipped"));

        model.diagnose();

        assertThat(diagnostics.targets).containsExactly(Optional.of(office));
        assertThat(model.diagnosis()).extracting(DiagnosisLine::headline).containsExactly(
                "Multicast answers arrive", "The appliance's port cannot be reached", "Not checked");
        assertThat(model.diagnosisAdviceProperty().get()).startsWith("The appliance does not answer on its port");
    }

    @Test
    void withNothingFoundAndNothingTypedTheAdviceIsToTypeTheAddress() {
        model.start();
        diagnostics.answer = new DiagnosticReport(List.of(),
                new Check(Outcome.NOT_RUN, Finding.DISCOVERY_OFF, List.of(), "discovery is off on this computer"),
                new Check(Outcome.NOT_RUN, Finding.NO_TARGET, List.of(), "no appliance to check"),
                new Check(Outcome.NOT_RUN, Finding.NO_TARGET, List.of(), "no appliance to check"));
        model.manualAddressProperty().set("no such host");

        model.diagnose();

        assertThat(diagnostics.targets).containsExactly(Optional.empty());
        assertThat(model.diagnosis()).extracting(DiagnosisLine::headline)
                .containsExactly("Multicast was not tried", "Not checked", "Not checked");
        assertThat(model.diagnosisAdviceProperty().get())
                .startsWith("The typed address does not work: 'no such host' is not a known host name.")
                .contains("type the address your administrator gives you", "in the address field under the list")
                .doesNotContain("above");
    }

    @Test
    void aCertificateMismatchFoundByTheDiagnosisSaysNotToConnect() {
        model.start();
        diagnostics.answer = new DiagnosticReport(List.of("eth0/10.0.0.5"),
                new Check(Outcome.PASSED, Finding.APPLIANCE_ANSWERED, List.of("Office"), "answered"),
                new Check(Outcome.PASSED, Finding.ACCEPTS_CONNECTIONS, List.of("10.0.0.1:7447"), "accepts connections"),
                new Check(Outcome.FAILED, Finding.NOT_THE_PINNED_CODE, List.of("AAAA-BBBB-CCCC", "Q9W1-DFWF-077Y"),
                        "does not match"));

        model.diagnose();

        assertThat(model.diagnosis().get(2).headline()).isEqualTo("Its certificate does not match");
        assertThat(model.diagnosis().get(2).explanation()).contains("AAAA-BBBB-CCCC", "Q9W1-DFWF-077Y");
        assertThat(model.diagnosisAdviceProperty().get()).startsWith("Do not connect");
    }

    private static ApplianceChoice typed(int host) {
        try {
            return ApplianceChoice.manual(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) host}), 7447));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Started with --no-discovery, the start window does not say it is looking (a newcomer waited for it). */
    @Test
    void withoutDiscoveryTheWindowAsksForAnAddressInsteadOfSayingItIsLooking() {
        assertThat(model.messageProperty().get())
                .isEqualTo("Not looking on the network (started without discovery): type the appliance's address.");
    }

    private static ApplianceChoice discovered(String name, int host) {
        return discovered(name, host, FP);
    }

    private static ApplianceChoice discovered(String name, int host, CertificateFingerprint advertised) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) host}), 7447);
            return new ApplianceChoice(name, address, Optional.of(new ApplianceId(("%032x").formatted(host))),
                    Optional.of(advertised), FoundBy.DISCOVERY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class FakeDirectory implements ApplianceDirectory {
        Optional<ApplianceChoice> lastGood = Optional.empty();
        final Map<String, ApplianceChoice> resolvable = new HashMap<>();
        private final List<Consumer<List<ApplianceChoice>>> watchers = new ArrayList<>();

        void publish(List<ApplianceChoice> list) {
            watchers.forEach(w -> w.accept(list));
        }

        @Override
        public void watch(Consumer<List<ApplianceChoice>> listener) {
            watchers.add(listener);
            listener.accept(List.of());
        }

        @Override
        public Optional<ApplianceChoice> lastGood() {
            return lastGood;
        }

        @Override
        public ApplianceChoice manual(String typed) {
            ApplianceChoice known = resolvable.get(typed);
            if (known != null) {
                return known;
            }
            throw new TypedAddressException(TypedAddressException.Reason.UNKNOWN_HOST, typed, "'" + typed + "' is not a known host name");
        }

        @Override
        public void remember(ApplianceChoice choice) {
        }

        @Override
        public Supplier<TrustTarget> follow(ApplianceChoice choice) {
            return choice::trustTarget;
        }

        @Override
        public void close() {
        }
    }

    private static final class FakeTrust implements TrustService {
        final Map<ApplianceChoice, Verdict> verdicts = new HashMap<>();
        final Map<ApplianceChoice, TrustBadge> badges = new HashMap<>();
        final Map<ApplianceChoice, Pin> trustedPin = new HashMap<>();
        final List<TrustInspection> trusted = new ArrayList<>();

        @Override
        public TrustInspection inspect(ApplianceChoice choice) throws IOException {
            Verdict verdict = verdicts.get(choice);
            if (verdict == null) {
                throw new IOException("Connection refused");
            }
            Optional<String> expected = Optional.ofNullable(trustedPin.get(choice)).map(p -> p.fingerprint().shortCode())
                    .or(() -> verdict == Verdict.CHANGED ? Optional.of("OLD0-CODE-0000") : Optional.empty());
            return new TrustInspection(choice, choice.advertised().orElse(FP), verdict, expected,
                    Optional.ofNullable(trustedPin.get(choice)));
        }

        @Override
        public TrustBadge badge(ApplianceChoice choice) {
            return badges.getOrDefault(choice, TrustBadge.UNKNOWN);
        }

        @Override
        public void trust(TrustInspection inspection) {
            trusted.add(inspection);
        }
    }

    private static final class FakeDiagnostics implements DiagnosticsService {
        final List<Optional<ApplianceChoice>> targets = new ArrayList<>();
        DiagnosticReport answer;

        @Override
        public DiagnosticReport diagnose(Optional<ApplianceChoice> target) {
            targets.add(target);
            return answer;
        }
    }
}
