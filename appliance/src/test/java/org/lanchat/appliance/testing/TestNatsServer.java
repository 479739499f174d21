package org.lanchat.appliance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nats-server of the test's own on 127.0.0.1 and a free port (no JetStream, nothing on disk), optionally
 * requiring a user and password. It can be stopped and started again on the same port, as an administrator
 * restarting the bus would. Skips the test where nats-server is not installed, except under CI ({@code CI=true}),
 * where {@code .ci/run} installs it and its absence fails the run.
 */
public final class TestNatsServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private final int port;
    private final List<String> auth;
    private final Path log;
    private Process process;

    private TestNatsServer(int port, List<String> auth, Path log) {
        this.port = port;
        this.auth = auth;
        this.log = log;
    }

    public static TestNatsServer start(Path workDir) {
        return start(workDir, null, null);
    }

    /** A server that accepts only this user and password (both null: anyone). */
    public static TestNatsServer start(Path workDir, String user, String password) {
        if (!Files.isExecutable(BINARY)) {
            String message = "nats-server is not installed (apt-get install nats-server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        List<String> auth = user == null ? List.of() : List.of("--user", user, "--pass", password);
        TestNatsServer server = new TestNatsServer(freePort(), auth, workDir.resolve("nats-server.log"));
        server.startProcess();
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Stops the server (SIGTERM) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server again on the same port. */
    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(auth);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server", e);
        }
        Awaitility.await("nats-server listening on port " + port).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(this::accepting);
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nats-server exited; see " + log);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
