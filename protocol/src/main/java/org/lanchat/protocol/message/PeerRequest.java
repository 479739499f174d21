package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Requests that prepare for, and catch up after, chatting directly while the appliance is away (docs/PROTOCOL.md
 * §5.14 to §5.16, §7.13 to §7.15).
 */
public sealed interface PeerRequest extends ClientMessage {
    /**
     * Asks the appliance to sign a public key this client generated, for use with colleagues while the
     * appliance is away. {@code publicKey} is an Ed25519 key in X.509 SubjectPublicKeyInfo form (base64 on
     * the wire).
     */
    @JsonTypeName("peer_credential")
    record PeerCredentialRequest(String id, byte[] publicKey, Integer port) implements PeerRequest {
        public PeerCredentialRequest {
            Fields.id(id, "id");
            Fields.required(publicKey, "publicKey");
            if (publicKey.length > PeerCredential.MAX_PUBLIC_KEY_BYTES) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'publicKey' must be at most " + PeerCredential.MAX_PUBLIC_KEY_BYTES + " bytes");
            }
            if (port != null && (port < 1 || port > 65_535)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'port' must be from 1 to 65535");
            }
        }

        /** Without a port: this client takes no peer links. */
        public PeerCredentialRequest(String id, byte[] publicKey) {
            this(id, publicKey, null);
        }
    }

    /** Asks where the other users online take peer links (§7.15), to keep for when the appliance is away. */
    @JsonTypeName("peers")
    record PeersRequest(String id) implements PeerRequest {
        public PeersRequest {
            Fields.id(id, "id");
        }
    }

    /**
     * Hands the appliance a message that was sent directly while it was away, on behalf of its sender: any
     * client that holds it submits it, with the sender's credential; the appliance stores it once.
     */
    @JsonTypeName("submit_direct")
    record SubmitDirect(String id, PeerCredential credential, DirectMessage message) implements PeerRequest {
        public SubmitDirect {
            Fields.id(id, "id");
            Fields.required(credential, "credential");
            Fields.required(message, "message");
        }
    }
}
