package org.lanchat.client.desktop;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The Desktop Notifications Specification's service, {@code org.freedesktop.Notifications}, as far as LAN Chat
 * uses it. Public because dbus-java builds a proxy of it (and a test exports an implementation).
 */
@DBusInterfaceName(Notifications.NAME)
public interface Notifications extends DBusInterface {
    String NAME = "org.freedesktop.Notifications";
    String PATH = "/org/freedesktop/Notifications";

    /**
     * Shows a notification (D-Bus signature {@code susssasa{sv}i}); returns its id.
     *
     * @param expireTimeout milliseconds, or -1 for the server's default
     */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, String[] actions,
            Map<String, Variant<?>> hints, int expireTimeout);

    /** The user chose an action of notification {@code id}; {@code "default"} is a click on the notification itself. */
    final class ActionInvoked extends DBusSignal {
        private final UInt32 id;
        private final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public UInt32 id() {
            return id;
        }

        public String actionKey() {
            return actionKey;
        }
    }
}
