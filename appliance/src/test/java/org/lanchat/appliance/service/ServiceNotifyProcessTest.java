package org.lanchat.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance as its own process under a stand-in for systemd: the environment systemd gives a
 * {@code Type=notify} service with {@code WatchdogSec=}, and a socket that records what it is told.
 */
@Tag("slow")
class ServiceNotifyProcessTest {
    /** Generous: the shared 2-core machine may be busy building other modules. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Process start(NotifySocket systemd, String... options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.lanchat.appliance.Main",
                "--data-dir", dir.resolve("data").toString(), "--port", "0", "--bind", "127.0.0.1", "--no-advertise"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("appliance.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("NOTIFY_SOCKET", systemd.path().toString());
        env.put("WATCHDOG_USEC", "1500000"); // checks every 0.5 s
        env.put("RUNTIME_DIRECTORY", dir.resolve("run").toString());
        return builder.start();
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("appliance.log"));
    }

    private String awaitReady(NotifySocket systemd) throws IOException {
        try {
            return systemd.await("READY=1", m -> NotifySocket.has(m, "READY=1"), TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nappliance log:\n" + log(), e);
        }
    }

    @Test
    void reportsReadyOnceServingThenFeedsTheWatchdogThenSaysItIsStopping() throws Exception {
        try (NotifySocket systemd = NotifySocket.bind(dir.resolve("notify"))) {
            Process appliance = start(systemd);
            try {
                String ready = awaitReady(systemd);
                assertThat(ready).containsPattern("STATUS=Serving on port \\d+, certificate short code [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
                assertThat(Files.exists(dir.resolve("run").resolve("admin.sock"))).as("admin socket up before ready").isTrue();
                systemd.await("a second WATCHDOG=1", m -> systemd.count(x -> x.equals("WATCHDOG=1")) >= 2, Duration.ofSeconds(10));

                appliance.toHandle().destroy();
                assertThat(appliance.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(appliance.exitValue()).isZero();
                systemd.await("STOPPING=1", m -> NotifySocket.has(m, "STOPPING=1"), Duration.ofSeconds(5));
                assertThat(Files.exists(dir.resolve("run").resolve("admin.sock"))).as("admin socket removed").isFalse();
            } finally {
                appliance.destroyForcibly();
            }
        }
    }

    @Test
    void whileTheDatabaseIsUnreachableItSaysNotReadyAndAsksForMoreTimeInsteadOfExiting() throws Exception {
        try (NotifySocket systemd = NotifySocket.bind(dir.resolve("notify"))) {
            // Port 9 (discard) on loopback: nothing listens, so every connection attempt is refused at once.
            Process appliance = start(systemd, "--database", "jdbc:mysql://127.0.0.1:9/lanchat", "--database-user", "lanchat");
            try {
                String status = systemd.await("Not ready", m -> m.startsWith("STATUS=Not ready: "), TIMEOUT);
                assertThat(status).contains("retrying in");
                systemd.await("EXTEND_TIMEOUT_USEC", m -> m.startsWith("EXTEND_TIMEOUT_USEC="), Duration.ofSeconds(5));
                systemd.await("a second attempt", m -> systemd.count(x -> x.startsWith("STATUS=Not ready")) >= 2, Duration.ofSeconds(20));
                assertThat(appliance.isAlive()).isTrue();
                assertThat(systemd.count(m -> NotifySocket.has(m, "READY=1"))).isZero();

                appliance.toHandle().destroy();
                assertThat(appliance.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(appliance.exitValue()).isZero();
                assertThat(log()).contains("Not ready:");
            } finally {
                appliance.destroyForcibly();
            }
        }
    }
}
