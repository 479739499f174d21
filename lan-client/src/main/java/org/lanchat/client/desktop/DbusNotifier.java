package org.lanchat.client.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.lanchat.client.i18n.Texts;
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
    /** The action the specification gives to a click on the notification itself. */
    private static final String DEFAULT_ACTION = "default";
    private static final int REMEMBERED_CLICKS = 50;

    private final DBusConnection bus;
    private final Notifications server;
    private final ExecutorService calls = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().daemon().name("lanchat-notify").unstarted(task));

    /** What a click on each recent notification does, by id; the oldest are forgotten. */
    private final Map<UInt32, Runnable> clicks = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UInt32, Runnable> eldest) {
            return size() > REMEMBERED_CLICKS;
        }
    };

    /**
     * Clicks on notifications whose id {@code Notify} has not returned yet: dbus-java handles signals on a thread of
     * their own, so a click can be seen before the reply that says which notification it belongs to.
     */
    private final Set<UInt32> clickedEarly = new LinkedHashSet<>();

    private DbusNotifier(DBusConnection bus, Notifications server) {
        this.bus = bus;
        this.server = server;
    }

    /** A click on a notification (its default action) runs what was given with it. */
    private void clicked(Notifications.ActionInvoked signal) {
        if (!DEFAULT_ACTION.equals(signal.actionKey())) {
            return;
        }
        Runnable click;
        synchronized (clicks) {
            click = clicks.remove(signal.id());
            if (click == null) {
                clickedEarly.add(signal.id());
                if (clickedEarly.size() > REMEMBERED_CLICKS) {
                    clickedEarly.remove(clickedEarly.iterator().next());
                }
            }
        }
        if (click != null) {
            click.run();
        }
    }

    /**
     * Connects to the session bus at {@code address} (as in {@code DBUS_SESSION_BUS_ADDRESS}); empty when it cannot
     * be reached or no notification server is on it.
     */
    public static Optional<DbusNotifier> connect(String address) {
        if (address.startsWith("unix:path=") && !Files.exists(Path.of(address.substring("unix:path=".length()).split(",")[0]))) {
            // A stale address (a session that ended): not worth dbus-java's seconds of retrying.
            log.info("No session bus at {}", address);
            return Optional.empty();
        }
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
            DbusNotifier notifier = new DbusNotifier(bus, server);
            bus.addSigHandler(Notifications.ActionInvoked.class, notifier::clicked);
            return Optional.of(notifier);
        } catch (DBusException | RuntimeException | IOException | LinkageError e) {
            // LinkageError: a runtime image without the JDK modules dbus-java needs (installer/pom.xml).
            log.info("Session bus not usable for notifications: {}", e.toString());
            closeQuietly(bus);
            return Optional.empty();
        }
    }

    @Override
    public void show(String summary, String body) {
        show(summary, body, null);
    }

    /** Clicking runs {@code onClick} where the server supports actions; one that does not ignores the action. */
    @Override
    public void show(String summary, String body, Runnable onClick) {
        calls.execute(() -> {
            try {
                String[] actions = onClick == null ? new String[0]
                        : new String[] {DEFAULT_ACTION, Texts.text("mentions.notification.open")};
                UInt32 id = server.Notify(APP_NAME, new UInt32(0), "", summary, escaped(body), actions,
                        Map.of("category", new Variant<>("im.received")), -1);
                if (onClick != null) {
                    boolean alreadyClicked;
                    synchronized (clicks) {
                        alreadyClicked = clickedEarly.remove(id);
                        if (!alreadyClicked) {
                            clicks.put(id, onClick);
                        }
                    }
                    if (alreadyClicked) {
                        onClick.run();
                    }
                }
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
