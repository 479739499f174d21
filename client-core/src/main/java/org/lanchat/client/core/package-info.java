/**
 * The client core: everything a client does except drawing it, under the desktop app and every other client.
 * JavaFX is not even on its class path (the module's build refuses it).
 *
 * <p>A client program finds and trusts an appliance with {@code appliance} ({@code ApplianceDirectory},
 * {@code TrustService}), connects through {@code net.PinnedConnector}, and then talks to a
 * {@link org.lanchat.client.core.ChatClient} through {@link org.lanchat.client.core.ChatService}: log in,
 * register or resume with a stored {@link org.lanchat.client.core.ResumeToken}, send and await the
 * acknowledgement, page history, ask who is online. The client keeps the roster, the conversations with their
 * unread counts and the outbox, reconnects with backoff using the resume token, catches up from history and
 * resends unacknowledged messages with their original client message id. It tells its listeners what changed
 * through {@link org.lanchat.client.core.ClientEvent}s on an executor each chooses (the JavaFX thread in the
 * app, the calling thread in tests). The public types here are that API; the package-private ones are the
 * client's parts, one job each (see {@link org.lanchat.client.core.ChatClient}).
 */
package org.lanchat.client.core;
