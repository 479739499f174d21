package org.lanchat.appliance.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lanchat.appliance.Appliance;
import org.lanchat.appliance.Main;
import org.lanchat.appliance.admin.AdminServer;
import org.lanchat.appliance.admin.AdminService;
import org.lanchat.appliance.store.Database;

/** {@code lanchat-admin} as an administrator runs it, against an appliance a test runs in-process. */
public final class AdminTool {
    /** What one command printed and how it exited. */
    public record Result(int exit, String out, String err) {
    }

    private AdminTool() {
    }

    /** Runs {@code lanchat-appliance --data-dir DIR admin WORDS...} and captures what it prints. */
    public static Result run(Path dataDir, String... words) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "admin"));
        args.addAll(List.of(words));
        String[] argv = args.toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine(Map.of(), argv);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(argv);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The admin socket as Main wires it, at {@code path}, for an appliance the test runs in-process. */
    public static AdminServer socket(Path path, Appliance appliance) throws Exception {
        var config = appliance.config();
        return AdminServer.start(path, new AdminService(config,
                () -> Database.open(config.effectiveDatabaseUrl(), config.databaseUser(), config.databasePassword()), appliance,
                Clock.systemUTC()));
    }
}
