package org.lanchat.appliance.admin;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanchat-appliance db-setup}: with the MySQL/MariaDB administrator's credentials, once, creates
 * the appliance's database and a least-privilege user with a generated password, creates the schema as
 * that user (proving the privileges suffice), stores the password in a root-only file that systemd
 * hands to the service ({@code LoadCredential=database-password:...}), and points the config file at
 * the database.
 *
 * <p>Where the administrator can only reach the server through its local socket ({@code sudo mariadb}),
 * it runs in two steps: {@code --print-sql} prints the statements and keeps the new password aside in
 * {@code <password-file>.pending}, changing nothing the appliance reads; {@code --finish}, after the SQL
 * was run, checks that the new user works and only then moves the password into place and writes the
 * config. An appliance restarted between the two steps therefore still runs on what it had.
 */
@Command(name = "db-setup", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Creates the MySQL/MariaDB database and a least-privilege user for the appliance, then writes the "
                + "config file and the password file.",
            "Without it the appliance uses its embedded database. The administrator's password is read from "
                + "--admin-password-file, LANCHAT_DB_ADMIN_PASSWORD or a prompt, never from the command line. Run again "
                + "to give the user a new password; the data stays."},
        footer = {"", "Debian's MariaDB lets root in only through its local socket (sudo mariadb). Then run:",
            "  lanchat-appliance db-setup --print-sql | sudo mariadb",
            "  lanchat-appliance db-setup --finish",
            "The first prints the statements instead of running them and changes no setting; the second checks that the "
                + "new user can log in, then writes the password file and the config file."})
public final class DbSetupCommand implements Callable<Integer> {
    private static final String PENDING = ".pending";
    /** The Debian package's config file, whose systemd unit hands the appliance the password file beside it. */
    private static final Path PACKAGE_CONFIG = Path.of("/etc/lanchat-appliance/appliance.conf");

