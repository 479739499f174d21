package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.discovery.netns.ChildJvm;
import org.lanchat.discovery.netns.NetnsLab;

/**
 * The package installed for real on this machine, then used the way the README's "Install on a LAN box"
 * tells an administrator to: {@code apt install} it, read the short code, start the service (exactly as
 * its unit would, see {@link ServiceStandIn}) on a LAN made of network namespaces, log in from another
 * host over pinned TLS after finding it by mDNS, use the admin commands, back up, restore, set up MySQL,
 * upgrade to a rebuilt package, remove and purge. Data, config and certificate must survive the
 * upgrade; purge must leave nothing of the appliance behind.
 *
 * <p>Needs root on a machine where the package may be installed (CI's throwaway machine). Refuses to run
 * where lanchat-appliance is installed already, unless a previous run of this test left it there. Cleans
 * up (purge, the service user, namespaces) even when it fails; runs of it on one machine take turns.
 */
@Tag("slow")
class InstallationIT {
    private static final Duration APT = Duration.ofMinutes(5);
    private static final Duration COMMAND = Duration.ofMinutes(1);
    private static final Duration CLIENT = Duration.ofSeconds(90);
    private static final String NAME = "LAN Chat front office";
    private static final Path STATE = Path.of("/var/lib/lanchat-appliance");
    private static final Path CONF = Path.of("/etc/lanchat-appliance");
    private static final Path UNIT = Path.of("/lib/systemd/system/lanchat-appliance.service");
    private static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/lanchat-appliance.service");
    /** Left while this test has the package installed: tells a later run that an installation is this test's. */
    private static final Path MARKER = Path.of("/var/tmp/lanchat-installation-test.marker");
    private static final Path LOCK = Path.of("/run/lock/lanchat-installation-test.lock");
    private static final Map<String, String> NONINTERACTIVE = Map.of("DEBIAN_FRONTEND", "noninteractive");
    private static final Pattern SHORT_CODE = Pattern.compile("certificate short code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})");

    @TempDir
    static Path work;
    private static FileChannel lockFile;
    private static FileLock lock;
    private static NetnsLab lab;
    private static boolean userExistedBefore;
    private static final AtomicReference<ServiceStandIn> running = new AtomicReference<>();
    private static final MySql mysql = new MySql();
    private static final Thread cleanupOnExit = new Thread(InstallationIT::cleanUp, "installation-test-cleanup");

