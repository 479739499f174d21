package org.lanchat.protocol.trust;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;

/**
 * Signs and checks {@link PeerCredential}s (docs/PROTOCOL.md §7.13). The appliance signs with the key of its
 * TLS certificate; a peer trusts a credential only if that certificate is the one it pinned, the signature
 * holds, and the credential is within its validity.
 */
public final class PeerCredentials {
    /** How far apart two PCs' clocks may be before a fresh credential looks issued in the future. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The only key type peers use. */
    public static final String PEER_KEY_ALGORITHM = "Ed25519";

    private PeerCredentials() {
    }

    /** The JCA signature algorithm for a certificate key: ECDSA P-256 (what appliances have) with SHA-256. */
    static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("no signature algorithm for " + keyAlgorithm + " keys");
        };
    }

    /** Signs a credential; {@code applianceKey} belongs to {@code certificate}. */
    public static PeerCredential sign(String username, byte[] publicKey, Instant issuedAt, Instant expiresAt,
            PrivateKey applianceKey, byte[] certificate) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(signatureAlgorithm(applianceKey.getAlgorithm()));
        signer.initSign(applianceKey);
        signer.update(PeerCredential.signedBytes(username, publicKey, issuedAt.toEpochMilli(), expiresAt.toEpochMilli()));
        return new PeerCredential(username, publicKey.clone(), issuedAt.toEpochMilli(), expiresAt.toEpochMilli(),
                certificate.clone(), signer.sign());
    }

    /** Reads a peer's public key, refusing anything but an Ed25519 key in SubjectPublicKeyInfo form. */
    public static PublicKey peerKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        PublicKey key = KeyFactory.getInstance(PEER_KEY_ALGORITHM).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        if (!Arrays.equals(key.getEncoded(), subjectPublicKeyInfo)) {
            throw new GeneralSecurityException("not the canonical encoding of an Ed25519 key");
        }
        return key;
    }

    /**
     * Checks a credential against the appliance fingerprint this client pinned, at {@code now}; returns the
     * peer's public key, which its TLS connection must then prove it holds.
     */
    public static PublicKey verify(PeerCredential credential, CertificateFingerprint pinned, Instant now)
            throws UntrustedPeerException {
        if (!CertificateFingerprint.ofDer(credential.certificate()).equals(pinned)) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.OTHER_APPLIANCE,
                    "credential of " + credential.username() + " was issued by another appliance");
        }
        X509Certificate certificate;
        PublicKey peerKey;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(credential.certificate()));
            peerKey = peerKey(credential.publicKey());
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.MALFORMED,
                    "credential of " + credential.username() + " cannot be read: " + e.getMessage());
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(signatureAlgorithm(certificate.getPublicKey().getAlgorithm()));
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(credential.signedBytes());
            valid = verifier.verify(credential.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.BAD_SIGNATURE,
                    "credential of " + credential.username() + " is not signed by the appliance");
        }
        if (now.toEpochMilli() > credential.expiresAt()) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.EXPIRED,
                    "credential of " + credential.username() + " expired at " + Instant.ofEpochMilli(credential.expiresAt()));
        }
        if (credential.issuedAt() > now.plus(CLOCK_SKEW).toEpochMilli()) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.NOT_YET_VALID,
                    "credential of " + credential.username() + " is issued at " + Instant.ofEpochMilli(credential.issuedAt())
                            + ", later than this computer's clock allows");
        }
        return peerKey;
    }

    /**
     * {@link #verify} for a credential shown over a peer link, where the other side proved in the TLS
     * handshake that it holds {@code heldKey}: the credential must be for that very key, or it was copied.
     */
    public static PublicKey verifyHolder(PeerCredential credential, CertificateFingerprint pinned, Instant now,
            PublicKey heldKey) throws UntrustedPeerException {
        PublicKey signed = verify(credential, pinned, now);
        if (!Arrays.equals(signed.getEncoded(), heldKey.getEncoded())) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.OTHER_KEY,
                    "the credential of " + credential.username() + " is for another key than the one the peer holds");
        }
        return signed;
    }

    /** Signs a message sent directly (§7.14) with the sender's peer key; {@code from} is its credential's name. */
    public static DirectMessage signMessage(String from, String clientMsgId, Conversation conversation, String text,
            String sticker, Instant sentAt, PrivateKey peerKey) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(PEER_KEY_ALGORITHM);
        signer.initSign(peerKey);
        signer.update(DirectMessage.signedBytes(from, clientMsgId, conversation, text, sticker, sentAt.toEpochMilli()));
        return new DirectMessage(clientMsgId, conversation, text, sticker, sentAt.toEpochMilli(), signer.sign());
    }

    /**
     * Checks that the holder of {@code credential} signed {@code message}, and that the credential was good
     * when the message was sent (or now, if its send time lies ahead of {@code now}); returns the sender's name.
     */
    public static String verifyMessage(DirectMessage message, PeerCredential credential, CertificateFingerprint pinned,
            Instant now) throws UntrustedPeerException {
        Instant sent = Instant.ofEpochMilli(Math.min(message.sentAt(), now.toEpochMilli()));
        PublicKey senderKey = verify(credential, pinned, sent);
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(PEER_KEY_ALGORITHM);
            verifier.initVerify(senderKey);
            verifier.update(message.signedBytes(credential.username()));
            valid = verifier.verify(message.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.BAD_SIGNATURE,
                    "message " + message.clientMsgId() + " is not signed by " + credential.username());
        }
        return credential.username();
    }
}
