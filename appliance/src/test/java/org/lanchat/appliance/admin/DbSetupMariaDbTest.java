package org.lanchat.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.Appliance;
import org.lanchat.appliance.Main;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.config.SettingSources;
import org.lanchat.appliance.testing.TestClient;

/**
 * {@code lanchat-appliance db-setup} against the real MySQL-compatible server (MariaDB here; see
 * {@code TestDatabase} for the LANCHAT_TEST_MYSQL_* variables). Skipped without a server, except under CI.
 */
class DbSetupMariaDbTest {
    private static final String SERVER = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String ADMIN = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_USER", "root");
    private static final String ADMIN_PASSWORD = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_PASSWORD", "");

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    private final String database = "lanchat_setup_" + suffix;
    private final String user = "lc_" + suffix;
    private Path config;
    private Path passwordFile;

    // "try": a resource held open for the body without being used; javac 22+ no longer exempts the name "ignored".
    @BeforeEach
    @SuppressWarnings("try")
    void serverAnswers() throws Exception {
        try (Connection ignored = DriverManager.getConnection(SERVER, ADMIN, ADMIN_PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            String message = "no MySQL-compatible server at " + SERVER + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
        }
        config = dir.resolve("appliance.conf");
        Files.writeString(config, "# example\nport = 7447\n# database = jdbc:mysql://127.0.0.1:3306/lanchat\n");
        passwordFile = dir.resolve("database-password");
    }

    @AfterEach
    void dropEverything() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            for (String host : MySqlProvisioner.defaultUserHosts("127.0.0.1")) {
                s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    private int dbSetup(StringWriter out, StringWriter err, String... extra) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString(), "db-setup", "--server", SERVER,
                "--database-name", database, "--user", user,
                "--write-config", config.toString(), "--password-file", passwordFile.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--admin-user")) {
            args.addAll(List.of("--admin-user", ADMIN));
        }
        String[] argv = args.toArray(String[]::new);
        Map<String, String> env = new HashMap<>();
        env.put("LANCHAT_DB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        var cli = Main.commandLine(env, argv);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(argv);
    }

    private String password() throws Exception {
        return Files.readString(passwordFile).strip();
    }

    private String applianceUrl() {
        return MySqlProvisioner.applianceUrl(SERVER, database);
    }

    @Test
    void createsALeastPrivilegeUserTheApplianceRunsOnAndWritesTheConfig() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(dbSetup(out, err)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Created database " + database, "schema is current")
                .as("a config file of its own, not the package's: no systemd unit hands the appliance the password")
                .contains("Start the appliance with --config " + config + " --database-password-file " + passwordFile)
                .doesNotContain("systemctl");

        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(password()).matches("[A-Za-z0-9]{32}");
        Properties written = SettingSources.readConfigFile(config);
        assertThat(written.getProperty("database")).isEqualTo(applianceUrl());
        assertThat(written.getProperty("database-user")).isEqualTo(user);
        assertThat(written.getProperty("port")).isEqualTo("7447");
        assertThat(out.toString()).doesNotContain(password());

        try (Connection c = DriverManager.getConnection(applianceUrl(), user, password()); Statement s = c.createStatement()) {
            List<String> grants = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SHOW GRANTS")) {
                while (rows.next()) {
                    grants.add(rows.getString(1));
                }
            }
            assertThat(grants).as("no server-wide privilege, nothing outside the database, no GRANT OPTION")
                    .allSatisfy(g -> assertThat(g).doesNotContain("ALL PRIVILEGES", "GRANT OPTION", "SUPER", "FILE", "PROCESS"))
                    .anySatisfy(g -> assertThat(g).startsWith("GRANT USAGE ON *.* TO"))
                    .anySatisfy(g -> assertThat(g).contains("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "INDEX",
                            "DROP", "REFERENCES").endsWith(" ON `" + database + "`.* TO `" + user + "`@`127.0.0.1`"))
                    .hasSize(2);
            assertThatThrownBy(() -> s.executeQuery("SELECT user FROM mysql.user")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE DATABASE lanchat_escape_" + suffix)).isInstanceOf(SQLException.class);
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")) {
                rows.next();
                assertThat(rows.getInt(1)).as("schema created by db-setup, as the new user").isPositive();
            }
        }

        ApplianceConfig settings = ApplianceConfig.builder().bindAddress("127.0.0.1").port(0).dataDir(dir.resolve("data"))
                .databaseUrl(written.getProperty("database")).databaseUser(user).databasePassword(password())
                .name("db-setup test").maxConcurrentHashes(1).advertise(false).build();
        try (Appliance appliance = Appliance.start(settings); TestClient client = TestClient.connect(appliance.port(), appliance.fingerprint())) {
            client.hello();
            client.register("alice", "correct horse battery");
        }
    }

