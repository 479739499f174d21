package org.lanchat.appliance.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lanchat.appliance.account.AccountService;
import org.lanchat.appliance.account.PasswordHasher;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.files.PrivateFiles;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.StoreUnavailableException;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.appliance.tls.CertificateStore;
import org.lanchat.protocol.trust.CertificateFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code lanchat-appliance admin ...}, installed as {@code lanchat-admin}. Each command asks the running
 * appliance over the {@link ControlSocket}; when none is running, account commands and backups work on
 * the database directly.
 */
// INHERIT: every admin command takes --help (and -V) too, as lanchat-admin(8) says; without it only admin did.
@Command(name = "admin", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, usageHelpAutoWidth = true,
        description = {"Administers the appliance: accounts, who is online, fingerprint, backup and restore.",
            "Run as root or as the user the appliance runs as. Installed as lanchat-admin."},
        footer = {"", "Exit status: 0 done, 1 refused or failed (the message says why), 2 bad usage or settings."})
public final class AdminCommand {
    static final int FAILED = 1;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ToolContext context;

    @Spec
    private CommandSpec spec;

    public AdminCommand(ToolContext context) {
        this.context = context;
    }

    @Command(name = "users", description = "Lists every account.")
    int users() throws IOException {
        AdminReply reply = ask(new AdminRequest.ListUsers());
        if (!(reply instanceof AdminReply.Users users)) {
            return report(reply);
        }
        PrintWriter out = out();
        // The display name comes last: it may be in any script, and CJK characters take two terminal columns,
        // so padding it would misalign whatever followed.
        out.printf("%-8s %-32s %-8s %s%n", "ID", "USERNAME", "STATUS", "DISPLAY NAME");
        for (AdminReply.Account account : users.accounts()) {
            out.printf("%-8d %-32s %-8s %s%n", account.id(), account.username(), account.disabled() ? "disabled" : "active",
                    account.displayName() == null ? "" : account.displayName());
        }
        out.printf("%d accounts%n", users.accounts().size());
        out.flush();
        return 0;
    }

    @Command(name = "online", description = "Shows who is connected now.")
    int online() throws IOException {
        Optional<AdminReply> reply = AdminClient.send(socket(), new AdminRequest.Online());
        if (reply.isEmpty()) {
            return fail("the appliance is not running: start it (systemctl start lanchat-appliance where it is installed as a service)");
        }
        if (!(reply.get() instanceof AdminReply.Online online)) {
            return report(reply.get());
        }
        PrintWriter out = out();
        if (online.usernames() == null) {
            out.printf("%d connections (this appliance version does not report who they are)%n", online.connections());
        } else {
            out.printf("%d online, %d connections%n", online.usernames().size(), online.connections());
            online.usernames().forEach(out::println);
        }
        out.flush();
        return 0;
    }

    @Command(name = "rooms", description = "Lists every named room, private and archived ones too.")
    int rooms() throws IOException {
        AdminReply reply = ask(new AdminRequest.ListRooms());
        if (!(reply instanceof AdminReply.Rooms rooms)) {
            return report(reply);
        }
        PrintWriter out = out();
        // The name comes last, as the display name does in users: it may be in any script.
        out.printf("%-8s %-10s %-9s %-8s %-32s %s%n", "ROOM", "VISIBILITY", "STATUS", "MEMBERS", "CREATOR", "NAME");
        for (AdminReply.Room room : rooms.rooms()) {
            out.printf("%-8s %-10s %-9s %-8d %-32s %s%n", "#" + room.id(), room.visibility(),
                    room.archived() ? "archived" : "open", room.members(), room.creator(), room.name());
        }
        out.printf("%d rooms%n", rooms.rooms().size());
        out.flush();
        return 0;
    }

    @Command(name = "room-remove", description = "Removes a member from a room, as its creator may; the members are told.")
    int roomRemove(@Parameters(paramLabel = "ROOM", description = "The room's number, with or without #.") String room,
                   @Parameters(paramLabel = "USERNAME") String username) throws IOException {
        Optional<Long> id = roomId(room);
        return id.isEmpty() ? FAILED : report(ask(new AdminRequest.RoomRemove(id.get(), username)));
    }

