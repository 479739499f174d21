package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code .deb} before anyone installs it: its version, its files and their modes, its
 * maintainer scripts, and the bundled Java runtime, which must run the appliance on a box without a JDK.
 */
@Tag("slow")
class DebPackageIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String RUNTIME = "/usr/lib/lanchat-appliance/runtime";

    @TempDir
    static Path work;
    private static DebPackage deb;
    private static Map<String, DebPackage.Entry> contents;
    private static Path control;

    @BeforeAll
    static void readThePackage() {
        Requirements.linux();
        Requirements.tools("dpkg-deb", "dpkg");
        deb = DebPackage.built();
        contents = deb.contents();
        control = deb.controlTo(work.resolve("control"));
    }

    @Test
    void aSnapshotIsVersionedByItsBuildTimeSoThatEveryRebuildIsAnUpgrade() {
        assertThat(deb.field("Version")).isEqualTo(deb.version());
        Matcher snapshot = Pattern.compile("^(\\d+\\.\\d+\\.\\d+)~(\\d{14})$").matcher(deb.version());
        assertThat(snapshot.matches()).as("a snapshot version <release>~<yyyyMMddHHmmss>, got " + deb.version()).isTrue();
        Instant built = LocalDateTime.parse(snapshot.group(2), STAMP).toInstant(ZoneOffset.UTC);
        assertThat(built).isBetween(Instant.now().minus(Duration.ofDays(1)), Instant.now());

        String aSecondLater = snapshot.group(1) + "~" + STAMP.format(LocalDateTime.ofInstant(built.plusSeconds(1), ZoneOffset.UTC));
        assertThat(Shell.run(TIMEOUT, "dpkg", "--compare-versions", aSecondLater, "gt", deb.version()).exit())
                .as("a rebuild one second later sorts higher").isZero();
        assertThat(Shell.run(TIMEOUT, "dpkg", "--compare-versions", snapshot.group(1), "gt", deb.version()).exit())
                .as("the release sorts above its snapshots").isZero();
    }

    @Test
    void theChangelogsTopEntryIsThisVersion() throws IOException {
        Path root = deb.extractTo(work.resolve("changelog-root"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve("usr/share/doc/lanchat-appliance/changelog.gz")))) {
            String first = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            assertThat(first).isEqualTo("lanchat-appliance (" + deb.version() + ") unstable; urgency=medium");
        }
    }

    @Test
    void theControlFieldsNeedNoJdkOnTheBox() {
        assertThat(deb.field("Package")).isEqualTo(DebPackage.NAME);
        assertThat(deb.field("Architecture")).isEqualTo("amd64");
        assertThat(deb.field("Depends")).contains("libc6", "libsystemd0", "init-system-helpers").doesNotContain("java", "jdk", "jre");
        assertThat(deb.field("Installed-Size")).matches("\\d+");
    }

    @Test
    void everyFileIsRootsAndWhereDebianExpectsIt() {
        assertThat(contents.values()).allSatisfy(entry -> assertThat(entry.owner() + "/" + entry.group()).isEqualTo("root/root"));
        assertMode("/usr/sbin/lanchat-appliance", "-rwxr-xr-x");
        assertMode("/usr/sbin/lanchat-admin", "-rwxr-xr-x");
        assertMode(RUNTIME + "/bin/java", "-rwxr-xr-x");
        assertMode(RUNTIME + "/lib/jspawnhelper", "-rwxr-xr-x");
        assertMode("/usr/share/lanchat-appliance/lanchat-appliance.jar", "-rw-r--r--");
        assertMode("/usr/bin/lanchat", "-rwxr-xr-x");
        assertMode("/usr/share/lanchat-appliance/lanchat.jar", "-rw-r--r--");
        assertMode("/usr/share/man/man1/lanchat.1.gz", "-rw-r--r--");
        assertMode("/lib/systemd/system/lanchat-appliance.service", "-rw-r--r--");
        assertMode("/usr/lib/sysusers.d/lanchat-appliance.conf", "-rw-r--r--");
        assertMode("/etc/lanchat-appliance/appliance.conf", "-rw-r--r--");
        assertMode("/usr/share/doc/lanchat-appliance/copyright", "-rw-r--r--");
        assertMode("/usr/share/doc/lanchat-appliance/changelog.gz", "-rw-r--r--");
        assertMode("/usr/share/man/man8/lanchat-appliance.8.gz", "-rw-r--r--");
        assertMode("/usr/share/man/man8/lanchat-admin.8.gz", "-rw-r--r--");
        assertThat(contents.keySet()).as("data, the admin socket and the password file are made at run time")
                .noneMatch(path -> path.startsWith("/var/") || path.startsWith("/run/") || path.contains("database-password"));
    }

    @Test
    void theRuntimeIsHeadlessAndCarriesOnlyWhatTheApplianceRuns() {
        assertThat(contents.keySet()).as("no X11, sound, fonts, or JDK tools")
                .noneMatch(path -> path.matches(".*/(libawt_xawt|libjawt|libjsound|libsplashscreen|libfontmanager|libfreetype)\\.so"))
                .noneMatch(path -> path.matches(RUNTIME + "/bin/(?!java$).+"))
                .noneMatch(path -> path.endsWith("/jrt-fs.jar") || path.endsWith("/lib/jexec"));
    }

    @Test
    void theConfigIsAConffileSoUpgradesKeepTheAdminsChanges() throws IOException {
        assertThat(Files.readAllLines(control.resolve("conffiles"))).containsExactly("/etc/lanchat-appliance/appliance.conf");
    }

    @Test
    void theMaintainerScriptsAreValidShellAndLeaveSystemdToDebiansHelpers() throws IOException {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertThat(Files.isExecutable(file)).as(script + " is executable").isTrue();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.getFirst()).isEqualTo("#!/bin/sh");
            assertThat(lines).as(script).contains("set -e");
            Shell.run(TIMEOUT, "sh", "-n", file.toString()).ok();
            assertThat(lines).as(script + ": systemctl only to reload, and only where systemd runs (the rest goes through "
                    + "deb-systemd-helper and deb-systemd-invoke, which respect policy-rc.d)")
                    .filteredOn(line -> line.contains("systemctl") && !line.strip().startsWith("#"))
                    .allSatisfy(line -> assertThat(line.strip()).isEqualTo("systemctl --system daemon-reload >/dev/null || true"));
            if (lines.stream().anyMatch(line -> line.contains("systemctl") || line.contains("deb-systemd-invoke"))) {
                assertThat(lines).as(script).anyMatch(line -> line.contains("[ -d /run/systemd/system ]"));
            }
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).contains("deb-systemd-helper enable", "deb-systemd-helper update-state", "deb-systemd-invoke",
                "systemd-sysusers", "adduser --system");
        String postrm = Files.readString(control.resolve("postrm"));
        assertThat(postrm).contains("deb-systemd-helper purge");
        assertThat(Arrays.stream(postrm.split("\nif ")).filter(block -> block.contains("rm -rf /var/lib/lanchat-appliance")))
                .as("data is deleted on purge only").singleElement().asString().startsWith("[ \"$1\" = purge ]");
    }

    @Test
    void theBundledRuntimeRunsTheApplianceJarWithNoJdkInstalled() {
        Path root = deb.extractTo(work.resolve("runtime-root"));
        Path java = root.resolve(RUNTIME.substring(1)).resolve("bin/java");
        Shell.Result version = Shell.run(TIMEOUT, java.toString(), "-version").ok();
        Matcher major = Pattern.compile("version \"(\\d+)").matcher(version.output());
        assertThat(major.find()).as(version.output()).isTrue();
        assertThat(Integer.parseInt(major.group(1))).isGreaterThanOrEqualTo(21);

        Shell.Result appliance = Shell.run(TIMEOUT, java.toString(), "-jar",
                root.resolve("usr/share/lanchat-appliance/lanchat-appliance.jar").toString(), "--version").ok();
        assertThat(appliance.output()).startsWith("lanchat-appliance ").contains("(protocol ");

        // The command line runs on the same runtime, as /usr/bin/lanchat starts it.
        Shell.Result lanchat = Shell.run(TIMEOUT, java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                root.resolve("usr/share/lanchat-appliance/lanchat.jar").toString(), "--help", "--lang", "en").ok();
        assertThat(lanchat.output()).contains("Usage: lanchat", "send", "listen", "Exit codes:");
    }

    @Test
    void theCommandLinesWrapperRunsTheJarOnTheBundledRuntime() throws IOException {
        Path root = deb.extractTo(work.resolve("wrapper-root"));
        Path wrapper = root.resolve("usr/bin/lanchat");
        Shell.run(TIMEOUT, "sh", "-n", wrapper.toString()).ok();
        assertThat(Files.readString(wrapper)).contains("exec " + RUNTIME + "/bin/java ")
                .contains("-jar /usr/share/lanchat-appliance/lanchat.jar \"$@\"");
    }

    @Test
    void underTheCLocaleTheWrapperHasJavaReadAndWriteUtf8SoChineseSurvives() throws IOException {
        Path root = deb.extractTo(work.resolve("wrapper-locale"));
        Path stub = Files.writeString(work.resolve("java-stub"), "#!/bin/sh\necho \"LC_ALL=$LC_ALL LANCHAT_LANG=${LANCHAT_LANG:-} $*\"\n");
        stub.toFile().setExecutable(true);
        Path wrapper = Files.writeString(work.resolve("lanchat-with-stub"),
                Files.readString(root.resolve("usr/bin/lanchat")).replace(RUNTIME + "/bin/java", stub.toString()));

        for (String cron : new String[] {"LANG=C", "LANG=POSIX", "LANCHAT_NOTHING=1"}) {
            Shell.Result run = Shell.run(TIMEOUT, "env", "-i", "PATH=/usr/bin:/bin", cron, "sh", wrapper.toString(), "send", "你好").ok();
            assertThat(run.output()).as(cron).startsWith("LC_ALL=C.UTF-8 LANCHAT_LANG= ").contains("send 你好");
        }
        Shell.Result utf8 = Shell.run(TIMEOUT, "env", "-i", "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "sh", wrapper.toString(), "who").ok();
        assertThat(utf8.output()).as("a UTF-8 locale is left alone").startsWith("LC_ALL= ");
    }

    private static void assertMode(String path, String mode) {
        assertThat(contents).containsKey(path);
        assertThat(contents.get(path).mode()).as(path).isEqualTo(mode);
    }
}
