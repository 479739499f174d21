package org.lanchat.discovery.trust;

import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.util.Objects;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The appliance presented a certificate the client does not trust, so the connection was refused during
 * the TLS handshake, before anything was sent. The message is written for the person at the keyboard and
 * carries both short codes, the trusted one and the one presented.
 *
 * <p>A {@link CertificateException} because it is thrown from the handshake's trust check.
 */
public final class CertificateMismatchException extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Reason {
        /** The appliance claims a trusted appliance's id but presents another certificate. */
        NOT_THE_PINNED_CERTIFICATE,
        /** A different appliance from the one(s) trusted on this computer. */
        NOT_A_TRUSTED_APPLIANCE,
        /** The certificate differs from the fingerprint the appliance advertised over mDNS. */
        NOT_THE_ADVERTISED_CERTIFICATE
    }

    private final Reason reason;
    private final transient CertificateFingerprint expected;
    private final transient CertificateFingerprint actual;

    public CertificateMismatchException(Reason reason, String applianceName, InetSocketAddress address,
            CertificateFingerprint expected, CertificateFingerprint actual) {
        super(message(reason, applianceName, address, expected, actual));
        this.reason = Objects.requireNonNull(reason);
        this.expected = Objects.requireNonNull(expected);
        this.actual = Objects.requireNonNull(actual);
    }

    public Reason reason() {
        return reason;
    }

    /** The fingerprint the client expected (its pin, or the advertised one). */
    public CertificateFingerprint expected() {
        return expected;
    }

    /** The fingerprint of the certificate actually presented. */
    public CertificateFingerprint actual() {
        return actual;
    }

    public String expectedShortCode() {
        return expected.shortCode();
    }

    public String actualShortCode() {
        return actual.shortCode();
    }

    private static String message(Reason reason, String name, InetSocketAddress address,
            CertificateFingerprint expected, CertificateFingerprint actual) {
        String where = "\"" + name + "\" at " + address.getAddress().getHostAddress() + ":" + address.getPort();
        return switch (reason) {
            case NOT_THE_PINNED_CERTIFICATE -> "Refused to connect to " + where + ": its certificate (code "
                    + actual.shortCode() + ") is not the one this computer trusts for it (code "
                    + expected.shortCode() + "). Another device may be posing as the appliance; no password was "
                    + "sent. If the administrator replaced the appliance's certificate, compare the code with the "
                    + "one 'lanchat-appliance --fingerprint' prints before trusting it again.";
            case NOT_A_TRUSTED_APPLIANCE -> "Refused to connect to " + where + ": it is not the appliance this "
                    + "computer trusts (trusted code " + expected.shortCode() + ", this one presents "
                    + actual.shortCode() + "). No password was sent. Trust it only if the administrator confirms "
                    + "the code " + actual.shortCode() + ".";
            case NOT_THE_ADVERTISED_CERTIFICATE -> "Refused to connect to " + where + ": it advertised certificate "
                    + "code " + expected.shortCode() + " but presented " + actual.shortCode()
                    + ". Something between you and the appliance is intercepting; no password was sent.";
        };
    }
}
