package org.lanchat.client.core;

import java.util.concurrent.CompletableFuture;
import org.lanchat.client.core.net.ConnectionClosedException;

/**
 * When the session is back after a lost connection: what a file transfer cut by the loss waits for before it asks
 * the appliance where to go on (PROTOCOL.md §7.24), however long the client takes to reconnect. Confined to the
 * client's loop; the futures it hands out complete there.
 */
final class SessionReturn {
    private CompletableFuture<Void> next = CompletableFuture.completedFuture(null);

    /** Completes once a session is running: at once if one is, failed once the session is over for good. */
    CompletableFuture<Void> next() {
        return next;
    }

    /** The connection is gone; the session comes back by itself if it can. */
    void lost() {
        if (next.isDone() && !next.isCompletedExceptionally()) { // after the end, nothing comes back by itself
            next = new CompletableFuture<>();
        }
    }

    /** A session started or resumed. */
    void started() {
        next.complete(null);
        if (next.isCompletedExceptionally()) {
            next = CompletableFuture.completedFuture(null);
        }
    }

    /** The session is over and will not come back by itself: nobody waits for it any longer. */
    void ended(String why) {
        ConnectionClosedException over = new ConnectionClosedException("the session ended: " + why);
        next.completeExceptionally(over);
        next = CompletableFuture.failedFuture(over);
    }
}