    @Command(name = "room-update", description = "Renames a room or sets its topic (an empty --topic clears it); the members are told.")
    int roomUpdate(@Parameters(paramLabel = "ROOM", description = "The room's number, with or without #.") String room,
                   @Option(names = "--name", paramLabel = "NAME", description = "The new name.") String name,
                   @Option(names = "--topic", paramLabel = "TOPIC", description = "The new topic; empty for none.") String topic)
            throws IOException {
        if (name == null && topic == null) {
            return fail("give --name, --topic or both");
        }
        Optional<Long> id = roomId(room);
        return id.isEmpty() ? FAILED : report(ask(new AdminRequest.RoomUpdate(id.get(), name, topic)));
    }

    @Command(name = "room-archive", description = "Archives a room: readable by its members, closed to new messages and members.")
    int roomArchive(@Parameters(paramLabel = "ROOM", description = "The room's number, with or without #.") String room)
            throws IOException {
        Optional<Long> id = roomId(room);
        return id.isEmpty() ? FAILED : report(ask(new AdminRequest.RoomArchive(id.get())));
    }

    private Optional<Long> roomId(String typed) {
        String digits = typed.startsWith("#") ? typed.substring(1) : typed;
        try {
            long id = Long.parseLong(digits);
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        fail("'" + typed + "' is not a room number; 'rooms' lists them");
        return Optional.empty();
    }

    @Command(name = "disable", description = "Disables an account: it can no longer log in or resume a saved session, and its open connections are closed.")
    int disable(@Parameters(paramLabel = "USERNAME") String username) throws IOException {
        return report(ask(new AdminRequest.SetDisabled(username, true)));
    }

    @Command(name = "enable", description = "Enables a disabled account again; its saved sessions end, so it logs in with its password.")
    int enable(@Parameters(paramLabel = "USERNAME") String username) throws IOException {
        return report(ask(new AdminRequest.SetDisabled(username, false)));
    }

    @Command(name = "reset-password", description = {"Sets a new password for an account and ends its saved sessions.",
        "The password is typed twice at the prompt, or read from --password-file (- for standard input)."})
    int resetPassword(@Parameters(paramLabel = "USERNAME") String username,
                      @Option(names = "--password-file", paramLabel = "FILE", description = "Read the new password from the first line of this file; - reads standard input.")
                      Path passwordFile) throws IOException {
        Optional<String> password = newPassword(passwordFile);
        if (password.isEmpty()) {
            return FAILED;
        }
        if (password.get().length() < AccountService.MIN_PASSWORD_CHARS) {
            return fail("the password must be at least " + AccountService.MIN_PASSWORD_CHARS + " characters");
        }
        if (password.get().equalsIgnoreCase(username)) {
            return fail("the password must not be the username");
        }
        // Hashed here, so the password itself never crosses the socket or reaches a log.
        String hash = new PasswordHasher().hash(password.get());
        return report(ask(new AdminRequest.ResetPassword(username, hash)));
    }

    @Command(name = "fingerprint", description = "Prints the certificate's short code and SHA-256 fingerprint, for colleagues to compare.")
    int fingerprint() throws IOException {
        // The settings name a cluster only if the config file does: one joined with --cluster on its command line is
        // known by asking the running appliance.
        if (context.settings().clustered() || runningInACluster()) {
            // A member's own certificate is signed by the cluster's, which is what clients trust and compare.
            return fail("this appliance is a member of a cluster: colleagues compare the cluster's code, which"
                    + " 'lanchat-admin cluster status' prints");
        }
        // Read here without creating one (root must not own the key).
        Path cert = CertificateStore.certificateFile(context.settings().dataDir());
        if (!Files.exists(cert)) {
            return fail("no certificate yet in " + cert.getParent() + ": start the appliance once (systemctl start lanchat-appliance)");
        }
        CertificateFingerprint fp;
        try (var in = Files.newInputStream(cert)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            fp = CertificateFingerprint.ofDer(certificate.getEncoded());
        } catch (CertificateException e) {
            return fail("cannot read " + cert + ": " + e.getMessage());
        }
        PrintWriter out = out();
        out.println("Short code:  " + fp.shortCode());
        out.println("SHA-256:     " + fp.colonHex());
        out.flush();
        return 0;
    }

    private boolean runningInACluster() throws IOException {
        return AdminClient.send(ControlSocket.path(context.environment(), context.settings().dataDir()),
                new AdminRequest.ClusterStatus()).filter(AdminReply.Cluster.class::isInstance).isPresent();
    }

    @Command(name = "backup", description = {"Backs up the embedded database as a gzipped SQL script in <data-dir>/backups.",
        "The backup is consistent even while the appliance runs. With MySQL/MariaDB, prints the mysqldump command to use instead."})
    int backup(@Option(names = "--to", paramLabel = "FILE", description = "Also copy the script here: a file (replaced if it exists) or a folder to copy it into.") Path copyTo) throws IOException {
        ApplianceConfig settings = context.settings();
        if (!settings.usesEmbeddedDatabase()) {
            out().println("The appliance uses MySQL/MariaDB. Back it up with:");
            out().println("  " + MySqlCommands.dump(settings.databaseUrl(), settings.databaseUser()));
            out().flush();
            return 0;
        }
        AdminReply reply = ask(new AdminRequest.Backup());
        if (!(reply instanceof AdminReply.BackupWritten written)) {
            return report(reply);
        }
        out().printf("Backup written to %s (%d bytes)%n", written.path(), written.bytes());
        if (copyTo != null) {
            Path copy;
            try {
                copy = PrivateFiles.copy(Path.of(written.path()), copyTo);
            } catch (IOException e) {
                out().flush();
                return fail("the backup is in " + written.path() + ", but it could not be copied to " + copyTo + ": "
                        + copyProblem(e));
            }
            out().printf("Copied to %s%n", copy);
        }
        out().flush();
        return 0;
    }

    @Command(name = "restore", description = {"Replaces the embedded database with a backup script; stop the appliance first.",
        "The current database is kept beside it as db.before-restore-<time>."})
    int restore(@Parameters(paramLabel = "FILE", description = "A script written by 'backup' (.sql.gz).") Path script)
            throws IOException {
        ApplianceConfig settings = context.settings();
        if (!settings.usesEmbeddedDatabase()) {
            MySqlCommands.Location at = MySqlCommands.parse(settings.databaseUrl());
            out().println("The appliance uses MySQL/MariaDB. Restore a dump with:");
            out().printf("  mysql --host=%s --port=%d --user=%s --password %s < %s%n", at.host(), at.port(),
                    settings.databaseUser(), at.database(), script);
            out().flush();
            return 0;
        }
        if (!Files.isReadable(script)) {
            return fail("cannot read " + script);
        }
        if (!isGzip(script)) {
            return fail(script + " is not a backup made by 'backup' (those are gzip-compressed SQL scripts, .sql.gz);"
                    + " nothing was changed");
        }
        if (AdminClient.send(socket(), new AdminRequest.Online()).isPresent() || EmbeddedBackup.inUse(settings)) {
            return fail("the appliance is running; stop it first (systemctl stop lanchat-appliance where it is installed as a"
                    + " service, else end its java process)");
        }
        Path previous;
        try {
            previous = EmbeddedBackup.restore(settings, script, STAMP.format(Clock.systemUTC().instant()));
        } catch (SQLException e) {
            // The database's own words quote the script's statements and its error numbers: for a log, not a person.
            String why = e.getErrorCode() == org.h2.api.ErrorCode.ADMIN_RIGHTS_REQUIRED
                    ? "it holds a statement no backup has, one that would read or write files or run code: "
                            + statementIn(e.getMessage())
                    : "is it one, and complete?";
            return fail(script + " could not be loaded as a backup made by 'backup', so nothing was changed; " + why
                    + " (the database said: " + firstClause(e.getMessage()) + ")");
        }
        int accounts;
        try (Database db = openDatabase(settings)) {
            accounts = new UserStore(db).all().size();
        } catch (StoreUnavailableException e) {
            return fail("restored, but the appliance could not open the result: " + e.getMessage()
                    + "; the previous database is in " + previous);
        } finally {
            keepPrivate(settings.dataDir()); // the restored database was written with this tool's umask
            FileOwnership.matchDirectoryOwner(settings.dataDir());
        }
        out().printf("Restored %d %s from %s. The previous database is in %s.%n", accounts,
                accounts == 1 ? "account" : "accounts", script, previous);
        out().println("Start the appliance (systemctl start lanchat-appliance where it is installed as a service).");
        out().flush();
        return 0;
    }

    /** Asks the running appliance; if none runs, does the same work here against the database. */
    private AdminReply ask(AdminRequest request) throws IOException {
        Optional<AdminReply> answer = AdminClient.send(socket(), request);
        if (answer.isPresent()) {
            return answer.get();
        }
        ApplianceConfig settings = context.settings();
        if (settings.usesEmbeddedDatabase() && !Files.exists(settings.embeddedDatabaseFile())) {
            // Opening it would create an empty database and report on that: "0 accounts", or a backup of nothing.
            return new AdminReply.Failed("no appliance runs here and there is no database in " + settings.dataDir()
                    + "; if the appliance was started with --data-dir DIR (or as another user), run this with"
                    + " LANCHAT_DATA_DIR=DIR (as that user)");
        }
        AdminService offline = new AdminService(settings, () -> openDatabase(settings), LiveView.STOPPED, Clock.systemUTC());
        try {
            return offline.handle(request);
        } finally {
            if (settings.usesEmbeddedDatabase()) {
                FileOwnership.matchDirectoryOwner(settings.dataDir());
            }
        }
    }

    private static Database openDatabase(ApplianceConfig settings) {
        return Database.open(settings.effectiveDatabaseUrl(), settings.databaseUser(), settings.databasePassword());
    }

    private Path socket() throws IOException {
        return ControlSocket.path(context.environment(), context.settings().dataDir());
    }

    private Optional<String> newPassword(Path passwordFile) throws IOException {
        if (passwordFile != null) {
            List<String> lines = passwordFile.toString().equals("-")
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().limit(1).toList()
                    : Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.getFirst().isEmpty() ? failed("no password in " + passwordFile) : Optional.of(lines.getFirst());
        }
        Console console = System.console();
        if (console == null) {
            return failed("no terminal to ask for the password: give --password-file FILE (or - for standard input)");
        }
        char[] first = console.readPassword("New password for the account: ");
        char[] second = console.readPassword("The same again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            return failed("the two passwords differ");
        }
        String password = new String(first);
        Arrays.fill(first, ' ');
        Arrays.fill(second, ' ');
        return Optional.of(password);
    }

    private Optional<String> failed(String message) {
        fail(message);
        return Optional.empty();
    }

    private int report(AdminReply reply) {
        switch (reply) {
            case AdminReply.Done done -> {
                out().println(done.message());
                out().flush();
                return 0;
            }
            case AdminReply.Failed failed -> {
                return fail(failed.message());
            }
            default -> {
                return fail("unexpected answer from the appliance: " + reply);
            }
        }
    }

    /** The JDK names only a path in these exceptions' messages; said as a sentence instead of a stack trace. */
    private static String copyProblem(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException missing -> "there is no folder " + Path.of(missing.getFile()).getParent();
            case java.nio.file.AccessDeniedException denied -> "permission denied (" + denied.getFile() + ")";
            case java.nio.file.FileSystemException other when other.getReason() != null -> other.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("lanchat-admin: " + message);
        err.flush();
        return FAILED;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Narrows the data directory to its owner, as the appliance does at each start; a failure is only reported. */
    private void keepPrivate(Path dataDir) {
        try {
            PrivateFiles.secureDirectory(dataDir);
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("lanchat-admin: could not make " + dataDir + " private to its owner: " + e.getMessage()
                    + "; the appliance will at its next start");
            err.flush();
        }
    }

    /** Whether the file begins as gzip does (1F 8B): every backup does. */
    private static boolean isGzip(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    /** A database message up to the statement it quotes. */
    /** The statement an error of the restore names (its first 80 characters), else nothing. */
    private static String statementIn(String message) {
        String text = String.valueOf(message);
        int at = text.indexOf("; SQL statement: ");
        return at < 0 ? "" : text.substring(at + "; SQL statement: ".length()).lines().findFirst().orElse("");
    }

    private static String firstClause(String message) {
        String text = String.valueOf(message);
        int statement = text.indexOf("; SQL statement:");
        return (statement < 0 ? text.lines().findFirst().orElse("") : text.substring(0, statement)).strip();
    }
}
