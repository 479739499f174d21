package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit as the package installs it, checked by systemd itself: {@code systemd-analyze verify}
 * accepts it and {@code systemd-analyze security} rates its exposure at 2.0 or lower. Both run offline
 * against the package's files unpacked into a throwaway root, so no systemd needs to be running.
 */
@Tag("slow")
class UnitFileIT {
    private static final String UNIT = "lanchat-appliance.service";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final double MAX_EXPOSURE = 2.0;

    @TempDir
    static Path work;
    private static Path root;
    private static UnitFile unit;

    @BeforeAll
    static void unpackThePackage() throws IOException {
        Requirements.linux();
        Requirements.tools("systemd-analyze", "systemd-sysusers", "dpkg-deb");
        root = DebPackage.built().extractTo(work.resolve("root"));
        // verify loads the unit's default dependencies (sysinit.target, basic.target, shutdown.target...):
        // the throwaway root borrows this machine's targets, which are the distribution's own.
        Path units = root.resolve("lib/systemd/system");
        try (Stream<Path> targets = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path target : targets.filter(p -> p.getFileName().toString().endsWith(".target")).toList()) {
                Files.copy(target, units.resolve(target.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        unit = UnitFile.read(units.resolve(UNIT));
    }

    @Test
    void thePackageShipsTheUnitFromTheSystemdFolderUnchanged() throws IOException {
        Path source = Path.of(System.getProperty("lanchat.systemd.dir", "../systemd"), UNIT);
        assertThat(root.resolve("lib/systemd/system").resolve(UNIT)).hasSameBinaryContentAs(source);
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnitWithoutAWord() {
        // Man pages are checked on the installed system (InstallationIT): man(1) here reads this machine's pages.
        Shell.Result verify = Shell.run(TIMEOUT, "systemd-analyze", "verify", "--man=no", "--root=" + root, UNIT);
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("warnings, e.g. an ignored setting").isBlank();
    }

    @Test
    void systemdAnalyzeSecurityRatesTheExposureAtMostTwo() {
        Shell.Result security = Shell.run(TIMEOUT, "systemd-analyze", "security", "--offline=true", "--root=" + root,
                "--threshold=" + (int) (MAX_EXPOSURE * 10), "--no-pager", UNIT);
        Matcher overall = Pattern.compile("Overall exposure level for " + Pattern.quote(UNIT) + ": (\\d+\\.\\d)")
                .matcher(security.output());
        assertThat(overall.find()).as(security.output()).isTrue();
        assertThat(Double.parseDouble(overall.group(1))).as(security.output()).isLessThanOrEqualTo(MAX_EXPOSURE);
        assertThat(security.exit()).as("--threshold: " + security.output()).isZero();
    }

    @Test
    void aNotifyServiceWithAWatchdogThatRestartsOnFailureAsItsOwnUser() {
        assertThat(unit.get("Service", "Type")).isEqualTo("notify");
        assertThat(unit.get("Service", "NotifyAccess")).isEqualTo("main");
        assertThat(unit.get("Service", "WatchdogSec")).isNotBlank();
        assertThat(unit.get("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.get("Service", "User")).isEqualTo("lanchat");
        assertThat(unit.get("Service", "StateDirectory")).isEqualTo("lanchat-appliance");
        assertThat(unit.get("Service", "ConfigurationDirectory")).isEqualTo("lanchat-appliance");
        assertThat(unit.get("Service", "WorkingDirectory")).as("where hs_err files can be written")
                .isEqualTo("/var/lib/lanchat-appliance");
        assertThat(unit.get("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void theHardeningAJvmToleratesAndNoMore() {
        assertThat(unit.has("Service", "MemoryDenyWriteExecute")).as("it would break the JIT compiler").isFalse();
        assertThat(unit.get("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.get("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.get("Service", "PrivateTmp")).isEqualTo("yes");
        assertThat(unit.get("Service", "PrivateDevices")).isEqualTo("yes");
        assertThat(unit.get("Service", "CapabilityBoundingSet")).as("an empty capability set").isEmpty();
        assertThat(UnitFile.words(unit.get("Service", "RestrictAddressFamilies")))
                .as("TCP and multicast (IPv4, IPv6), and Unix sockets for sd_notify and the admin socket")
                .containsExactlyInAnyOrder("AF_UNIX", "AF_INET", "AF_INET6");
        assertThat(unit.all("Service", "SystemCallFilter")).contains("@system-service");
    }

    @Test
    void theDatabasePasswordComesAsACredentialNeverOnTheCommandLine() {
        assertThat(unit.get("Service", "LoadCredential"))
                .isEqualTo("database-password:/etc/lanchat-appliance/database-password");
        assertThat(String.join(" ", unit.execStart())).doesNotContainIgnoringCase("password");
        assertThat(unit.environment().keySet()).noneMatch(key -> key.toLowerCase().contains("password"));
    }

    @Test
    void systemdSysusersReadsTheEntryAndWouldCreateTheUserAndItsGroup() {
        // In the throwaway root, which has no /etc/passwd yet: nothing on this machine is touched.
        Shell.Result dryRun = Shell.run(TIMEOUT, "systemd-sysusers", "--dry-run", "--root=" + root,
                root.resolve("usr/lib/sysusers.d/lanchat-appliance.conf").toString());
        assertThat(dryRun.exit()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("Creating group 'lanchat'", "Creating user 'lanchat' (LAN Chat appliance)")
                .doesNotContainIgnoringCase("failed").doesNotContainIgnoringCase("ignoring");
    }
}
