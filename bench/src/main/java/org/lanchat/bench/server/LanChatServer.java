package org.lanchat.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.appliance.config.ApplianceConfig;

/**
 * The appliance as a separate process, started the way an administrator would (its {@code Main} with
 * command-line options) on a fresh data directory (or a fresh MariaDB database) seeded with the
 * benchmark's accounts, or as a member of a cluster on a database it shares.
 */
public final class LanChatServer extends ServerProcess {
    private static final Pattern READY = Pattern.compile("ready on port (\\d+)");
    /**
     * Alone it logs its own certificate's fingerprint; a cluster member logs the cluster's ("…certificate, fingerprint
     * SHA-256 …"), which its certificate chain leads to and which clients pin.
     */
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint SHA-256 ([0-9A-Fa-f:]+)");

    /**
     * How to start it.
     *
     * @param mysqlServerUrl  e.g. {@code jdbc:mysql://127.0.0.1:3306/}: use a new database there; null for embedded H2
     * @param jvmOptions      options for the appliance's JVM (heap, JFR)
     * @param extraArguments  further appliance options
     */
    public record Options(Path workDir, boolean tls, int accounts, String tokenSeed, IntFunction<String> username,
                          IntFunction<String> token, String mysqlServerUrl, String mysqlUser, List<String> jvmOptions,
                          List<String> extraArguments) {
    }

    private final String fingerprint;
    /** The database this appliance was given alone, dropped when it stops; null for H2 or a cluster's shared one. */
    private final BenchDatabase ownDatabase;

    private LanChatServer(String name, Process process, int port, Path log, String fingerprint, BenchDatabase ownDatabase) {
        super(name, process, port, log);
        this.fingerprint = fingerprint;
        this.ownDatabase = ownDatabase;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** Starts an appliance on a database of its own (a new MariaDB database, or H2 in its data directory), seeded first. */
    public static LanChatServer start(Options o) throws IOException, SQLException {
        Path dataDir = newDataDir(o);
        BenchDatabase database = o.mysqlServerUrl() == null ? null : BenchDatabase.create(o.mysqlServerUrl(), o.mysqlUser());
        try {
            String jdbcUrl = database != null ? database.url()
                    : ApplianceConfig.builder().dataDir(dataDir).build().effectiveDatabaseUrl();
            AccountSeeder.seed(jdbcUrl, database != null ? database.user() : null, null, o.accounts(), o.username(), o.token());
            return launch(o, dataDir, database, database);
        } catch (IOException | RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    /**
     * Starts an appliance on {@code shared}, a database another appliance (or the caller) already seeded and that
     * outlives this one: a member of a cluster, whose {@code extraArguments} name the cluster's bus.
     */
    public static LanChatServer startOn(BenchDatabase shared, Options o) throws IOException {
        return launch(o, newDataDir(o), shared, null);
    }

    private static Path newDataDir(Options o) throws IOException {
        Path dataDir = o.workDir().resolve("appliance-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dataDir);
        return dataDir;
    }

    private static LanChatServer launch(Options o, Path dataDir, BenchDatabase database, BenchDatabase own) throws IOException {
        List<String> command = new ArrayList<>();
        // A program that execs its arguments, e.g. to record the appliance's native allocations (bench/run.sh's header).
        String wrapper = System.getenv("LANCHAT_BENCH_APPLIANCE_WRAPPER");
        if (wrapper != null && !wrapper.isBlank()) {
            command.add(wrapper);
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(o.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.lanchat.appliance.Main",
                "--data-dir", dataDir.toString(), "--bind", "127.0.0.1", "--port", "0", "--name", "bench",
                // Benchmarks stay on loopback: no DNS-SD announcements on the machine's interfaces.
                "--no-advertise",
                // Every simulated member connects from this machine: the per-address limits would refuse them.
                "--exempt-loopback-from-limits"));
        if (database != null) {
            command.addAll(List.of("--database", database.url(), "--database-user", database.user()));
        }
        if (!o.tls()) {
            command.add("--insecure-plaintext");
        }
        command.addAll(o.extraArguments());

        Path log = dataDir.resolve("appliance.log");
        Process p = launch(command, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher ready = READY.matcher(text);
            if (ready.find()) {
                Matcher fp = FINGERPRINT.matcher(text);
                String pin = fp.find() ? fp.group(1).replace(":", "").toLowerCase(Locale.ROOT) : null;
                return new LanChatServer(o.tls() ? "LAN Chat (TLS)" : "LAN Chat", p, Integer.parseInt(ready.group(1)),
                        log, pin, own);
            }
            if (!p.isAlive()) {
                throw new IOException("the appliance exited with " + p.exitValue() + " before it was ready:\n" + tail(log));
            }
            sleep(100);
        }
        p.destroyForcibly();
        throw new IOException("the appliance was not ready within 2 minutes:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        super.close();
        if (ownDatabase != null) {
            ownDatabase.close();
        }
    }
}
