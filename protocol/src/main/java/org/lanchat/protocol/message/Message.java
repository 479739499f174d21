package org.lanchat.protocol.message;

/** Any body that travels in a frame. Every body is a JSON object with a {@code type} member. */
public sealed interface Message permits ClientMessage, ServerMessage, PeerMessage {
}
