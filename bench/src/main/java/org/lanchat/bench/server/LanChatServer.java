package org.lanchat.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * benchmark's accounts.
 */
public final class LanChatServer extends ServerProcess {
    private static final Pattern READY = Pattern.compile("ready on port (\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("Certificate fingerprint SHA-256 ([0-9A-Fa-f:]+)");

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
    private final Options options;
    private final String mysqlDatabase;

    private LanChatServer(String name, Process process, int port, Path log, String fingerprint, Options options,
                          String mysqlDatabase) {
        super(name, process, port, log);
        this.fingerprint = fingerprint;
        this.options = options;
        this.mysqlDatabase = mysqlDatabase;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public static LanChatServer start(Options o) throws IOException, SQLException {
        Path dataDir = o.workDir().resolve("appliance-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(o.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.lanchat.appliance.Main",
                "--data-dir", dataDir.toString(), "--bind", "127.0.0.1", "--port", "0", "--name", "bench",
                // Benchmarks stay on loopback: no DNS-SD announcements on the machine's interfaces.
                "--no-advertise",
                // Every simulated member connects from this machine: the per-address limits would refuse them.
                "--exempt-loopback-from-limits"));
        String jdbcUrl;
        String user = null;
        String database = null;
        if (o.mysqlServerUrl() != null) {
            database = "lanchat_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            user = o.mysqlUser();
            String server = o.mysqlServerUrl().endsWith("/") ? o.mysqlServerUrl() : o.mysqlServerUrl() + "/";
            try (Connection c = DriverManager.getConnection(server, user, ""); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            jdbcUrl = server + database;
            command.addAll(List.of("--database", jdbcUrl, "--database-user", user));
        } else {
            jdbcUrl = ApplianceConfig.builder().dataDir(dataDir).build().effectiveDatabaseUrl();
        }
        if (!o.tls()) {
            command.add("--insecure-plaintext");
        }
        command.addAll(o.extraArguments());
        AccountSeeder.seed(jdbcUrl, user, null, o.accounts(), o.username(), o.token());

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
                        log, pin, o, database);
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
        if (mysqlDatabase != null) {
            String server = options.mysqlServerUrl().endsWith("/") ? options.mysqlServerUrl() : options.mysqlServerUrl() + "/";
            try (Connection c = DriverManager.getConnection(server, options.mysqlUser(), ""); Statement s = c.createStatement()) {
                s.executeUpdate("DROP DATABASE IF EXISTS " + mysqlDatabase);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop benchmark database " + mysqlDatabase, e);
            }
        }
    }
}
