package org.lanchat.appliance.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PresentedIdentity;

/** One identity for every member of a cluster, and none for a rogue that borrows it (PROTOCOL.md §1.2). */
class ClusterAuthorityTest {
    private final ClusterAuthority cluster = ClusterAuthority.create("c1".repeat(16));

    private static CertificateFingerprint fp(X509Certificate certificate) throws Exception {
        return CertificateFingerprint.ofDer(certificate.getEncoded());
    }

    @Test
    void everyMemberPresentsTheClustersIdentityAndNotItsOwn() throws Exception {
        ApplianceIdentity upstairs = CertificateStore.create("LAN Chat upstairs").inCluster(cluster, "LAN Chat upstairs");
        ApplianceIdentity downstairs = CertificateStore.create("LAN Chat downstairs").inCluster(cluster, "LAN Chat downstairs");

        for (ApplianceIdentity member : java.util.List.of(upstairs, downstairs)) {
            X509Certificate[] chain = member.chain().toArray(X509Certificate[]::new);
            assertThat(PresentedIdentity.of(chain)).isEqualTo(fp(cluster.certificate())).isEqualTo(member.fingerprint())
                    .isNotEqualTo(fp(member.certificate()));
            assertThat(member.identityCertificateDer()).as("what peer credentials carry")
                    .isEqualTo(cluster.certificate().getEncoded());
            assertThat(member.credentialKey()).isEqualTo(cluster.key());
        }
    }

    @Test
    void anApplianceServingAlonePresentsItsOwnCertificate() throws Exception {
        ApplianceIdentity alone = CertificateStore.create("LAN Chat");
        assertThat(PresentedIdentity.of(alone.chain().toArray(X509Certificate[]::new))).isEqualTo(fp(alone.certificate()))
                .isEqualTo(alone.fingerprint());
    }

    /** Inputs tried: a rogue's own certificate followed by the real cluster certificate; a non-CA at the end. */
    @Test
    void aRogueThatAppendsTheClustersCertificateToItsOwnIsRefused() {
        ApplianceIdentity rogue = CertificateStore.create("LAN Chat upstairs");
        ClusterAuthority lookalike = ClusterAuthority.create("c1".repeat(16)); // same name, another key
        X509Certificate forged = lookalike.issueMember(rogue.certificate().getPublicKey(), "LAN Chat upstairs");

        assertThatThrownBy(() -> PresentedIdentity.of(new X509Certificate[] {forged, cluster.certificate()}))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is not signed by the certificate it presents");
        assertThatThrownBy(() -> PresentedIdentity.of(new X509Certificate[] {rogue.certificate(), cluster.certificate()}))
                .isInstanceOf(CertificateException.class);
        ApplianceIdentity plain = CertificateStore.create("not a CA");
        assertThatThrownBy(() -> PresentedIdentity.of(new X509Certificate[] {plain.certificate(), plain.certificate()}))
                .isInstanceOf(CertificateException.class).hasMessageContaining("not a certificate authority");
    }

    @Test
    void theAuthorityKeptInTheDatabaseReadsBackTheSame() throws Exception {
        ClusterAuthority read = ClusterAuthority.fromPem(cluster.certificatePem(), cluster.keyPem());
        assertThat(read.certificate()).isEqualTo(cluster.certificate());
        X509Certificate member = read.issueMember(CertificateStore.create("m").certificate().getPublicKey(), "m");
        assertThat(PresentedIdentity.of(new X509Certificate[] {member, cluster.certificate()})).isEqualTo(fp(cluster.certificate()));
    }
}
