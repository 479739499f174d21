/**
 * The LAN Chat wire format, shared by the appliance and every client.
 *
 * <p>A connection carries frames ({@link org.lanchat.protocol.frame}): a 4-byte big-endian length, then
 * that many bytes of UTF-8 JSON. Each JSON body is one {@link org.lanchat.protocol.message.Message}, a
 * record in a sealed hierarchy, encoded and decoded only by {@link org.lanchat.protocol.message.MessageCodec}.
 * Every fault in untrusted input surfaces as a {@link org.lanchat.protocol.ProtocolException} carrying a
 * stable {@link org.lanchat.protocol.ErrorCode}. The normative description is {@code docs/PROTOCOL.md}.
 */
package org.lanchat.protocol;
