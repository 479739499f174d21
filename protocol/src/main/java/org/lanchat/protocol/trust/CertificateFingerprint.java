package org.lanchat.protocol.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 digest of a certificate's DER encoding.
 *
 * <p>{@link #hex()} is the full value (64 lower-case hex digits) that clients pin and discovery
 * advertises. {@link #shortCode()} is for people: the first 60 bits in Crockford base32, as three groups
 * of four ({@code 7KQ2-M9XD-4TBE}), printed by {@code lanchat-appliance --fingerprint} and shown by the
 * client on first contact. 60 bits is far beyond what an attacker can match by generating certificates
 * while a person is comparing codes.
 */
public record CertificateFingerprint(String hex) {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int SHORT_CODE_BITS = 60;

    public CertificateFingerprint {
        hex = hex.replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits");
        }
    }

    public static CertificateFingerprint ofDer(byte[] derEncodedCertificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(derEncodedCertificate);
            return new CertificateFingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The digest as colon-separated upper-case pairs, the way browsers and openssl print it. */
    public String colonHex() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    public String shortCode() {
        long bits = Long.parseUnsignedLong(hex.substring(0, 16), 16) >>> (64 - SHORT_CODE_BITS);
        StringBuilder code = new StringBuilder(14);
        for (int i = SHORT_CODE_BITS / 5 - 1; i >= 0; i--) {
            code.append(CROCKFORD.charAt((int) ((bits >>> (5 * i)) & 31)));
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
        }
        return code.toString();
    }

    @Override
    public String toString() {
        return hex;
    }
}
