package org.lanchat.appliance.account;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.PeerKeyStore;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * Signs peer credentials for logged-in users (docs/PROTOCOL.md §7.13) with the appliance's own TLS key, so
 * that a colleague's client can check them against the fingerprint it pinned while the appliance is away.
 * Peers cannot be told to forget a credential: it lives until it expires, which is why {@link #VALIDITY} is short.
 * Which session asked for which key is noted, so that when the session logs out the appliance takes no more of the
 * key's messages from anyone but its user (§5.15). A disabled account cannot log in, so it gets no new one.
 */
public final class PeerCredentialIssuer {
    public static final Duration VALIDITY = Duration.ofDays(7);

    private final PrivateKey applianceKey;
    private final byte[] certificate;
    private final PeerKeyStore sessionsOfKeys;
    private final LongSupplier clockMillis;

    public PeerCredentialIssuer(PrivateKey applianceKey, byte[] certificate, PeerKeyStore sessionsOfKeys,
            LongSupplier clockMillis) {
        this.applianceKey = applianceKey;
        this.certificate = certificate.clone();
        this.sessionsOfKeys = sessionsOfKeys;
        this.clockMillis = clockMillis;
    }

    /**
     * A credential for {@code publicKey}, to the session that logged in with {@code token}; blocking.
     *
     * @throws Refused {@code invalid_field} when {@code publicKey} is not an Ed25519 key
     */
    public PeerCredential issue(String token, long userId, String username, byte[] publicKey) {
        try {
            PeerCredentials.peerKey(publicKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Refused(ErrorCode.INVALID_FIELD,
                    "field 'publicKey' must be an Ed25519 public key in X.509 SubjectPublicKeyInfo form");
        }
        Instant now = Instant.ofEpochMilli(clockMillis.getAsLong());
        Instant expires = now.plus(VALIDITY);
        // Noted before it is handed out: a credential nobody can end must not get out when the note cannot be made.
        sessionsOfKeys.issued(Tokens.hash(token), userId, publicKey, expires.toEpochMilli(), now.toEpochMilli());
        try {
            return PeerCredentials.sign(username, publicKey, now, expires, applianceKey, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the appliance's own key cannot sign", e);
        }
    }
}
