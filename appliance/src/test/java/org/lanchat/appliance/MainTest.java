package org.lanchat.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.config.InvalidConfigException;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.TestDatabase;
import picocli.CommandLine;

/** The command line: where settings come from, and what it refuses. */
class MainTest {
    @TempDir
    Path dir;

    private ApplianceConfig settings(Map<String, String> environment, String... args) throws IOException {
        CommandLine cli = Main.commandLine(environment, args);
        cli.parseArgs(args);
        return ((Main) cli.getCommand()).settings();
    }

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of(), new String[] {"--help"});
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--data-dir", "--database", "--name", "--config", "--fingerprint",
                "--insecure-plaintext", "LANCHAT_DATA_DIR");
    }

    @Test
    void theCommandLineWinsThenTheEnvironmentThenTheConfigFile() throws IOException {
        Path config = dir.resolve("appliance.conf");
        Files.writeString(config, "port = 9000\nname = From the file\ndata-dir = " + dir.resolve("from-file") + "\nidle-timeout = 120\n");
        ApplianceConfig settings = settings(Map.of("LANCHAT_PORT", "8000", "LANCHAT_NAME", "From the environment"),
                "--config", config.toString(), "--name", "From the command line");
        assertThat(settings.name()).isEqualTo("From the command line");
        assertThat(settings.port()).isEqualTo(8000);
        assertThat(settings.dataDir()).isEqualTo(dir.resolve("from-file"));
        assertThat(settings.idleTimeout()).hasSeconds(120);
    }

    @Test
    void theLimitsAreSettingsAndApplyToLoopbackUnlessItIsExempted() throws IOException {
        assertThat(settings(Map.of(), "--data-dir", dir.toString()).rateLimits()).isEqualTo(RateLimits.DEFAULTS);
        assertThat(RateLimits.DEFAULTS.exemptLoopback()).isFalse();
        ApplianceConfig set = settings(Map.of("LANCHAT_EXEMPT_LOOPBACK_FROM_LIMITS", "true"), "--data-dir", dir.toString(),
                "--max-registrations-per-hour", "5", "--max-connections-per-address", "7",
                "--max-messages-per-second", "3", "--max-messages-per-second-per-user", "4");
        assertThat(set.rateLimits()).isEqualTo(new RateLimits(5, 7, 3, 4, true));
        assertThatThrownBy(() -> settings(Map.of(), "--data-dir", dir.toString(), "--max-messages-per-second", "0"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("--max-messages-per-second must be between 1 and");
    }

    @Test
    void advertisingIsOnByDefaultAndCanBeLimitedOrTurnedOff() throws IOException {
        ApplianceConfig defaults = settings(Map.of(), "--data-dir", dir.toString());
        assertThat(defaults.advertise()).isTrue();
        assertThat(defaults.interfaces()).isEmpty();
        ApplianceConfig limited = settings(Map.of("LANCHAT_INTERFACES", "eth1,wlan0"), "--data-dir", dir.toString());
        assertThat(limited.interfaces()).containsExactly("eth1", "wlan0");
        assertThat(settings(Map.of(), "--data-dir", dir.toString(), "--no-advertise").advertise()).isFalse();
        assertThat(settings(Map.of("LANCHAT_ADVERTISE", "false"), "--data-dir", dir.toString()).advertise()).isFalse();
    }

    @Test
    void aConfigFileKeyThatNamesNoSettingStopsTheStartWithItsName() throws IOException {
        Path config = dir.resolve("appliance.conf");
        Files.writeString(config, "prot = 17504\nedit_window = 5\nport = 9000\ndatabase-password = kept for root\n");
        assertThatThrownBy(() -> settings(Map.of(), "--config", config.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("names no setting called edit_window, prot");
        Files.writeString(config, "port = 9000\nno-advertise = true\n");
        assertThatThrownBy(() -> settings(Map.of(), "--config", config.toString())).as("the key is the option's long name")
                .hasMessageContaining("no-advertise");
        Files.writeString(config, "port = 9000\nadvertise = false\ndatabase-password = kept for root\n");
        assertThat(settings(Map.of(), "--config", config.toString(), "--data-dir", dir.toString()).advertise()).isFalse();
    }

    @Test
    void aMissingConfigFileIsRefusedInOneSentenceThatSaysItDoesNotExist() {
        Path missing = dir.resolve("missing.conf");
        assertThatThrownBy(() -> settings(Map.of(), "--config", missing.toString()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("--config: " + missing + " does not exist");
    }

    @Test
    void theConfigFileCanBeNamedInTheEnvironment() throws IOException {
        Path config = dir.resolve("appliance.conf");
        Files.writeString(config, "port = 9001\ndata-dir = " + dir + "\n");
        assertThat(settings(Map.of("LANCHAT_CONFIG", config.toString())).port()).isEqualTo(9001);
    }

    @Test
    void theDataDirectoryDefaultsToSystemdsStateDirectoryThenXdgDataHomeThenHome() throws IOException {
        Map<String, String> all = Map.of("STATE_DIRECTORY", "/var/lib/lanchat-appliance:/var/lib/other",
                "XDG_DATA_HOME", "/home/a/.data", "HOME", "/home/a");
        assertThat(settings(all).dataDir()).as("the first state directory").isEqualTo(Path.of("/var/lib/lanchat-appliance"));
        assertThat(settings(Map.of("XDG_DATA_HOME", "/home/a/.data", "HOME", "/home/a")).dataDir())
                .isEqualTo(Path.of("/home/a/.data/lanchat-appliance"));
        assertThat(settings(Map.of("XDG_DATA_HOME", " ", "HOME", "/home/a")).dataDir()).as("a blank variable counts as unset")
                .isEqualTo(Path.of("/home/a/.local/share/lanchat-appliance"));
    }

    @Test
    void aDataDirectoryGivenAnywhereWinsOverTheEnvironmentsDefault() throws IOException {
        Map<String, String> systemd = Map.of("STATE_DIRECTORY", "/var/lib/lanchat-appliance", "HOME", "/home/a");
        Path config = dir.resolve("appliance.conf");
        Files.writeString(config, "data-dir = " + dir.resolve("from-file") + "\n");
        assertThat(settings(systemd, "--config", config.toString()).dataDir()).isEqualTo(dir.resolve("from-file"));
        Map<String, String> named = new HashMap<>(systemd);
        named.put("LANCHAT_DATA_DIR", dir.resolve("from-environment").toString());
        assertThat(settings(named, "--config", config.toString()).dataDir()).isEqualTo(dir.resolve("from-environment"));
        assertThat(settings(named, "--config", config.toString(), "--data-dir", dir.resolve("from-cli").toString()).dataDir())
                .isEqualTo(dir.resolve("from-cli"));
    }

    @Test
    void withNoDataDirectoryAndNoHomeTheSettingIsNamedAsMissing() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of(), new String[0]);
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("--data-dir is required");
    }

    @Test
    void theDatabasePasswordComesFromTheFileThenTheCredentialThenTheEnvironmentThenTheConfigFile() throws IOException {
        Path config = dir.resolve("appliance.conf");
        Files.writeString(config, "data-dir = " + dir + "\ndatabase-password = from the config file\n");
        Path credentials = Files.createDirectory(dir.resolve("credentials"));
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "from the password file\n");
        Map<String, String> environment = new HashMap<>(Map.of("LANCHAT_CONFIG", config.toString()));
        assertThat(settings(environment).databasePassword()).isEqualTo("from the config file");

        environment.put("LANCHAT_DATABASE_PASSWORD", "from the environment");
        assertThat(settings(environment).databasePassword()).isEqualTo("from the environment");

        environment.put("CREDENTIALS_DIRECTORY", credentials.toString());
        Files.writeString(credentials.resolve("database-password"), "");
        assertThat(settings(environment).databasePassword()).as("an empty credential counts as none")
                .isEqualTo("from the environment");
        Files.writeString(credentials.resolve("database-password"), " from the credential\n");
        assertThat(settings(environment).databasePassword()).isEqualTo("from the credential");

        assertThat(settings(environment, "--database-password-file", passwordFile.toString()).databasePassword())
                .isEqualTo("from the password file");
    }

    /** Tried: the password in a 0644 password file and in a 0644 config file; then both 0600, which says nothing. */
    @Test
    void aPasswordOthersCanReadIsSaidSoInTheLog() throws IOException {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.lanchat.appliance.config.DatabasePassword.class);
        logger.addAppender(lines);
        try {
            Path passwordFile = Files.writeString(dir.resolve("password"), "secret\n");
            Path config = Files.writeString(dir.resolve("appliance.conf"), "data-dir = " + dir + "\ndatabase-password = secret\n");
            for (Path file : List.of(passwordFile, config)) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }

            settings(Map.of(), "--data-dir", dir.toString(), "--database-password-file", passwordFile.toString());
            settings(Map.of("LANCHAT_CONFIG", config.toString()));

            assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "--database-password-file " + passwordFile + " holds the database password and is readable by"
                                    + " others (mode rw-r--r--): every user of this computer can read the password; make"
                                    + " it the appliance's user's alone: chmod 600 " + passwordFile,
                            "the config file " + config + " holds the database password and is readable by others (mode"
                                    + " rw-r--r--): every user of this computer can read the password; make it the"
                                    + " appliance's user's alone: chmod 600 " + config);

            lines.list.clear();
            for (Path file : List.of(passwordFile, config)) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            settings(Map.of(), "--data-dir", dir.toString(), "--database-password-file", passwordFile.toString());
            settings(Map.of("LANCHAT_CONFIG", config.toString()));
            assertThat(lines.list).isEmpty();
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void anUnreadablePasswordFileIsNamed() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of(), new String[0]);
        cli.setErr(new PrintWriter(err));
        Path missing = dir.resolve("no-such-file");
        assertThat(cli.execute("--data-dir", dir.toString(), "--database-password-file", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--database-password-file: cannot read " + missing);
    }

    @Test
    void theCommandLinesDefaultsAreTheConfigurationsDefaults() throws IOException {
        ApplianceConfig fromCommandLine = settings(Map.of(), "--data-dir", dir.toString());
        ApplianceConfig fromBuilder = ApplianceConfig.builder().dataDir(dir).build();
        assertThat(fromCommandLine).isEqualTo(fromBuilder);
        assertThat(fromCommandLine.port()).isEqualTo(7447);
        assertThat(fromCommandLine.idleTimeout()).hasSeconds(90);
        assertThat(fromCommandLine.loginTimeout()).hasSeconds(30);
        assertThat(fromCommandLine.handshakeTimeout()).hasSeconds(10);
        assertThat(fromCommandLine.maxOutboundBytes()).isEqualTo(4 << 20);
    }

    @Test
    void aPasswordOnTheCommandLineIsRefused() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of(), new String[0]);
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--data-dir", dir.toString(), "--database-password", "hunter2");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--database-password-file").doesNotContain("hunter2");
    }

    @Test
    void invalidSettingsExitWithCode2AndNameTheSetting() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of("LANCHAT_PORT", "99999"), new String[0]);
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be between 0 and 65535, got 99999");
    }

    @Test
    void fingerprintPrintsTheShortCodeAndTheSameOneEveryTime() {
        StringWriter first = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of(), new String[0]);
        cli.setOut(new PrintWriter(first));
        assertThat(cli.execute("--data-dir", dir.toString(), "--fingerprint")).isZero();
        StringWriter second = new StringWriter();
        CommandLine again = Main.commandLine(Map.of(), new String[0]);
        again.setOut(new PrintWriter(second));
        again.execute("--data-dir", dir.toString(), "--fingerprint");
        assertThat(first.toString()).matches("(?s)Short code: +[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\\RSHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}\\R");
        assertThat(second.toString()).isEqualTo(first.toString());
    }

    /** A newcomer's {@code advertise = maybe} was reported as an option's value, above sixty lines of usage. */
    @Test
    void aBadValueFromTheConfigFileIsNamedAsTheConfigFilesInOneSentence() throws IOException {
        Path config = Files.writeString(dir.resolve("appliance.conf"), "advertise = maybe\n");
        StringWriter err = new StringWriter();
        String[] args = {"--config", config.toString(), "--data-dir", dir.toString()};
        CommandLine cli = Main.commandLine(Map.of(), args);
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "lanchat-appliance: Invalid value for option '--advertise': 'maybe' is not a boolean (from 'advertise' in"
                        + " the config file " + config + ")",
                "'lanchat-appliance --help' lists the options.");
    }

    /** The newcomer's 'admin usres': picocli's "Unmatched argument at index 1", under the other program's name. */
    @Test
    void aMistypedAdminCommandIsNamedAsLanchatAdminSaysItsRefusals() {
        StringWriter err = new StringWriter();
        String[] args = {"admin", "usres"};
        CommandLine cli = Main.commandLine(Map.of(), args);
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        assertThat(err.toString()).startsWith("lanchat-admin: unexpected argument: 'usres'" + System.lineSeparator())
                .contains("users");
    }

    /** A newcomer starting a second appliance on the same port got a Netty stack trace. */
    @Test
    void aPortAlreadyTakenStopsTheStartWithOneSentence() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            StringWriter err = new StringWriter();
            String[] args = {"--data-dir", dir.toString(), "--bind", "127.0.0.1", "--port", port, "--no-advertise",
                "--exit-when-ready"};
            CommandLine cli = Main.commandLine(Map.of(), args);
            cli.setErr(new PrintWriter(err));
            assertThat(cli.execute(args)).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("lanchat-appliance: cannot listen on port " + port + ": another program"
                    + " already listens there (another appliance?); stop it, or choose another port with --port"
                    + System.lineSeparator());
        }
    }

    /** The newcomer's wrong database user: "Access denied" was retried for ever, --exit-when-ready or not. */
    @Test
    void aDatabaseThatRefusesTheLoginStopsTheStartWithOneSentence() {
        try (TestDatabase database = TestDatabase.mysql()) {
            StringWriter err = new StringWriter();
            String[] args = {"--data-dir", dir.toString(), "--bind", "127.0.0.1", "--port", "0", "--no-advertise",
                "--database", database.jdbcUrl(), "--database-user", "nobody_" + System.nanoTime() % 100_000,
                "--exit-when-ready"};
            CommandLine cli = Main.commandLine(Map.of(), args);
            cli.setErr(new PrintWriter(err));
            assertThat(cli.execute(args)).isEqualTo(1);
            assertThat(err.toString()).startsWith("lanchat-appliance: the database refused the appliance's login (")
                    .contains("Access denied").hasLineCount(1);
        }
    }

    @Test
    void exitWhenReadyStartsStopsCleanlyAndLeavesTheDataForTheNextStart() throws IOException {
        String[] args = {"--data-dir", dir.toString(), "--bind", "127.0.0.1", "--port", "0", "--no-advertise",
            "--exit-when-ready"};
        assertThat(Main.commandLine(Map.of(), args).execute(args)).isZero();
        assertThat(dir.resolve("db")).isDirectory();
        // The same again on the existing data directory: the first run released the database and the port.
        assertThat(Main.commandLine(Map.of(), args).execute(args)).isZero();
    }
}
