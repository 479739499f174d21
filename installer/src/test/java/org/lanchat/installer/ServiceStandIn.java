package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.lanchat.appliance.service.NotifySocket;
import org.lanchat.discovery.netns.NetnsLab;

/**
 * Starts the installed appliance as systemd would start {@code lanchat-appliance.service}, on a machine
 * where systemd is not running: the unit's exact {@code ExecStart=} command line, as its {@code User=}
 * and {@code Group=}, with its {@code Environment=}, {@code UMask=} and {@code WorkingDirectory=}; the
 * directories and variables of {@code StateDirectory=}, {@code RuntimeDirectory=} and
 * {@code ConfigurationDirectory=}; its {@code LoadCredential=} files in {@code $CREDENTIALS_DIRECTORY};
 * a private {@code /tmp} ({@code PrivateTmp=}); no privileges ({@code NoNewPrivileges=}, an empty
 * capability bounding set); and a notify socket ({@code Type=notify}) on which it must report ready.
 *
 * <p>It runs inside a network namespace of the test LAN, so its mDNS advertisement reaches only that LAN.
 * The unit's other sandboxing (system call filter, address families, read-only file system) needs
 * systemd itself; {@link UnitFileIT} has systemd check those settings.
 */
final class ServiceStandIn implements AutoCloseable {
    /** JVM start, database, mDNS probing: on a busy two-core machine. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String SERVICE = "Service";
    private static final Path SCRATCH = Path.of("/run/lanchat-installation-test");

    private final Process process;
    private final NotifySocket notify;
    private final Path runtimeDirectory;
    private final Path log;
    private final Duration stopTimeout;

    private ServiceStandIn(Process process, NotifySocket notify, Path runtimeDirectory, Path log, Duration stopTimeout) {
        this.process = process;
        this.notify = notify;
        this.runtimeDirectory = runtimeDirectory;
        this.log = log;
        this.stopTimeout = stopTimeout;
    }

    static ServiceStandIn start(UnitFile unit, NetnsLab.Host host, Path log) throws IOException {
        String user = unit.get(SERVICE, "User");
        String group = unit.get(SERVICE, "Group");
        String[] account = Shell.run(Duration.ofSeconds(10), "getent", "passwd", user).ok().output().strip().split(":");
        Path state = directory("/var/lib", unit.get(SERVICE, "StateDirectory"), user, group, unit.get(SERVICE, "StateDirectoryMode"));
        Path runtime = directory("/run", unit.get(SERVICE, "RuntimeDirectory"), user, group, unit.get(SERVICE, "RuntimeDirectoryMode"));
        Path configuration = Path.of("/etc", unit.get(SERVICE, "ConfigurationDirectory"));

        Files.createDirectories(SCRATCH);
        Path credentials = SCRATCH.resolve("credentials");
        if (Files.exists(credentials)) {
            Shell.run(Duration.ofSeconds(10), "rm", "-rf", credentials.toString()).ok();
        }
        Files.createDirectories(credentials);
        for (String credential : unit.all(SERVICE, "LoadCredential")) {
            String id = credential.substring(0, credential.indexOf(':'));
            Path copy = Files.copy(Path.of(credential.substring(credential.indexOf(':') + 1)), credentials.resolve(id));
            Shell.run(Duration.ofSeconds(10), "chown", user + ":" + group, copy.toString()).ok();
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--------"));
        }
        Shell.run(Duration.ofSeconds(10), "chown", user + ":" + group, credentials.toString()).ok();
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("r-x------"));
        NotifySocket notify = NotifySocket.bind(SCRATCH.resolve("notify"));

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin");
        environment.put("USER", user);
        environment.put("LOGNAME", user);
        environment.put("HOME", account[5]);
        environment.put("SHELL", account[6]);
        environment.putAll(unit.environment());
        environment.put("NOTIFY_SOCKET", notify.path().toString());
        environment.put("WATCHDOG_USEC", String.valueOf(seconds(unit.get(SERVICE, "WatchdogSec")) * 1_000_000));
        environment.put("STATE_DIRECTORY", state.toString());
        environment.put("RUNTIME_DIRECTORY", runtime.toString());
        environment.put("CONFIGURATION_DIRECTORY", configuration.toString());
        environment.put("CREDENTIALS_DIRECTORY", credentials.toString());

        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(),
                // PrivateTmp=: a /tmp and /var/tmp of its own, in a mount namespace of its own.
                "unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp && mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp"
                        + " && cd \"$1\" && umask \"$2\" && shift 2 && exec \"$@\"",
                "sh", unit.get(SERVICE, "WorkingDirectory"), unit.get(SERVICE, "UMask"),
                "setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--no-new-privs",
                "--bounding-set=-all", "--inh-caps=-all", "env", "-i"));
        environment.forEach((key, value) -> command.add(key + "=" + value));
        command.addAll(unit.execStart());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        return new ServiceStandIn(process, notify, runtime, log, Duration.ofSeconds(seconds(unit.get(SERVICE, "TimeoutStopSec"))));
    }

    /** Creates {@code base/name} for the service's user, as systemd does for its state and runtime directories. */
    private static Path directory(String base, String name, String user, String group, String mode) throws IOException {
        Path dir = Path.of(base, name);
        Files.createDirectories(dir);
        Shell.run(Duration.ofSeconds(10), "chown", user + ":" + group, dir.toString()).ok();
        Shell.run(Duration.ofSeconds(10), "chmod", mode, dir.toString()).ok();
        return dir;
    }

    private static long seconds(String timespan) {
        if (!timespan.matches("\\d+s?")) {
            throw new IllegalArgumentException("only seconds are handled here: " + timespan);
        }
        return Long.parseLong(timespan.replace("s", ""));
    }

    /** Waits for {@code READY=1}, as systemd does before it calls a notify service started; returns its message. */
    String awaitReady() {
        try {
            Awaitility.await("READY=1 on the notify socket").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> notify.count(m -> NotifySocket.has(m, "READY=1")) > 0 || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the appliance did not report ready within " + START_TIMEOUT + describe(), e);
        }
        assertThat(process.isAlive()).as("the appliance exited before reporting ready" + describe()).isTrue();
        return notify.messages().stream().filter(m -> NotifySocket.has(m, "READY=1")).findFirst().orElseThrow();
    }

    /** {@code systemctl stop}: SIGTERM, then the unit's stop timeout; returns the exit status. */
    int stop() {
        process.toHandle().destroy();
        if (!exited(stopTimeout)) {
            throw new AssertionError("the appliance did not stop within " + stopTimeout + describe());
        }
        assertThat(notify.count(m -> NotifySocket.has(m, "STOPPING=1"))).as("STOPPING=1" + describe()).isPositive();
        removeRuntimeDirectory();
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String describe() {
        List<String> lines = log().lines().toList();
        return "\n  notify messages: " + notify.messages() + "\n  last log lines (" + log + "):\n    "
                + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private boolean exited(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void removeRuntimeDirectory() {
        // RuntimeDirectory= is removed when the service stops; so goes the admin socket.
        Shell.run(Duration.ofSeconds(10), "rm", "-rf", runtimeDirectory.toString());
    }

    /** Kills the appliance if it still runs and removes what this stand-in made. */
    @Override
    public void close() {
        process.destroyForcibly();
        exited(Duration.ofSeconds(10));
        notify.close();
        removeRuntimeDirectory();
        try {
            Shell.run(Duration.ofSeconds(10), "rm", "-rf", SCRATCH.toString());
        } catch (UncheckedIOException | AssertionError e) {
            System.err.println("could not remove " + SCRATCH + ": " + e.getMessage());
        }
    }
}
