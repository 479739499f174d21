/**
 * The client core: everything the desktop app does except drawing it, with no JavaFX import (an ArchUnit
 * test keeps it so). {@link org.lanchat.client.core.ChatClient} logs in, keeps the roster, the conversations
 * with their unread counts and the outbox, reconnects with backoff using the resume token, catches up from
 * history and resends unacknowledged messages with their original client message id. It tells its listener
 * what changed through {@link org.lanchat.client.core.ClientEvent}s on an executor the caller chooses (the
 * JavaFX thread in the app, the calling thread in tests).
 */
package org.lanchat.client.core;
