package org.lanchat.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
 *
 * <p>Most tests register it as a JUnit extension, which starts it in a temporary directory and closes it:
 * on a static field one appliance serves the whole class, on an instance field each test gets its own.
 * <pre>{@code @RegisterExtension static final LiveAppliance live = LiveAppliance.extension();}</pre>
 */
public final class LiveAppliance implements AutoCloseable, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback {
    /** Short backoff: tests wait for reconnects, not for realistic delays. */
    public static final ClientOptions OPTIONS = ClientOptions.DEFAULTS.withRetry(Duration.ofMillis(50), Duration.ofMillis(400));
    /** {@link #OPTIONS}, taking colleagues' peer links on loopback (PROTOCOL.md §10). */
    public static final ClientOptions PEER_LINKS =
            OPTIONS.withPeerLinks(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    private final UnaryOperator<ApplianceConfig.Builder> tweak;
    private final LongSupplier clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Path dir;
    private RunningAppliance appliance;
    private Path clientDir;
    private PinStore pins;
    /** Set when the extension made {@link #dir} and must delete it. */
    private boolean ownsDir;
    /** Set when the appliance was started for one test (the extension sits on an instance field). */
    private boolean perTest;

    private LiveAppliance(UnaryOperator<ApplianceConfig.Builder> tweak, LongSupplier clock) {
        this.tweak = tweak;
        this.clock = clock;
    }

    /** For {@code @RegisterExtension}: started before the class (static field) or each test (instance field). */
    public static LiveAppliance extension() {
        return extension(UnaryOperator.identity());
    }

    /** {@link #extension()} with some settings changed, e.g. {@code b -> b.maxFrameBytes(4 << 20)}. */
    public static LiveAppliance extension(UnaryOperator<ApplianceConfig.Builder> tweak) {
        return extension(tweak, System::currentTimeMillis);
    }

    /** {@link #extension(UnaryOperator)} with {@code clock} as the appliance's wall clock. */
    public static LiveAppliance extension(UnaryOperator<ApplianceConfig.Builder> tweak, LongSupplier clock) {
        return new LiveAppliance(tweak, clock);
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
        LiveAppliance live = new LiveAppliance(tweak, clock);
        live.boot(dir);
        return live;
    }

    private void boot(Path root) {
        try {
            dir = root;
            Path applianceDir = Files.createDirectories(root.resolve("appliance"));
            clientDir = Files.createDirectories(root.resolve("client"));
            appliance = RunningAppliance.start(applianceDir, TestDatabase.h2(applianceDir), tweak, clock);
            pins = PinStore.open(clientDir);
            pins.pin(ApplianceId.random(), "LAN Chat test", appliance.fingerprint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void bootInTemporaryDirectory() throws IOException {
        ownsDir = true;
        boot(Files.createTempDirectory("lanchat-live"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        bootInTemporaryDirectory();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (appliance == null) {
            perTest = true;
            bootInTemporaryDirectory();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
            appliance = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            close();
        }
    }

    /** The directory holding the appliance's and the client's data; tests may make their own folders in it. */
    public Path dir() {
        return dir;
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
        closeables.clear();
        appliance.close();
        if (ownsDir) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind does no harm
        }
    }
}
