package org.lanchat.client.viewmodel;

import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;

/**
 * One upload or download under way, for its progress bar: the file's name, bytes done of the total, and a way to stop
 * it. Stopping interrupts the thread doing it; the appliance keeps a partial upload and a download leaves its
 * {@code .part}, so trying again goes on from there (PROTOCOL.md §7.24).
 */
public final class Transfer {
    public enum Direction { UPLOAD, DOWNLOAD }

    private final Direction direction;
    private final String name;
    private final LongProperty done = new SimpleLongProperty();
    private final LongProperty total = new SimpleLongProperty();
    private Thread worker;
    private boolean cancelled;

    Transfer(Direction direction, String name, long total) {
        this.direction = direction;
        this.name = name;
        this.total.set(total);
    }

    public Direction direction() {
        return direction;
    }

    /** The name shown: the sender's for an upload, the sanitised one for a download. */
    public String name() {
        return name;
    }

    public ReadOnlyLongProperty doneProperty() {
        return done;
    }

    public ReadOnlyLongProperty totalProperty() {
        return total;
    }

    /** Set on the UI thread. */
    void progress(long doneBytes, long totalBytes) {
        done.set(doneBytes);
        total.set(totalBytes);
    }

    /** Stops the transfer: at once if it has not begun, else at its next chunk (the worker is interrupted). */
    public synchronized void cancel() {
        cancelled = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** The worker begins: false when the transfer was cancelled before, and must not begin. */
    synchronized boolean begin(Thread thread) {
        worker = thread;
        return !cancelled;
    }

    /** The worker is done with it: a late cancel no longer interrupts the thread, which goes on to other work. */
    synchronized void end() {
        worker = null;
        Thread.interrupted();
    }
}
