package org.lanchat.appliance.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The appliance's key pair and certificate, and the fingerprint clients pin. */
public record ApplianceIdentity(PrivateKey privateKey, X509Certificate certificate) {

    public CertificateFingerprint fingerprint() {
        return CertificateFingerprint.ofDer(certificateDer());
    }

    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate we loaded must re-encode", e);
        }
    }

    @Override
    public String toString() {
        return "ApplianceIdentity[" + certificate.getSubjectX500Principal() + ", fingerprint=" + fingerprint() + "]";
    }
}
