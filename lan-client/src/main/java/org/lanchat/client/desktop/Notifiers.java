package org.lanchat.client.desktop;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks how this desktop shows notifications, once at start. */
public final class Notifiers {
    private static final Logger log = LoggerFactory.getLogger(Notifiers.class);

    private Notifiers() {
    }

    /**
     * The session D-Bus's notification server where there is one (Linux desktops); else the tray icon's balloon
     * (Windows, macOS, Linux without a server); else none, said once in the log.
     */
    public static Notifier forThisDesktop(Optional<DesktopTray> tray) {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            Optional<DbusNotifier> onTheBus = DbusNotifier.connect(address);
            if (onTheBus.isPresent()) {
                return onTheBus.get();
            }
        }
        if (tray.isPresent()) {
            return tray.get()::notify;
        }
        log.info("No desktop notifications here (no notification server, no tray): messages are announced in the window title only");
        return Notifier.NONE;
    }
}
