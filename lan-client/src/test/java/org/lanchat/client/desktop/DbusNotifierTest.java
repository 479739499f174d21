package org.lanchat.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Linux notifier against a real, private session bus: a {@code dbus-daemon} of the test's own, with a
 * notification server exported by the test in place of the desktop's.
 */
class DbusNotifierTest {
    private Process daemon;
    private String address;

    /** What the desktop's notification server is told. */
    record Call(String appName, String summary, String body) {
    }

    /** The actions of each Notify, by the id it answered. */
    record Offered(UInt32 id, List<String> actions) {
    }

    /** Stands in for GNOME Shell or KDE's Plasma: records each Notify. */
    static final class RecordingServer implements Notifications {
        final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        final BlockingQueue<Offered> offers = new LinkedBlockingQueue<>();

        @Override
        public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                String[] actions, Map<String, Variant<?>> hints, int expireTimeout) {
            calls.add(new Call(appName, summary, body));
            UInt32 id = new UInt32(calls.size());
            offers.add(new Offered(id, List.of(actions)));
            return id;
        }

        @Override
        public String getObjectPath() {
            return PATH;
        }
    }

    @BeforeEach
    void startPrivateBus() throws Exception {
        daemon = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        address = out.readLine(); // printed once the bus listens
        assertThat(address).as("dbus-daemon's address").startsWith("unix:");
    }

    /** Puts {@code server} on the private bus as the desktop's notification server; closing the connection removes it. */
    private DBusConnection serve(RecordingServer server) throws Exception {
        DBusConnection serverBus = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        serverBus.requestBusName(Notifications.NAME);
        serverBus.exportObject(Notifications.PATH, server);
        return serverBus;
    }

    @AfterEach
    void stopPrivateBus() throws Exception {
        daemon.destroy();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aNotificationReachesTheDesktopsServerWithTheSenderAsSummaryAndTheLineAsBody() throws Exception {
        RecordingServer server = new RecordingServer();
        try (DBusConnection serverBus = serve(server)) {

            Optional<DbusNotifier> connected = DbusNotifier.connect(address);
            assertThat(connected).isPresent();
            try (DbusNotifier notifier = connected.get()) {
                notifier.show("张伟 in the group", "lunch at 12? <b>not</b> markup & such");
                notifier.show("bob", "second");

                Call first = server.calls.poll(10, TimeUnit.SECONDS);
                Call second = server.calls.poll(10, TimeUnit.SECONDS);
                assertThat(List.of(first, second)).containsExactly(
                        new Call("LAN Chat", "张伟 in the group", "lunch at 12? &lt;b&gt;not&lt;/b&gt; markup &amp; such"),
                        new Call("LAN Chat", "bob", "second"));
            }
        }
    }

    @Test
    void aBusWithoutANotificationServerIsNoNotifier() {
        assertThat(DbusNotifier.connect(address)).isEmpty();
    }

    @Test
    void aBusThatIsNotThereIsNoNotifier() {
        assertThat(DbusNotifier.connect("unix:path=/nonexistent/lanchat-test-bus")).isEmpty();
    }

    @Test
    void clickingTheNotificationRunsWhatCameWithIt() throws Exception {
        RecordingServer server = new RecordingServer();
        try (DBusConnection serverBus = serve(server)) {
            CountDownLatch opened = new CountDownLatch(1);
            try (DbusNotifier notifier = DbusNotifier.connect(address).orElseThrow()) {
                notifier.show("bob", "see this", opened::countDown);
                Offered offered = server.offers.poll(10, TimeUnit.SECONDS);
                assertThat(offered.actions()).hasSize(2).startsWith("default");

                serverBus.sendMessage(new Notifications.ActionInvoked(Notifications.PATH, offered.id(), "default"));
                assertThat(opened.await(10, TimeUnit.SECONDS)).as("the click reached LAN Chat").isTrue();
            }
        }
    }
}
