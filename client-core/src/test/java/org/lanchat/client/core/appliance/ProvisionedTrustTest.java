package org.lanchat.client.core.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.locate.FoundBy;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * An administrator decides which appliances are trusted, in a root-owned file or with {@code --trust}; then the
 * user cannot trust any other, and a file anyone else could have written is not believed.
 */
class ProvisionedTrustTest {
    static final CertificateFingerprint REAL = new CertificateFingerprint("3a".repeat(32));
    static final CertificateFingerprint ROGUE = new CertificateFingerprint("c7".repeat(32));

    @TempDir
    Path dir;

    @Test
    void nothingIsProvisionedWithoutTheFileOrTrustArguments() {
        ProvisionedTrust trust = ProvisionedTrust.load(dir.resolve("absent"), List.of());

        assertThat(trust.isProvisioned()).isFalse();
        assertThat(trust.trusts(REAL)).isFalse();
        assertThat(trust.warnings()).isEmpty();
    }

    @Test
    void aRootOwnedFileTrustsItsShortCodesAndFingerprintsIgnoringComments() throws IOException {
        Path file = rootFile("""
                # the office appliance, code from lanchat-appliance --fingerprint
                %s   # office
                %s
                """.formatted(REAL.shortCode(), ROGUE.colonHex()), "rw-r--r--");

        ProvisionedTrust trust = ProvisionedTrust.load(file, List.of());

        assertThat(trust.isProvisioned()).isTrue();
        assertThat(trust.trusts(REAL)).isTrue();
        assertThat(trust.trusts(ROGUE)).as("a full fingerprint with colons").isTrue();
        assertThat(trust.trusts(new CertificateFingerprint("00".repeat(32)))).isFalse();
        assertThat(trust.shortCodes()).containsExactly(REAL.shortCode(), ROGUE.shortCode());
    }

    @Test
    void aShortCodeCopiedByHandMatchesWithoutDashesAndWithLetterOForZero() {
        String typed = REAL.shortCode().replace("-", "").replace('0', 'O').toLowerCase();

        assertThat(ProvisionedTrust.load(dir.resolve("absent"), List.of(typed)).trusts(REAL)).isTrue();
    }

    @Test
    void aFileOthersCanWriteIsIgnoredWithAWarning() throws IOException {
        Path file = rootFile(ROGUE.shortCode() + "\n", "rw-rw-rw-");

        ProvisionedTrust trust = ProvisionedTrust.load(file, List.of());

        assertThat(trust.isProvisioned()).isFalse();
        assertThat(trust.trusts(ROGUE)).isFalse();
        assertThat(trust.warnings()).singleElement().asString().contains("writable by group or others");
    }

    @Test
    void aFileNotOwnedByRootIsIgnoredWithAWarning() throws IOException {
        Path file = rootFile(ROGUE.shortCode() + "\n", "rw-r--r--");
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);

        ProvisionedTrust trust = ProvisionedTrust.load(file, List.of());

        assertThat(trust.isProvisioned()).isFalse();
        assertThat(trust.warnings()).singleElement().asString().contains("owned by nobody, not root");
    }

    @Test
    void aBadLineTrustsNothingButStillProvisionsSoATypoDoesNotFallBackToTrustOnFirstUse() throws IOException {
        Path file = rootFile("7KQ2-M9XD\n", "rw-r--r--");

        ProvisionedTrust trust = ProvisionedTrust.load(file, List.of());

        assertThat(trust.isProvisioned()).isTrue();
        assertThat(trust.trusts(REAL)).isFalse();
        assertThat(trust.warnings()).singleElement().asString().contains("line 1");
    }

    @Test
    void aTrustArgumentThatIsNeitherCodeNorFingerprintStopsTheProgram() {
        assertThatThrownBy(() -> ProvisionedTrust.load(dir.resolve("absent"), List.of("office")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--trust office");
    }

    @Test
    void theFileNamedByTheSystemPropertyIsReadTogetherWithTrustArguments() throws IOException {
        Path file = rootFile(REAL.shortCode() + "\n", "rw-r--r--");
        String before = System.getProperty(ProvisionedTrust.FILE_PROPERTY);
        System.setProperty(ProvisionedTrust.FILE_PROPERTY, file.toString());
        try {
            ProvisionedTrust trust = ProvisionedTrust.load(List.of(ROGUE.hex()));

            assertThat(trust.trusts(REAL)).isTrue();
            assertThat(trust.trusts(ROGUE)).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(ProvisionedTrust.FILE_PROPERTY);
            } else {
                System.setProperty(ProvisionedTrust.FILE_PROPERTY, before);
            }
        }
    }

    @Test
    void underProvisionedTrustTheProvisionedApplianceIsTrustedWithoutAskingAndNoOtherCanBeTrusted() throws IOException {
        PinStore pins = PinStore.open(dir);
        PinTrustService service = new PinTrustService(pins,
                ProvisionedTrust.load(dir.resolve("absent"), List.of(REAL.shortCode())), List::of, Duration.ofSeconds(1));

        TrustInspection real = service.judge(choice("a".repeat(32), REAL), REAL);
        TrustInspection rogue = service.judge(choice("b".repeat(32), ROGUE), ROGUE);

        assertThat(real.verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(pins.pins()).as("pinned, so the connection accepts it").singleElement()
                .extracting(p -> p.fingerprint()).isEqualTo(REAL);
        assertThat(rogue.verdict()).as("not the soft first-contact question").isEqualTo(Verdict.NOT_PROVISIONED);
        assertThat(rogue.trustable()).isFalse();
        assertThat(rogue.expected()).contains(REAL.shortCode());
        assertThatThrownBy(() -> service.trust(rogue)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ApplianceChoice choice(String id, CertificateFingerprint advertised) {
        return new ApplianceChoice("Office", new InetSocketAddress("127.0.0.1", 7447), Optional.of(new ApplianceId(id)),
                Optional.of(advertised), FoundBy.DISCOVERY);
    }

    /** Written as root, as the administrator does; where the tests do not run as root they are skipped. */
    private Path rootFile(String text, String mode) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to own the file");
        Path file = Files.writeString(dir.resolve("trusted-appliances"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
