package org.lanchat.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What lets colleagues trust each other while the appliance is away (docs/PROTOCOL.md §7.13): the
 * appliance's signature over a user's name and a public key that user's client generated, valid from
 * {@code issuedAt} to {@code expiresAt} (epoch milliseconds). {@code certificate} is the appliance's own
 * certificate (DER), whose fingerprint the client pinned, and whose key made {@code signature}.
 */
public record PeerCredential(String username, byte[] publicKey, long issuedAt, long expiresAt, byte[] certificate,
        byte[] signature) {
    /** First line of the signed text: names what is signed, so the signature means nothing elsewhere. */
    public static final String PURPOSE = "lanchat-peer-credential-1";
    /** Shape bound only: an Ed25519 key in SubjectPublicKeyInfo form is 44 bytes. */
    public static final int MAX_PUBLIC_KEY_BYTES = 1024;

    public PeerCredential {
        Fields.name(username, "username", ClientMessage.MAX_LOGIN_NAME_CHARS);
        Fields.required(publicKey, "publicKey");
        Fields.required(certificate, "certificate");
        Fields.required(signature, "signature");
    }

    /** The bytes the appliance signs (UTF-8; the spec gives them exactly). */
    public byte[] signedBytes() {
        return signedBytes(username, publicKey, issuedAt, expiresAt);
    }

    public static byte[] signedBytes(String username, byte[] publicKey, long issuedAt, long expiresAt) {
        return (PURPOSE + "\n" + username + "\n" + Base64.getEncoder().encodeToString(publicKey) + "\n" + issuedAt
                + "\n" + expiresAt + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PeerCredential[" + username + ", " + publicKey.length + "-byte key, " + issuedAt + ".." + expiresAt + "]";
    }
}
