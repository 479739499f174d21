package org.lanchat.appliance.account;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * Signs peer credentials for logged-in users (docs/PROTOCOL.md §7.13) with the appliance's own TLS key, so
 * that a colleague's client can check them against the fingerprint it pinned while the appliance is away.
 * Nothing is stored: a credential lives until it expires, which is why {@link #VALIDITY} is short. A
 * disabled account cannot log in, so it gets no new one.
 */
public final class PeerCredentialIssuer {
    public static final Duration VALIDITY = Duration.ofDays(7);

    private final PrivateKey applianceKey;
    private final byte[] certificate;
    private final LongSupplier clockMillis;

    public PeerCredentialIssuer(PrivateKey applianceKey, byte[] certificate, LongSupplier clockMillis) {
        this.applianceKey = applianceKey;
        this.certificate = certificate.clone();
        this.clockMillis = clockMillis;
    }

    /** @throws Refused {@code invalid_field} when {@code publicKey} is not an Ed25519 key */
    public PeerCredential issue(String username, byte[] publicKey) {
        try {
            PeerCredentials.peerKey(publicKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Refused(ErrorCode.INVALID_FIELD,
                    "field 'publicKey' must be an Ed25519 public key in X.509 SubjectPublicKeyInfo form");
        }
        Instant now = Instant.ofEpochMilli(clockMillis.getAsLong());
        try {
            return PeerCredentials.sign(username, publicKey, now, now.plus(VALIDITY), applianceKey, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the appliance's own key cannot sign", e);
        }
    }
}
