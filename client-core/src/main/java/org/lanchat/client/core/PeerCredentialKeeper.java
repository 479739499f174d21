package org.lanchat.client.core;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.PeerCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's peer key and the appliance's signature on it (PROTOCOL.md §7.13): asks for a fresh
 * credential at every session start, so it is renewed for another 7 days whenever the appliance is there,
 * and keeps the last one through lost connections (that is when it is needed). Forgotten when the session
 * ends for good or another user logs in. The key pair lives as long as this client. Confined to the loop.
 */
final class PeerCredentialKeeper {
    private static final Logger log = LoggerFactory.getLogger(PeerCredentialKeeper.class);

    private final Requests requests;
    private final KeyPair keys;
    private PeerCredential credential;

    PeerCredentialKeeper(Requests requests) {
        this.requests = requests;
        try {
            this.keys = KeyPairGenerator.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    void renew(Session session) {
        if (credential != null && !Usernames.key(credential.username()).equals(Usernames.key(session.username()))) {
            credential = null;
        }
        requests.request(id -> new ClientMessage.PeerCredentialRequest(id, keys.getPublic().getEncoded()),
                        ServerMessage.PeerCredentialIssued.class)
                .whenComplete((issued, failure) -> {
                    if (failure == null) {
                        credential = issued.credential();
                    } else if (unwrap(failure) instanceof ChatException refused && refused.code() == ErrorCode.UNKNOWN_TYPE) {
                        log.debug("This appliance issues no peer credentials (it is older than they are)");
                    } else {
                        log.info("No peer credential this time: {}", Failures.describe(failure));
                    }
                });
    }

    void forget() {
        credential = null;
    }

    Optional<PeerCredential> current() {
        return Optional.ofNullable(credential);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
    }
}
