package org.lanchat.appliance.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The appliance's key pair and certificate, and the identity clients pin (PROTOCOL.md §1.2).
 *
 * <p>Alone, the appliance's self-signed certificate is its identity. As a member of a cluster, its certificate is
 * signed by the cluster's ({@code issuer}), which is then the identity every member shares; peer credentials are
 * signed with the cluster's key for the same reason.
 *
 * @param issuer the cluster's certificate, or null for an appliance serving alone
 * @param credentialKey the key that signs peer credentials: the cluster's, or the appliance's own
 */
public record ApplianceIdentity(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer,
                                PrivateKey credentialKey) {

    public ApplianceIdentity(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, certificate, null, privateKey);
    }

    /** This appliance as a member of the cluster {@code authority} stands for, under a certificate it signs now. */
    public ApplianceIdentity inCluster(ClusterAuthority authority, String memberName) {
        return new ApplianceIdentity(privateKey, authority.issueMember(certificate.getPublicKey(), memberName),
                authority.certificate(), authority.key());
    }

    /** What clients pin: the cluster's certificate for a member, the appliance's own otherwise. */
    public CertificateFingerprint fingerprint() {
        return CertificateFingerprint.ofDer(identityCertificateDer());
    }

    /** The certificates the TLS handshake presents, this appliance's first. */
    public List<X509Certificate> chain() {
        return issuer == null ? List.of(certificate) : List.of(certificate, issuer);
    }

    /** The certificate whose fingerprint is the identity, DER-encoded: the one peer credentials carry. */
    public byte[] identityCertificateDer() {
        try {
            return (issuer == null ? certificate : issuer).getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate we loaded must re-encode", e);
        }
    }

    @Override
    public String toString() {
        return "ApplianceIdentity[" + certificate.getSubjectX500Principal() + ", fingerprint=" + fingerprint() + "]";
    }
}
