package org.lanchat.client.core.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.trust.Pin;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A rogue appliance takes the trusted one's name, or appears while the trusted one is down; neither may get the
 * soft one-click question a genuinely new appliance gets.
 */
class PinTrustServiceTest {
    static final CertificateFingerprint REAL = new CertificateFingerprint("3a".repeat(32));
    static final CertificateFingerprint ROGUE = new CertificateFingerprint("c7".repeat(32));
    static final ApplianceChoice OFFICE = discovered("Office", "a".repeat(32), REAL, 7447);
    static final ApplianceChoice ROGUE_OFFICE = discovered("Office", "b".repeat(32), ROGUE, 7448);

    @TempDir
    Path dir;
    PinStore pins;
    final List<ApplianceChoice> onNetwork = new ArrayList<>();
    PinTrustService service;

    @BeforeEach
    void trustTheOfficeAppliance() throws IOException {
        pins = PinStore.open(dir);
        pins.pin(OFFICE.id().orElseThrow(), "Office", REAL);
        service = new PinTrustService(pins, ProvisionedTrust.none(), () -> List.copyOf(onNetwork), Duration.ofSeconds(1));
    }

    @Test
    void aStrangerCarryingTheTrustedNameIsAHardWarningWithBothCodesEvenWhileTheRealOneIsOnTheNetwork() throws IOException {
        onNetwork.addAll(List.of(OFFICE, ROGUE_OFFICE));

        TrustInspection inspection = service.judge(ROGUE_OFFICE, ROGUE);

        assertThat(inspection.verdict()).isEqualTo(Verdict.LOOKALIKE);
        assertThat(inspection.hardWarning()).isTrue();
        assertThat(inspection.expected()).contains(REAL.shortCode());
        assertThat(inspection.trusted()).map(Pin::fingerprint).contains(REAL);
    }

    @Test
    void theNameMatchesRegardlessOfCaseSpacingAndATrailingDot() throws IOException {
        assertThat(service.judge(discovered(" office. ", "c".repeat(32), ROGUE, 7448), ROGUE).verdict())
                .isEqualTo(Verdict.LOOKALIKE);
    }

    @Test
    void aStrangerUnderAnotherNameWhileTheTrustedOneIsAbsentIsAHardWarning() throws IOException {
        ApplianceChoice lab = discovered("Lab", "c".repeat(32), ROGUE, 7448);
        onNetwork.add(lab);

        assertThat(service.judge(lab, ROGUE).verdict()).isEqualTo(Verdict.LOOKALIKE);
    }

    @Test
    void aTypedAddressWhileTheTrustedOneIsAbsentIsAHardWarning() throws IOException {
        ApplianceChoice typed = ApplianceChoice.manual(new InetSocketAddress("127.0.0.1", 7448));

        assertThat(service.judge(typed, ROGUE).verdict()).isEqualTo(Verdict.LOOKALIKE);
    }

    @Test
    void onlyADifferentlyNamedApplianceBesideThePresentTrustedOneIsTheSoftQuestion() throws IOException {
        ApplianceChoice lab = discovered("Lab", "c".repeat(32), ROGUE, 7448);
        onNetwork.addAll(List.of(OFFICE, lab));

        TrustInspection inspection = service.judge(lab, ROGUE);

        assertThat(inspection.verdict()).isEqualTo(Verdict.NEW_APPLIANCE);
        assertThat(inspection.hardWarning()).isFalse();
    }

    @Test
    void aStaleAdvertisementOfTheTrustedApplianceAnsweredByAnotherCertificateNamesTheTrustedAppliance()
            throws IOException {
        TrustInspection inspection = service.judge(OFFICE, ROGUE);

        assertThat(inspection.verdict()).isEqualTo(Verdict.NOT_ADVERTISED);
        assertThat(inspection.trustable()).isFalse();
        assertThat(inspection.trusted()).map(Pin::fingerprint).contains(REAL);
    }

    @Test
    void rowsForDifferentCertificatesShowDifferentCodesAndOnlyTheTrustedOneTheBadge() {
        TrustBadge real = service.badge(OFFICE);
        TrustBadge rogue = service.badge(ROGUE_OFFICE);

        assertThat(real).isEqualTo(new TrustBadge(Optional.of(REAL), true));
        assertThat(rogue).isEqualTo(new TrustBadge(Optional.of(ROGUE), false));
        assertThat(real.describe()).isNotEqualTo(rogue.describe());
    }

    @Test
    void theRememberedApplianceShowsTheCodeTrustedForIt() {
        ApplianceChoice remembered = new ApplianceChoice("Office", OFFICE.address(), OFFICE.id(), Optional.empty(),
                FoundBy.CACHED);

        assertThat(service.badge(remembered)).isEqualTo(new TrustBadge(Optional.of(REAL), true));
    }

    static ApplianceChoice discovered(String name, String id, CertificateFingerprint advertised, int port) {
        return new ApplianceChoice(name, new InetSocketAddress("127.0.0.1", port), Optional.of(new ApplianceId(id)),
                Optional.of(advertised), FoundBy.DISCOVERY);
    }
}