    @BeforeAll
    static void takeTheMachine() throws Exception {
        Requirements.linux();
        Requirements.root();
        Requirements.tools("apt", "dpkg", "dpkg-deb", "dpkg-query", "systemd-analyze", "setpriv", "unshare", "ip",
                "avahi-daemon", "avahi-browse", "dbus-daemon", "mariadb", "getent", "userdel", "groupdel");
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Awaitility.await("another run of the installation test on this machine to finish").atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofSeconds(1)).until(() -> (lock = lockFile.tryLock()) != null);
        if (installedVersion() != null) {
            if (!Files.exists(MARKER)) {
                throw new AssertionError("lanchat-appliance is installed on this machine and not by this test; it would be "
                        + "replaced and purged. Remove it (apt purge lanchat-appliance) or run the test elsewhere.");
            }
            purge(); // a previous run was killed before it could clean up
        }
        userExistedBefore = Shell.run(COMMAND, "getent", "passwd", "lanchat").exit() == 0;
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        Files.writeString(MARKER, "lanchat-appliance was installed by InstallationIT; it purges it when it finishes\n");
        lab = NetnsLab.create("installation", 2);
    }

    @AfterAll
    static void giveTheMachineBack() throws IOException {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
        if (lock != null) {
            lock.release();
        }
        if (lockFile != null) {
            lockFile.close();
        }
    }

    /** Safe to run twice and from a shutdown hook: stops the appliance, purges, removes what the test made. */
    private static synchronized void cleanUp() {
        ServiceStandIn service = running.getAndSet(null);
        if (service != null) {
            service.close();
        }
        if (lab != null) {
            lab.close();
            lab = null;
        }
        try {
            if (installedVersion() != null) {
                purge();
            }
            if (!userExistedBefore && Shell.run(COMMAND, "getent", "passwd", "lanchat").exit() == 0) {
                // The package keeps its user on purge, as Debian recommends; this machine did not have it before.
                Shell.run(COMMAND, "userdel", "lanchat");
                Shell.run(COMMAND, "groupdel", "lanchat");
                // Left only by a failed run (a JVM with perf data, as lanchat): the next user made would own it.
                Shell.run(COMMAND, "rm", "-rf", "/tmp/hsperfdata_lanchat");
            }
            mysql.dropEverything();
            Files.deleteIfExists(MARKER);
        } catch (IOException | RuntimeException | AssertionError e) {
            System.err.println("installation test clean-up: " + e.getMessage());
        }
    }

    @Test
    void anAdminInstallsUsesBacksUpUpgradesRemovesAndPurgesTheAppliance() throws Exception {
        DebPackage deb = DebPackage.built();

        // --- sudo apt install ./lanchat-appliance_<version>_amd64.deb
        Shell.Result install = apt("install", "-y", deb.file().toAbsolutePath().toString());
        assertThat(installedVersion()).isEqualTo(deb.version());
        String code = shortCode(install.output());
        assertThat(install.output()).as("postinst without a running systemd")
                .contains("systemd is not running here, so the service was enabled but not started")
                .contains("runuser -u lanchat -- lanchat-appliance --config /etc/lanchat-appliance/appliance.conf");
        // Run as it says, outside the unit's private /tmp: the JVM writes no perf data that purge would leave behind.
        assertThat(Shell.run(COMMAND, "runuser", "-u", "lanchat", "--", "lanchat-appliance", "--config",
                CONF.resolve("appliance.conf").toString(), "--fingerprint").ok().output()).contains(code);
        assertThat(Path.of("/tmp/hsperfdata_lanchat")).doesNotExist();
        theInstallationIsWhatThePackagePromises(code);

        // The admin names the appliance in the conffile, as its comments say.
        Path config = CONF.resolve("appliance.conf");
        Files.writeString(config, Files.readString(config).replace("# name = LAN Chat front office", "name = " + NAME));

        // --- the service starts and is found, trusted and logged into from another host of the LAN
        UnitFile unit = UnitFile.read(UNIT);
        ServiceStandIn service = start(unit, "first");
        Path clientData = Files.createDirectories(work.resolve("alice-pc"));
        ChildJvm alice = client(clientData, "alice", "register-with-avatar:alice", "hold");
        assertThat(alice.await("located", CLIENT).get("foundBy")).isEqualTo("DISCOVERY");
        assertThat(alice.event("located").get("name")).isEqualTo(NAME);
        assertThat(alice.await("trusted", CLIENT).fields()).containsEntry("code", code).containsEntry("first", "true");
        assertThat(alice.await("step", CLIENT).fields()).containsEntry("outcome", "session").containsEntry("avatar", "uploaded")
                .containsEntry("type", "image/png");
        avahiSeesTheServiceWithTheCertificatesFingerprint();
        alice.await("holding", CLIENT);

        // --- sudo lanchat-admin ...
        assertThat(admin("users").output()).containsPattern("\\d+ +alice +active").contains("1 accounts");
        assertThat(admin("online").output()).contains("1 online, 1 connections\nalice\n");
        Path backup = work.resolve("lanchat-backup.sql.gz");
        assertThat(admin("backup", "--to", backup.toString()).output())
                .contains("Backup written to " + STATE.resolve("backups")).contains("Copied to " + backup);
        alice.send("go");
        alice.await("done", CLIENT);

        ChildJvm bob = client(Files.createDirectories(work.resolve("bob-pc")), "bob", "register:bob");
        assertThat(bob.await("step", CLIENT).fields()).containsEntry("outcome", "session").containsEntry("avatar", "generated");
        bob.await("done", CLIENT);

        // --- sudo systemctl stop lanchat-appliance; sudo lanchat-admin restore FILE
        assertThat(stop(service)).as("a clean stop exits 0").isZero();
        assertThat(admin("restore", backup.toString()).output()).contains("Restored 1 account from " + backup);
        assertThat(ownerOf(STATE.resolve("db"))).as("restored as root, owned by the service").isEqualTo("lanchat");

        // --- sudo lanchat-appliance db-setup --print-sql | sudo mariadb; sudo lanchat-appliance db-setup --finish
        mysqlSetupWorksWithTheBundledRuntime();

        // --- sudo apt install ./lanchat-appliance_<newer version>_amd64.deb
        String certificate = sha256(STATE.resolve("tls/appliance-cert.pem"));
        String applianceId = Files.readString(STATE.resolve("appliance-id"));
        String configBefore = Files.readString(config);
        DebPackage newer = deb.rebuiltAs(deb.version() + "+upgrade1", Files.createDirectories(work.resolve("rebuild")));
        assertThat(Shell.run(COMMAND, "dpkg", "--compare-versions", newer.version(), "gt", deb.version()).exit()).isZero();
        Shell.Result upgrade = apt("install", "-y", newer.file().toAbsolutePath().toString());
        assertThat(installedVersion()).isEqualTo(newer.version());
        assertThat(shortCode(upgrade.output())).as("the same certificate").isEqualTo(code);
        assertThat(Files.readString(config)).as("the admin's conffile is kept").isEqualTo(configBefore).contains("name = " + NAME);
        assertThat(sha256(STATE.resolve("tls/appliance-cert.pem"))).isEqualTo(certificate);
        assertThat(Files.readString(STATE.resolve("appliance-id"))).isEqualTo(applianceId);

        service = start(unit, "upgraded");
        ChildJvm again = client(clientData, "alice-again", "login:alice", "login:bob");
        assertThat(again.await("trusted", CLIENT).fields()).as("the pin from before the upgrade still matches")
                .containsEntry("code", code).containsEntry("first", "false");
        again.await("done", CLIENT);
        List<ChildEvent> steps = again.events().stream().filter(e -> e.type().equals("step")).toList();
        assertThat(steps.get(0).fields()).as("alice's account and avatar survived")
                .containsEntry("outcome", "session").containsEntry("avatar", "uploaded");
        assertThat(steps.get(1).fields()).as("bob registered after the backup that was restored")
                .containsEntry("outcome", "auth_failed");
        assertThat(stop(service)).isZero();

        // --- sudo apt remove lanchat-appliance: the program goes, data, config and certificate stay
        apt("remove", "-y", DebPackage.NAME);
        assertThat(Shell.run(COMMAND, "dpkg-query", "-W", "-f=${db:Status-Abbrev}", DebPackage.NAME).ok().output().strip())
                .isEqualTo("rc");
        assertThat(Path.of("/usr/sbin/lanchat-appliance")).doesNotExist();
        assertThat(config).hasContent(configBefore);
        assertThat(STATE.resolve("tls/appliance-cert.pem")).exists();
        assertThat(STATE.resolve("db")).isDirectory();

        // --- sudo apt purge lanchat-appliance: nothing of it is left
        apt("purge", "-y", DebPackage.NAME);
        assertThat(installedVersion()).isNull();
        assertThat(STATE).doesNotExist();
        assertThat(CONF).doesNotExist();
        assertThat(Path.of("/run/lanchat-appliance")).doesNotExist();
        assertThat(Files.exists(ENABLED, LinkOption.NOFOLLOW_LINKS)).as("enablement symlink").isFalse();
        assertThat(Files.exists(Path.of("/etc/systemd/system/lanchat-appliance.service"), LinkOption.NOFOLLOW_LINKS))
                .as("the mask set on remove").isFalse();
        assertThat(Shell.run(COMMAND, "find", "/etc", "/var", "/run", "/tmp", "/usr", "-xdev", "-user", "lanchat").ok().output())
                .as("files the service user owned").isBlank();
        assertThat(Shell.run(COMMAND, "getent", "passwd", "lanchat").exit()).as("the user itself stays, as Debian recommends")
                .isZero();
    }

    /** Files, scripts, user, directories, enablement and the unit, right after the first installation. */
    private static void theInstallationIsWhatThePackagePromises(String code) throws IOException {
        String files = Shell.run(COMMAND, "dpkg", "--listfiles", DebPackage.NAME).ok().output();
        assertThat(files.lines()).contains("/usr/sbin/lanchat-appliance", "/usr/sbin/lanchat-admin", UNIT.toString(),
                "/usr/lib/sysusers.d/lanchat-appliance.conf", "/usr/share/lanchat-appliance/lanchat-appliance.jar",
                "/usr/lib/lanchat-appliance/runtime/bin/java", "/usr/bin/lanchat", "/usr/share/lanchat-appliance/lanchat.jar",
                "/usr/share/man/man1/lanchat.1.gz");
        Shell.Result lanchat = Shell.run(COMMAND, "/usr/bin/lanchat", "--help", "--lang", "en").ok();
        assertThat(lanchat.output()).as("the command line, on the bundled runtime").contains("Usage: lanchat");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(Path.of("/var/lib/dpkg/info/lanchat-appliance." + script)).isExecutable();
        }
        assertThat(Shell.run(COMMAND, "dpkg-query", "-W", "-f=${Conffiles}", DebPackage.NAME).ok().output())
                .contains("/etc/lanchat-appliance/appliance.conf");

        // The user as the sysusers.d entry describes it (systemd-sysusers made it; adduser where it is missing).
        String[] user = Shell.run(COMMAND, "getent", "passwd", "lanchat").ok().output().strip().split(":");
        assertThat(user[4]).isEqualTo("LAN Chat appliance");
        assertThat(user[5]).isEqualTo(STATE.toString());
        assertThat(user[6]).isEqualTo("/usr/sbin/nologin");
        assertThat(Integer.parseInt(user[2])).as("a system user").isLessThan(1000);
        assertThat(Shell.run(COMMAND, "getent", "group", "lanchat").ok().output()).startsWith("lanchat:");

        PosixFileAttributes state = Files.readAttributes(STATE, PosixFileAttributes.class);
        assertThat(state.owner().getName()).isEqualTo("lanchat");
        assertThat(PosixFilePermissions.toString(state.permissions())).isEqualTo("rwx------");
        assertThat(ownerOf(STATE.resolve("tls/appliance-key.pem"))).as("the key belongs to the service alone").isEqualTo("lanchat");
        Path password = CONF.resolve("database-password");
        assertThat(password).isEmptyFile();
        assertThat(ownerOf(password)).isEqualTo("root");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        assertThat(Files.readSymbolicLink(ENABLED)).as("enabled for the next boot").isEqualTo(UNIT);

        assertThat(admin("fingerprint").output()).contains("Short code:  " + code);
        Shell.Result verify = Shell.run(COMMAND, "systemd-analyze", "verify", "lanchat-appliance.service");
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("including the man pages the unit documents").isBlank();
    }

    /**
     * Avahi, browsing and resolving by multicast from the other host, is an mDNS implementation
     * independent of ours: it must see the name, address, port and the fingerprint of the certificate.
     */
    private static void avahiSeesTheServiceWithTheCertificatesFingerprint() throws IOException {
        String fingerprint = admin("fingerprint").output().replaceAll("(?s).*SHA-256: +(\\S+).*", "$1").replace(":", "")
                .toLowerCase(Locale.ROOT);
        // The discovery tests' scripts (in their test-jar): a private D-Bus and avahi-daemon inside the namespace,
        // set up by avahi-private.sh, which avahi-browse.sh sources from its own directory.
        for (String name : List.of("avahi-browse.sh", "avahi-private.sh")) {
            try (InputStream in = NetnsLab.class.getResourceAsStream(name)) {
                Files.copy(Objects.requireNonNull(in, name + " in the discovery test-jar"), work.resolve(name));
            }
        }
        Path script = work.resolve("avahi-browse.sh");
        String avahi = lab.runIn(lab.host(2), Duration.ofSeconds(30), "sh", script.toString(),
                work.resolve("avahi").toString(), lab.host(2).interfaceName(), "_lanchat._tcp");
        // =;iface;IPv4;name;type;domain;host;address;port;"txt" "txt" ...
        String[] resolved = avahi.lines().filter(line -> line.startsWith("=;")).findFirst()
                .orElseThrow(() -> new AssertionError("avahi-browse resolved nothing:\n" + avahi)).split(";", 10);
        assertThat(resolved[3]).isEqualTo(NAME.replace(" ", "\\032"));
        assertThat(resolved[7]).isEqualTo(lab.host(1).address());
        assertThat(resolved[8]).isEqualTo("7447");
        assertThat(resolved[9]).contains("\"fp=" + fingerprint + "\"");
    }

    /** The README's MySQL commands, run against the test server with their own files, so the appliance stays embedded. */
    private static void mysqlSetupWorksWithTheBundledRuntime() throws IOException {
        Path setup = Files.createDirectories(work.resolve("db-setup"));
        Path setupConfig = Files.copy(CONF.resolve("appliance.conf"), setup.resolve("appliance.conf"));
        String options = "--server " + mysql.server + " --database-name " + mysql.database + " --user " + mysql.user
                + " --write-config " + setupConfig + " --password-file " + setup.resolve("database-password");
        mysql.created = true;
        Shell.Result print = Shell.sh(COMMAND, "lanchat-appliance db-setup --print-sql " + options + " | " + mysql.client());
        assertThat(print.exit()).as(print.output()).isZero();
        assertThat(print.output()).contains("-- Nothing is changed yet");
        Shell.Result finish = Shell.sh(COMMAND, "lanchat-appliance db-setup --finish " + options).ok();
        assertThat(finish.output()).contains("Checked database " + mysql.database, "schema is current");
        assertThat(Files.readString(setupConfig)).contains("database = jdbc:mysql://", "database-user = " + mysql.user);
    }

    private static ServiceStandIn start(UnitFile unit, String label) throws IOException {
        ServiceStandIn service = ServiceStandIn.start(unit, lab.host(1), Path.of("target", "installation-logs", label + ".log"));
        running.set(service);
        assertThat(service.awaitReady()).containsPattern("STATUS=Serving on port 7447, certificate short code ");
        return service;
    }

    private static int stop(ServiceStandIn service) {
        int exit = service.stop();
        running.set(null);
        service.close();
        return exit;
    }

    private static ChildJvm client(Path data, String label, String... steps) {
        String[] args = new String[2 + steps.length];
        args[0] = lab.host(2).interfaceName();
        args[1] = data.toString();
        System.arraycopy(steps, 0, args, 2, steps.length);
        return lab.startJava(lab.host(2), label, ApplianceClientMain.class, List.of(), args);
    }

    private static Shell.Result admin(String... words) {
        String[] command = new String[words.length + 1];
        command[0] = "lanchat-admin";
        System.arraycopy(words, 0, command, 1, words.length);
        return Shell.run(COMMAND, command).ok();
    }

    private static Shell.Result apt(String... words) {
        String[] command = new String[words.length + 3];
        command[0] = "apt";
        command[1] = "-o";
        command[2] = "DPkg::Lock::Timeout=300"; // another apt on this machine (e.g. .ci/run) finishes first
        System.arraycopy(words, 0, command, 3, words.length);
        return Shell.run(APT, NONINTERACTIVE, command).ok();
    }

    private static void purge() {
        apt("purge", "-y", DebPackage.NAME);
    }

    /** The installed version, or null when the package is not installed (or only its config remains). */
    private static String installedVersion() {
        Shell.Result query = Shell.run(COMMAND, "dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Version}", DebPackage.NAME);
        if (query.exit() != 0 || !query.output().startsWith("ii")) {
            return query.exit() == 0 && query.output().startsWith("rc") ? "config-files" : null;
        }
        return query.output().substring(2).strip();
    }

    private static String shortCode(String postinstOutput) {
        Matcher m = SHORT_CODE.matcher(postinstOutput);
        assertThat(m.find()).as("postinst prints the certificate's short code:\n" + postinstOutput).isTrue();
        return m.group(1);
    }

    private static String ownerOf(Path path) throws IOException {
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MySQL-compatible test server (as the appliance's store tests find it) and what this test creates on it. */
    private static final class MySql {
        final String server = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
        final String adminUser = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_USER", "root");
        final String adminPassword = System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_PASSWORD", "");
        final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        final String database = "lanchat_install_" + suffix;
        final String user = "lci_" + suffix;
        volatile boolean created;

        /** The {@code mariadb} command an admin pipes the SQL into, here over TCP to the test server. */
        String client() {
            Matcher at = Pattern.compile("jdbc:mysql://([^:/]+)(?::(\\d+))?/?").matcher(server);
            if (!at.lookingAt()) {
                throw new IllegalArgumentException("cannot read host and port from " + server);
            }
            return "MYSQL_PWD='" + adminPassword + "' mariadb --host=" + at.group(1) + " --port="
                    + (at.group(2) == null ? "3306" : at.group(2)) + " --user=" + adminUser;
        }

        void dropEverything() {
            if (!created) {
                return;
            }
            StringBuilder sql = new StringBuilder("DROP DATABASE IF EXISTS `" + database + "`;");
            for (String host : List.of("localhost", "127.0.0.1", "::1")) {
                sql.append(" DROP USER IF EXISTS '").append(user).append("'@'").append(host).append("';");
            }
            Shell.sh(COMMAND, "echo \"" + sql.toString().replace("`", "\\`") + "\" | " + client()).ok();
            created = false;
        }
    }
}
