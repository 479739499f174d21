package org.lanchat.protocol.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {
    @Test
    void theFingerprintIsTheSha256OfTheDerBytes() {
        // SHA-256("abc"), the FIPS 180-2 test vector.
        CertificateFingerprint fp = CertificateFingerprint.ofDer("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(fp.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(fp.colonHex()).startsWith("BA:78:16:BF");
    }

    @Test
    void theShortCodeIsTheFirst60BitsInCrockfordBase32() {
        CertificateFingerprint fp = new CertificateFingerprint("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // 0xba7816bf8f01cfe in 5-bit groups: 10111 01001 11100 00001 01101 01111 11100 01111 00000 00111 00111 11110
        assertThat(fp.shortCode()).isEqualTo("Q9W1-DFWF-077Y");
        assertThat(fp.shortCode()).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
    }

    @Test
    void colonsAndCaseDoNotMatter() {
        assertThat(new CertificateFingerprint("BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD"))
                .isEqualTo(new CertificateFingerprint("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void anythingButSixtyFourHexDigitsIsRejected() {
        assertThatThrownBy(() -> new CertificateFingerprint("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
