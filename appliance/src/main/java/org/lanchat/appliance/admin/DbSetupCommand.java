package org.lanchat.appliance.admin;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
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
 */
@Command(name = "db-setup", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Creates the MySQL/MariaDB database and a least-privilege user for the appliance, then writes",
            "the config file and the password file. Without it the appliance uses its embedded database.",
            "The administrator's password is read from --admin-password-file, LANCHAT_DB_ADMIN_PASSWORD or a prompt,",
            "never from the command line. Run again to give the user a new password; the data stays."},
        footer = {"", "Debian's MariaDB lets root in only through its local socket (sudo mariadb). Then run",
            "  lanchat-appliance db-setup --print-sql | sudo mariadb",
            "which prints the statements instead of running them, and still writes both files."})
public final class DbSetupCommand implements Callable<Integer> {
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

    @Option(names = "--print-sql", description = "Print the SQL for the administrator to run instead of connecting.")
    private boolean printSql;

    public DbSetupCommand(ToolContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> config = Optional.ofNullable(writeConfig).or(context::configFile);
        if (config.isEmpty()) {
            return fail("no config file to update: give --write-config FILE (the package uses /etc/lanchat-appliance/appliance.conf)");
        }
        Path passwordTarget = passwordFile != null ? passwordFile : config.get().toAbsolutePath().getParent().resolve("database-password");
        MySqlCommands.Location at;
        MySqlProvisioner.Plan plan;
        try {
            at = MySqlCommands.parse(server);
            plan = new MySqlProvisioner.Plan(databaseName, user,
                    userHosts != null ? userHosts : MySqlProvisioner.defaultUserHosts(at.host()), MySqlProvisioner.newPassword());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        String applianceUrl = MySqlProvisioner.applianceUrl(server, plan.database());

        if (printSql) {
            for (String statement : MySqlProvisioner.statements(plan)) {
                out.println(statement + ";");
            }
        } else {
            try {
                MySqlProvisioner.apply(server, adminUser, adminPassword(), plan);
            } catch (SQLException e) {
                return fail("as " + adminUser + " on " + at.host() + ":" + at.port() + ": " + e.getMessage()
                        + " (on Debian's MariaDB, root may only use the local socket: see --print-sql)");
            }
            // Creating the schema as the new user proves that its privileges are enough, before the config points at it.
            try (Database ignored = Database.open(applianceUrl, plan.user(), plan.password())) {
                info(out, "Created database " + plan.database() + " and user " + plan.user() + " (" + String.join(", ", plan.userHosts())
                        + ") with " + MySqlProvisioner.PRIVILEGES + " on " + plan.database() + ".* only; schema is current");
            } catch (StoreUnavailableException e) {
                return fail("created the user, but it cannot use the database: " + e.getMessage());
            }
        }

        ConfigFile.writeAtomically(passwordTarget, plan.password() + "\n", PosixFilePermissions.fromString("rw-------"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("database", applianceUrl);
        settings.put("database-user", plan.user());
        ConfigFile.set(config.get(), settings);
        info(out, "Wrote the password to " + passwordTarget + " (mode 0600) and database, database-user to " + config.get());
        info(out, printSql ? "Run the SQL above as the administrator (e.g. | sudo mariadb), then restart the appliance: systemctl restart lanchat-appliance"
                : "Restart the appliance to use it: systemctl restart lanchat-appliance");
        out.flush();
        return 0;
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
