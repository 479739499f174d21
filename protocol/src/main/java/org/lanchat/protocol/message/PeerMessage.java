package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What two clients say to each other over a peer link while the appliance does not answer
 * (docs/PROTOCOL.md §10): the same frames and JSON as with the appliance, and only these messages.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(PeerMessage.PeerHello.class),
    @JsonSubTypes.Type(PeerMessage.Direct.class),
    @JsonSubTypes.Type(PeerMessage.DirectAck.class),
})
public sealed interface PeerMessage extends Message {

    /** First frame each way: who this side is, as the appliance signed it. */
    @JsonTypeName("peer_hello")
    record PeerHello(Integer protocol, PeerCredential credential) implements PeerMessage {
        public PeerHello {
            Fields.required(protocol, "protocol");
            Fields.required(credential, "credential");
        }
    }

    /** A message sent directly, signed by the sending side's user (§7.14). */
    @JsonTypeName("direct")
    record Direct(DirectMessage message) implements PeerMessage {
        public Direct {
            Fields.required(message, "message");
        }
    }

    /**
     * The receiving side has the {@code direct} message with this id (shown, or seen before): how a sender
     * that cannot reach the appliance knows whom its message reached.
     */
    @JsonTypeName("direct_ack")
    record DirectAck(String clientMsgId) implements PeerMessage {
        public DirectAck {
            Fields.id(clientMsgId, "clientMsgId");
        }
    }
}
