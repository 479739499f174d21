package org.lanchat.client.desktop;

/**
 * Shows a desktop notification: the platform's own where it has one ({@link DbusNotifier} on Linux), else a
 * balloon from the tray icon, else nothing ({@link Notifiers#forThisDesktop}). Never throws and never blocks the
 * caller for long: a notification that cannot be shown is dropped, as a missed balloon would be.
 */
@FunctionalInterface
public interface Notifier {
    /** Shows nothing: for a desktop without notifications, and for tests. */
    Notifier NONE = (summary, body) -> { };

    /**
     * @param summary who wrote, and where for the group ("张伟 in the group")
     * @param body    the first line of the message, already shortened
     */
    void show(String summary, String body);

    /** Shows a notification that runs {@code onClick} when clicked, where the platform tells (else as above). */
    default void show(String summary, String body, Runnable onClick) {
        show(summary, body);
    }
}
