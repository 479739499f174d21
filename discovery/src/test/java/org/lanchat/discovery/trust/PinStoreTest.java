package org.lanchat.discovery.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.protocol.trust.CertificateFingerprint;

class PinStoreTest {
    private static final ApplianceId OFFICE = new ApplianceId("0123456789abcdef0123456789abcdef");
    private static final ApplianceId LAB = new ApplianceId("fedcba9876543210fedcba9876543210");
    private static final CertificateFingerprint REAL = new CertificateFingerprint("11".repeat(32));
    private static final CertificateFingerprint ROGUE = new CertificateFingerprint("ee".repeat(32));
    private static final CertificateFingerprint LAB_CERT = new CertificateFingerprint("77".repeat(32));

    @TempDir
    Path dataDir;

    @Test
    void theFirstContactWithAnyApplianceIsFirstContact() throws IOException {
        PinStore pins = PinStore.open(dataDir);

        assertThat(pins.decide(Optional.of(OFFICE), REAL)).isEqualTo(new PinDecision.FirstContact(REAL));
        assertThat(pins.pins()).isEmpty();
    }

    @Test
    void aPinnedCertificateIsTrustedAndSurvivesARestart() throws IOException {
        PinStore.open(dataDir).pin(OFFICE, "Office", REAL);

        PinStore reopened = PinStore.open(dataDir);

        assertThat(reopened.decide(Optional.of(OFFICE), REAL)).isInstanceOf(PinDecision.Trusted.class);
        assertThat(reopened.pinFor(OFFICE)).get().extracting(Pin::name, Pin::fingerprint).containsExactly("Office", REAL);
    }

    @Test
    void anotherCertificateForThePinnedIdIsAMismatchOfTheSameAppliance() throws IOException {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", REAL);

        PinDecision decision = pins.decide(Optional.of(OFFICE), ROGUE);

        assertThat(decision).isInstanceOfSatisfying(PinDecision.Mismatch.class, mismatch -> {
            assertThat(mismatch.sameAppliance()).isTrue();
            assertThat(mismatch.expected().fingerprint()).isEqualTo(REAL);
            assertThat(mismatch.presented()).isEqualTo(ROGUE);
        });
    }

    @Test
    void aNewIdDoesNotEarnTrustOnceSomethingIsPinned() throws IOException {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", REAL);

        assertThat(pins.decide(Optional.of(LAB), ROGUE)).isInstanceOfSatisfying(PinDecision.Mismatch.class,
                mismatch -> assertThat(mismatch.sameAppliance()).isFalse());
        assertThat(pins.decide(Optional.empty(), ROGUE)).isInstanceOf(PinDecision.Mismatch.class);
    }

    @Test
    void withoutAnIdAnyPinnedCertificateIsTrusted() throws IOException {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", REAL);
        pins.pin(LAB, "Lab", LAB_CERT);

        assertThat(pins.decide(Optional.empty(), LAB_CERT)).isInstanceOfSatisfying(PinDecision.Trusted.class,
                trusted -> assertThat(trusted.pin().name()).isEqualTo("Lab"));
    }

    @Test
    void pinningAgainReplacesTheOldPinAndForgettingRemovesIt() throws IOException {
        PinStore pins = PinStore.open(dataDir);
        pins.pin(OFFICE, "Office", REAL);
        pins.pin(OFFICE, "Office", ROGUE);

        assertThat(PinStore.open(dataDir).decide(Optional.of(OFFICE), ROGUE)).isInstanceOf(PinDecision.Trusted.class);

        pins.forget(OFFICE);
        assertThat(PinStore.open(dataDir).pins()).isEmpty();
    }

    @Test
    void theMismatchMessageNamesBothShortCodesAndWhatToDo() {
        CertificateMismatchException refused = new CertificateMismatchException(
                CertificateMismatchException.Reason.NOT_THE_PINNED_CERTIFICATE, "Office",
                new InetSocketAddress("10.0.0.5", 7447), REAL, ROGUE);

        assertThat(refused.getMessage())
                .contains(REAL.shortCode(), ROGUE.shortCode(), "\"Office\" at 10.0.0.5:7447", "no password was sent",
                        "lanchat-appliance --fingerprint");
        assertThat(refused.expectedShortCode()).isEqualTo(REAL.shortCode());
        assertThat(refused.actualShortCode()).isEqualTo(ROGUE.shortCode());
    }

    @Test
    void aDamagedStoreIsAnErrorRatherThanAnEmptyStoreThatTrustsAnyone() throws IOException {
        Files.writeString(dataDir.resolve(PinStore.FILE_NAME),
                "0123456789abcdef0123456789abcdef.fingerprint=not-hex\n");

        assertThatThrownBy(() -> PinStore.open(dataDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged");
    }
}
