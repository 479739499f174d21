package org.lanchat.appliance.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The identity of several appliances serving one chat: a self-signed certificate authority whose key signs
 * each member's certificate (at every start of the member) and the peer credentials members issue. Clients pin
 * its fingerprint once and then trust every member (PROTOCOL.md §1.2).
 *
 * <p>The first member makes it and stores it in the shared database, where every later member reads it: joining a
 * cluster takes the database's credentials, which already give everything away, and no key file has to be
 * carried from box to box. EC P-256, valid for 30 years, like an appliance's own certificate.
 */
public record ClusterAuthority(PrivateKey key, X509Certificate certificate) {
    private static final Duration VALIDITY = Duration.ofDays(30L * 365);

    /** A new authority for the cluster with this id. */
    public static ClusterAuthority create(String clusterId) {
        KeyPair pair = newKeyPair();
        X500Name subject = new X500Name("CN=LAN Chat cluster " + clusterId + ",O=LAN Chat");
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
            return new ClusterAuthority(pair.getPrivate(), sign(builder, pair.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an authority stored with {@link #certificatePem()} and {@link #keyPem()}. */
    public static ClusterAuthority fromPem(String certificatePem, String keyPem) throws IOException {
        return new ClusterAuthority(CertificateStore.readKey(new StringReader(keyPem), "the cluster's key"),
                CertificateStore.readCertificate(new StringReader(certificatePem), "the cluster's certificate"));
    }

    public String certificatePem() {
        try {
            return CertificateStore.pem(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String keyPem() {
        try {
            return CertificateStore.pem(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate for a member's own key, signed by this authority. */
    public X509Certificate issueMember(PublicKey memberKey, String memberName) {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + memberName.replaceAll("[,=+<>#;\"\\\\]", " ") + ",O=LAN Chat");
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, memberKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return sign(builder, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }
}
