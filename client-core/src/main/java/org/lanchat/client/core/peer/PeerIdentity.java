package org.lanchat.client.core.peer;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * This client's side of a peer link: an Ed25519 key pair, and a self-signed certificate that carries the
 * public key into TLS, where the handshake proves this side holds the private key. The certificate itself
 * vouches for nothing; the appliance's credential over the same key does (PROTOCOL.md §7.13, §10).
 */
public final class PeerIdentity {
    private static final char[] NO_PASSWORD = new char[0];

    private final KeyPair keys;
    private final X509Certificate certificate;

    private PeerIdentity(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    public static PeerIdentity generate() {
        try {
            return of(KeyPairGenerator.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** Wraps an existing Ed25519 key pair (the one the appliance signed). */
    public static PeerIdentity of(KeyPair keys) {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=LAN Chat peer");
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                            subject, keys.getPublic())
                            .build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
            return new PeerIdentity(keys, certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate for an Ed25519 key", e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    /** The public key as sent in {@code peer_credential}: X.509 SubjectPublicKeyInfo. */
    public byte[] publicKey() {
        return keys.getPublic().getEncoded();
    }

    KeyManager[] keyManagers() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("an empty key store cannot fail to load", e);
        }
        store.setKeyEntry("peer", keys.getPrivate(), NO_PASSWORD, new X509Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory.getKeyManagers();
    }
}