    private final ToolContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "JDBC_URL", description = "The server (default: ${DEFAULT-VALUE}).")
    private String server = "jdbc:mysql://127.0.0.1:3306/";

    @Option(names = "--admin-user", paramLabel = "USER", description = "An account that may create databases and users (default: ${DEFAULT-VALUE}).")
    private String adminUser = "root";

    @Option(names = "--admin-password-file", paramLabel = "FILE", description = "File holding that account's password.")
    private Path adminPasswordFile;

    @Option(names = "--database-name", paramLabel = "NAME", description = "Database to create (default: ${DEFAULT-VALUE}).")
    private String databaseName = "lanchat";

    @Option(names = "--user", paramLabel = "USER", description = "The appliance's own account (default: ${DEFAULT-VALUE}).")
    private String user = "lanchat";

    @Option(names = "--user-host", paramLabel = "HOST", split = ",",
            description = "Hosts the appliance connects from (default: localhost,127.0.0.1,::1 for a local server, else %%).")
    private List<String> userHosts;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Where to store the appliance's new password, mode 0600 (default: database-password beside the config file).")
    private Path passwordFile;

    @Option(names = "--write-config", paramLabel = "FILE", description = "Config file to update (default: the one in use, --config or LANCHAT_CONFIG).")
    private Path writeConfig;

    @Option(names = "--print-sql", description = "Print the SQL for the administrator to run instead of connecting. "
            + "Changes no setting: the new password waits in <password-file>.pending for --finish.")
    private boolean printSql;

    @Option(names = "--finish", description = "After the --print-sql statements were run: check the new user, then write the password file and config.")
    private boolean finish;

    public DbSetupCommand(ToolContext context) {
        this.context = context;
    }

    // "try": a resource held open for the body without being used; javac 22+ no longer exempts the name "ignored".
    @Override
    @SuppressWarnings("try")
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (printSql && finish) {
            return fail("--print-sql and --finish are the two steps of one setup: give one of them");
        }
        Optional<Path> config = Optional.ofNullable(writeConfig).or(context::configFile);
        if (config.isEmpty()) {
            return fail("no config file to update: give --write-config FILE (the package uses " + PACKAGE_CONFIG + ")");
        }
        Path passwordTarget = passwordFile != null ? passwordFile : config.get().toAbsolutePath().getParent().resolve("database-password");
        Path pending = passwordTarget.resolveSibling(passwordTarget.getFileName() + PENDING);
        MySqlCommands.Location at;
        MySqlProvisioner.Plan plan;
        try {
            at = MySqlCommands.parse(server);
            String password = finish ? pendingPassword(pending) : MySqlProvisioner.newPassword();
            if (password == null) {
                return fail("no " + pending + ": run 'lanchat-appliance db-setup --print-sql' first (with the same options)");
            }
            plan = new MySqlProvisioner.Plan(databaseName, user,
                    userHosts != null ? userHosts : MySqlProvisioner.defaultUserHosts(at.host()), password);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        String applianceUrl = MySqlProvisioner.applianceUrl(server, plan.database());

        if (printSql) {
            for (String statement : MySqlProvisioner.statements(plan)) {
                out.println(statement + ";");
            }
            out.flush();
            ConfigFile.writeAtomically(pending, plan.password() + "\n", PosixFilePermissions.fromString("rw-------"));
            info(out, "Nothing is changed yet: the new password waits in " + pending + " (mode 0600).");
            info(out, "Run the SQL above as the administrator (e.g. | sudo mariadb), then: lanchat-appliance db-setup --finish"
                    + sameOptions());
            return 0;
        }
        if (!finish) {
            try {
                MySqlProvisioner.apply(server, adminUser, adminPassword(), plan);
            } catch (SQLException e) {
                return fail("as " + adminUser + " on " + at.host() + ":" + at.port() + ": " + e.getMessage()
                        + " (on Debian's MariaDB, root may only use the local socket: see --print-sql)");
            }
        }
        // Creating the schema as the new user proves that its privileges are enough, before the config points at it.
        try (Database ignored = Database.open(applianceUrl, plan.user(), plan.password())) {
            info(out, (finish ? "Checked database " : "Created database ") + plan.database() + " and user " + plan.user()
                    + " (" + String.join(", ", plan.userHosts()) + ") with " + MySqlProvisioner.PRIVILEGES + " on "
                    + plan.database() + ".* only; schema is current");
        } catch (StoreUnavailableException e) {
            return fail(finish ? "the new user cannot use the database yet (was the SQL from --print-sql run?): " + e.getMessage()
                    : "created the user, but it cannot use the database: " + e.getMessage());
        }

        ConfigFile.writeAtomically(passwordTarget, plan.password() + "\n", PosixFilePermissions.fromString("rw-------"));
        Files.deleteIfExists(pending);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("database", applianceUrl);
        settings.put("database-user", plan.user());
        ConfigFile.set(config.get(), settings);
        info(out, "Wrote the password to " + passwordTarget + " (mode 0600) and database, database-user to " + config.get());
        if (config.get().toAbsolutePath().equals(PACKAGE_CONFIG)) {
            info(out, "Restart the appliance to use it: systemctl restart lanchat-appliance");
        } else {
            // Outside the package's unit nothing hands the appliance the password file: the start must name it.
            info(out, "Start the appliance with --config " + config.get() + " --database-password-file " + passwordTarget
                    + " to use it");
        }
        return 0;
    }

    /** The options given to --print-sql that --finish must repeat, for the instruction printed after the SQL. */
    private String sameOptions() {
        List<String> given = new ArrayList<>();
        for (String option : List.of("--server", "--database-name", "--user", "--user-host", "--password-file", "--write-config")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                Object value = spec.commandLine().getParseResult().matchedOptionValue(option, null);
                given.add(option + " " + (value instanceof List<?> list
                        ? String.join(",", list.stream().map(String::valueOf).toList()) : value));
            }
        }
        return given.isEmpty() ? "" : " " + String.join(" ", given);
    }

    private static String pendingPassword(Path pending) throws IOException {
        if (!Files.exists(pending)) {
            return null;
        }
        return Files.readString(pending, StandardCharsets.UTF_8).strip();
    }

    /** With --print-sql, standard output is SQL: everything said to the admin goes to standard error. */
    private void info(PrintWriter out, String message) {
        PrintWriter to = printSql ? spec.commandLine().getErr() : out;
        to.println(printSql ? "-- " + message : message);
        to.flush();
    }

    private String adminPassword() throws IOException {
        if (adminPasswordFile != null) {
            List<String> lines = Files.readAllLines(adminPasswordFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.getFirst();
        }
        String fromEnvironment = context.environment().get("LANCHAT_DB_ADMIN_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password of %s on the database server: ", adminUser);
            return typed == null ? "" : new String(typed);
        }
        return "";
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("lanchat-appliance db-setup: " + message);
        err.flush();
        return AdminCommand.FAILED;
    }
}
