package org.lanchat.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.net.Connector;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.discovery.trust.TrustTarget;

/**
 * The real appliance on 127.0.0.1 (port 0), a client data directory whose pin store trusts it, and the
 * clients a test made, all closed together. Clients follow the appliance across restarts (its port changes).
 */
public final class LiveAppliance implements AutoCloseable {
    /** Short backoff: tests wait for reconnects, not for realistic delays. */
    public static final ClientOptions OPTIONS = ClientOptions.DEFAULTS.withRetry(Duration.ofMillis(50), Duration.ofMillis(400));
    /** {@link #OPTIONS}, taking colleagues' peer links on loopback (PROTOCOL.md §10). */
    public static final ClientOptions PEER_LINKS =
            OPTIONS.withPeerLinks(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    private final RunningAppliance appliance;
    private final Path clientDir;
    private final PinStore pins;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private LiveAppliance(RunningAppliance appliance, Path clientDir, PinStore pins) {
        this.appliance = appliance;
        this.clientDir = clientDir;
        this.pins = pins;
    }

    public static LiveAppliance start(Path dir) {
        return start(dir, UnaryOperator.identity());
    }

    /** An appliance with some settings changed, e.g. {@code b -> b.maxFrameBytes(4 << 20)}. */
    public static LiveAppliance start(Path dir, UnaryOperator<ApplianceConfig.Builder> tweak) {
        return start(dir, tweak, System::currentTimeMillis);
    }

    /** An appliance with {@code clock} as its wall clock: a login block lasts until the test moves it. */
    public static LiveAppliance start(Path dir, UnaryOperator<ApplianceConfig.Builder> tweak, LongSupplier clock) {
        try {
            Path applianceDir = Files.createDirectories(dir.resolve("appliance"));
            Path clientDir = Files.createDirectories(dir.resolve("client"));
            RunningAppliance appliance = RunningAppliance.start(applianceDir, TestDatabase.h2(applianceDir), tweak, clock);
            PinStore pins = PinStore.open(clientDir);
            pins.pin(ApplianceId.random(), "LAN Chat test", appliance.fingerprint());
            return new LiveAppliance(appliance, clientDir, pins);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RunningAppliance appliance() {
        return appliance;
    }

    public Path clientDir() {
        return clientDir;
    }

    public PinStore pins() {
        return pins;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), appliance.port());
    }

    /** How the app would see this appliance had the user typed its address. */
    public ApplianceChoice choice() {
        return ApplianceChoice.manual(address());
    }

    /** A pinned connector that asks for the current port on every connect. */
    public Connector connector() {
        return new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(5)), () -> TrustTarget.manual(address()));
    }

    /** A client, not yet logged in, closed with the fixture. */
    public ChatClient client(EventRecorder events) {
        return client(connector(), events);
    }

    public ChatClient client(Connector connector, EventRecorder events) {
        return client(connector, events, OPTIONS);
    }

    public ChatClient client(Connector connector, EventRecorder events, ClientOptions options) {
        ChatClient client = new ChatClient(connector, options);
        client.addListener(events, Runnable::run);
        closeables.add(client);
        return client;
    }

    /**
     * Registers {@code name} with the fixture's password and returns the logged-in client, once it has caught
     * up: from then on, messages reach it live.
     */
    public ChatClient user(String name, EventRecorder events) {
        return user(name, events, OPTIONS);
    }

    /** {@link #user(String, EventRecorder)} with other tuning, such as {@link #PEER_LINKS}. */
    public ChatClient user(String name, EventRecorder events, ClientOptions options) {
        ChatClient client = client(connector(), events, options);
        client.register(name, RunningAppliance.PASSWORD, null).join();
        client.caughtUp().orTimeout(EventRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    public void track(AutoCloseable closeable) {
        closeables.add(closeable);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a test fixture
            }
        }
        appliance.close();
    }
}
