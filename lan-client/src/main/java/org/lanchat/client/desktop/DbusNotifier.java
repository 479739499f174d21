package org.lanchat.client.desktop;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native notifications on Linux desktops: {@code org.freedesktop.Notifications.Notify} over the session D-Bus,
 * which GNOME, KDE, Xfce and the others implement. A call waits for the notification server's answer, so calls
 * go out on a thread of their own, in order; the caller (the FX thread) never waits.
 */
public final class DbusNotifier implements Notifier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DbusNotifier.class);
    static final String APP_NAME = "LAN Chat";

    private final DBusConnection bus;
    private final Notifications server;
    private final ExecutorService calls = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().daemon().name("lanchat-notify").unstarted(task));

    private DbusNotifier(DBusConnection bus, Notifications server) {
        this.bus = bus;
        this.server = server;
    }

    /**
     * Connects to the session bus at {@code address} (as in {@code DBUS_SESSION_BUS_ADDRESS}); empty when it cannot
     * be reached or no notification server is on it.
     */
    public static Optional<DbusNotifier> connect(String address) {
        DBusConnection bus = null;
        try {
            bus = DBusConnectionBuilder.forAddress(address).withShared(false).build();
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class, false);
            if (!daemon.NameHasOwner(Notifications.NAME)) {
                log.info("No notification server on the session bus");
                bus.close();
                return Optional.empty();
            }
            Notifications server = bus.getRemoteObject(Notifications.NAME, Notifications.PATH, Notifications.class, false);
            return Optional.of(new DbusNotifier(bus, server));
        } catch (DBusException | RuntimeException | IOException e) {
            log.info("Session bus not usable for notifications: {}", e.toString());
            closeQuietly(bus);
            return Optional.empty();
        }
    }

    @Override
    public void show(String summary, String body) {
        calls.execute(() -> {
            try {
                server.Notify(APP_NAME, new UInt32(0), "", summary, escaped(body), new String[0],
                        Map.of("category", new Variant<>("im.received")), -1);
            } catch (RuntimeException e) { // DBusExecutionException: the server refused, or is gone
                log.debug("Notification not shown: {}", e.toString());
            }
        });
    }

    /** Servers may read the body as markup (the specification allows a subset of HTML): a message is plain text. */
    static String escaped(String body) {
        return body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        calls.shutdown();
        closeQuietly(bus);
    }

    private static void closeQuietly(DBusConnection bus) {
        if (bus != null) {
            try {
                bus.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing the session bus: {}", e.toString());
            }
        }
    }
}
