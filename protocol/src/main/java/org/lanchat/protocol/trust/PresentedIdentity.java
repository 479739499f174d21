package org.lanchat.protocol.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Which fingerprint a certificate chain presented in a TLS handshake stands for (PROTOCOL.md §1.2): the one a
 * client compares with its pin.
 *
 * <p>An appliance serving alone presents one self-signed certificate, and its fingerprint is the identity. A
 * member of several appliances serving one chat presents its own certificate followed by the cluster's
 * certificate, which signed it; the cluster's fingerprint is then the identity, the same for every member, so a
 * client that trusts the cluster trusts each member without asking again. Such a chain counts only if every
 * certificate is signed by the next and the last one is a self-signed certificate authority: a rogue that copies
 * the cluster's certificate into its own chain cannot sign its certificate with the cluster's key, and is refused.
 */
public final class PresentedIdentity {
    private PresentedIdentity() {
    }

    /**
     * The identity of {@code chain} as sent by the server, leaf first.
     *
     * @throws CertificateException when the chain is empty, or is longer than one certificate and not signed as
     *                              described above
     */
    public static CertificateFingerprint of(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the appliance presented no certificate");
        }
        X509Certificate identity = chain[chain.length - 1];
        if (chain.length > 1) {
            for (int i = 0; i < chain.length - 1; i++) {
                verifySignedBy(chain[i], chain[i + 1]);
            }
            verifySignedBy(identity, identity);
            if (identity.getBasicConstraints() < 0) {
                throw new CertificateException("the last certificate of the appliance's chain is not a certificate authority");
            }
        }
        try {
            return CertificateFingerprint.ofDer(identity.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new CertificateException("the appliance's certificate cannot be encoded", e);
        }
    }

    private static void verifySignedBy(X509Certificate certificate, X509Certificate issuer) throws CertificateException {
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the appliance's certificate \"" + certificate.getSubjectX500Principal().getName()
                    + "\" is not signed by the certificate it presents as its cluster's (" + e.getMessage() + ")", e);
        }
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new CertificateException("the appliance's certificate names another issuer than the next in its chain");
        }
    }
}
