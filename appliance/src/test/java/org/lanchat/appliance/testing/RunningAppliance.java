package org.lanchat.appliance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.lanchat.appliance.Appliance;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The real appliance for a test: bound to 127.0.0.1 on a free port, with its own data directory and
 * database, and the clients the test opened, all closed together.
 */
public final class RunningAppliance implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery";

    private final Path dataDir;
    private final TestDatabase database;
    private final UnaryOperator<ApplianceConfig.Builder> tweak;
    private final LongSupplier clockMillis;
    private final List<TestClient> clients = new ArrayList<>();
    private Appliance appliance;

    private RunningAppliance(Path dataDir, TestDatabase database, UnaryOperator<ApplianceConfig.Builder> tweak,
            LongSupplier clockMillis) {
        this.dataDir = dataDir;
        this.database = database;
        this.tweak = tweak;
        this.clockMillis = clockMillis;
    }

    public static RunningAppliance start(Path dataDir, TestDatabase database) {
        return start(dataDir, database, UnaryOperator.identity());
    }

    /**
     * An appliance of its own on the embedded database in {@code dataDir}, made if missing: for tests with
     * several appliances, each with its own certificate (a rogue beside the real one).
     */
    public static RunningAppliance startEmbeddedIn(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(dataDir, TestDatabase.h2(dataDir));
    }

    public static RunningAppliance start(Path dataDir, TestDatabase database, UnaryOperator<ApplianceConfig.Builder> tweak) {
        return start(dataDir, database, tweak, System::currentTimeMillis);
    }

    /** With {@code clockMillis} as the appliance's wall clock, e.g. one that moves only when the test moves it. */
    public static RunningAppliance start(Path dataDir, TestDatabase database, UnaryOperator<ApplianceConfig.Builder> tweak,
            LongSupplier clockMillis) {
        RunningAppliance running = new RunningAppliance(dataDir, database, tweak, clockMillis);
        running.boot();
        return running;
    }

    private void boot() {
        ApplianceConfig config = tweak.apply(ApplianceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(0)
                        .dataDir(dataDir)
                        .databaseUrl(database.jdbcUrl())
                        .databaseUser(database.user())
                        .databasePassword(database.password())
                        .name("LAN Chat test")
                        .advertise(false) // tests never multicast on the machine's own network
                        // Tests drive many clients from this machine faster than people do; a test of the
                        // limits themselves sets its own (RateLimitsEndToEndTest).
                        .rateLimits(RateLimits.DEFAULTS.exemptingLoopback())
                        .maxConcurrentHashes(2))
                .build();
        try {
            appliance = Appliance.start(config, clockMillis);
        } catch (IOException e) {
            throw new IllegalStateException("appliance did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** Stops the appliance (as SIGTERM would) and starts it again on the same data; the port changes. */
    public void restart() {
        appliance.close();
        boot();
    }

    /** Stops the appliance; {@link #close()} is still safe to call. */
    public void stop() {
        appliance.close();
    }

    public Appliance appliance() {
        return appliance;
    }

    public int port() {
        return appliance.port();
    }

    public CertificateFingerprint fingerprint() {
        return appliance.fingerprint();
    }

    /** A connected client that has said hello. */
    public TestClient connect() {
        return connectFrom(null);
    }

    /** A connected client that has said hello, from another loopback address (e.g. 127.0.0.2); null for the default. */
    public TestClient connectFrom(String localAddress) {
        TestClient client = connectWithoutHello(localAddress);
        client.hello();
        return client;
    }

    /** A connected client that has said nothing yet (not even hello). */
    public TestClient connectWithoutHello(String localAddress) {
        TestClient client = TestClient.connectFrom(localAddress, port(), fingerprint());
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A connected client logged in as a newly registered user. */
    public TestClient newUser(String name) {
        TestClient client = connect();
        client.register(name, PASSWORD);
        return client;
    }

    /** Another connection for an existing user. */
    public TestClient login(String name) {
        TestClient client = connect();
        client.login(name, PASSWORD);
        return client;
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(TestClient::close);
        }
        if (appliance != null) {
            appliance.close();
        }
    }
}
