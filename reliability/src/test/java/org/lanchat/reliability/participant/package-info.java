/**
 * The users of the fault scenarios: the real client core ({@link org.lanchat.client.core.ChatClient}) behind a
 * {@link org.lanchat.reliability.participant.WireTap} that watches its frames and can make its machine misbehave
 * (stop reading, drop the connection), in this JVM or in a process of its own; and the chat load they send.
 */
package org.lanchat.reliability.participant;
