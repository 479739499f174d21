package org.lanchat.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.config.ApplianceConfig;
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
    void theConfigFileCanBeNamedInTheEnvironment() throws IOException {
        Path config = dir.resolve("appliance.conf");
        Files.writeString(config, "port = 9001\ndata-dir = " + dir + "\n");
        assertThat(settings(Map.of("LANCHAT_CONFIG", config.toString())).port()).isEqualTo(9001);
    }

    @Test
    void systemdsStateDirectoryIsTheDefaultDataDirectory() {
        assertThat(Main.defaultDataDir(Map.of("STATE_DIRECTORY", "/var/lib/lanchat-appliance"))).isEqualTo(Path.of("/var/lib/lanchat-appliance"));
        assertThat(Main.defaultDataDir(Map.of("XDG_DATA_HOME", "/home/a/.data"))).isEqualTo(Path.of("/home/a/.data/lanchat-appliance"));
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
}
