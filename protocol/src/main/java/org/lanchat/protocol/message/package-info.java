/**
 * Protocol messages: {@link org.lanchat.protocol.message.ClientMessage} (client to appliance) and
 * {@link org.lanchat.protocol.message.ServerMessage} (appliance to client), each a sealed interface over one
 * sealed interface of records per feature (a file each, named in the root's doc), turned into JSON and back only by
 * {@link org.lanchat.protocol.message.MessageCodec}.
 *
 * <p>Record constructors check shape (required fields, id lengths, well-formed text), so a decoded
 * message can be trusted structurally; policy (who may do what, account rules) is the appliance's.
 */
package org.lanchat.protocol.message;