    @Test
    void runningItAgainRotatesThePasswordAndKeepsTheData() throws Exception {
        assertThat(dbSetup(new StringWriter(), new StringWriter())).isZero();
        String first = password();
        try (Connection c = DriverManager.getConnection(applianceUrl(), user, first); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (username, username_key, password_hash, disabled, created_at) VALUES ('alice', 'alice', 'x', FALSE, 1)");
        }
        assertThat(dbSetup(new StringWriter(), new StringWriter())).isZero();
        assertThat(password()).isNotEqualTo(first);
        assertThatThrownBy(() -> DriverManager.getConnection(applianceUrl(), user, first).close()).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(applianceUrl(), user, password()); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT username FROM users")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice");
        }
    }

    @Test
    void printSqlConnectsNowhereAndChangesNoSettingUntilFinishFindsTheUserWorking() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(dbSetup(out, err, "--print-sql")).isZero();
        Path pending = dir.resolve("database-password.pending");
        String password = Files.readString(pending).strip();
        assertThat(Files.getPosixFilePermissions(pending)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(out.toString()).startsWith("CREATE DATABASE IF NOT EXISTS `" + database + "`")
                .contains("IDENTIFIED BY '" + password + "';");
        assertThat(err.toString()).contains("-- Nothing is changed yet", "then: lanchat-appliance db-setup --finish --server " + SERVER);
        assertThat(passwordFile).as("the appliance's password file is untouched").doesNotExist();
        assertThat(SettingSources.readConfigFile(config).getProperty("database")).as("config untouched").isNull();
        try (Connection c = DriverManager.getConnection(SERVER, ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SHOW DATABASES LIKE '" + database + "'")) {
            assertThat(rows.next()).as("nothing created").isFalse();
        }

        StringWriter early = new StringWriter();
        assertThat(dbSetup(new StringWriter(), early, "--finish")).as("the SQL has not been run yet").isEqualTo(AdminCommand.FAILED);
        assertThat(early.toString()).contains("was the SQL from --print-sql run?");
        assertThat(SettingSources.readConfigFile(config).getProperty("database")).isNull();

        // What "| sudo mariadb" does: the administrator runs the printed statements.
        try (Connection c = DriverManager.getConnection(SERVER, ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            for (String statement : out.toString().split(";\\R")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        StringWriter finished = new StringWriter();
        StringWriter finishErr = new StringWriter();
        assertThat(dbSetup(finished, finishErr, "--finish")).as(finishErr.toString()).isZero();
        assertThat(finished.toString()).contains("Checked database " + database, "schema is current");
        assertThat(password()).isEqualTo(password);
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(pending).doesNotExist();
        assertThat(SettingSources.readConfigFile(config).getProperty("database")).isEqualTo(applianceUrl());
        assertThat(SettingSources.readConfigFile(config).getProperty("database-user")).isEqualTo(user);
    }

    @Test
    void wrongAdminCredentialsChangeNothing() throws Exception {
        Path wrong = Files.writeString(dir.resolve("admin-pw"), "certainly not the password\n");
        StringWriter err = new StringWriter();
        assertThat(dbSetup(new StringWriter(), err, "--admin-password-file", wrong.toString(), "--admin-user", "nobody_" + suffix))
                .isEqualTo(AdminCommand.FAILED);
        assertThat(err.toString()).contains("as nobody_" + suffix);
        assertThat(passwordFile).doesNotExist();
        assertThat(SettingSources.readConfigFile(config).getProperty("database")).isNull();
    }
}
