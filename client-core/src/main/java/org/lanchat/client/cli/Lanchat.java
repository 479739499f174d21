package org.lanchat.client.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanchat}: LAN Chat from a terminal or a script. */
@Command(name = "lanchat", mixinStandardHelpOptions = true, versionProvider = Lanchat.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "LAN Chat from a terminal or a script. Every command finds the appliance on the network like the "
                + "desktop app (or takes --appliance HOST[:PORT]) and shares its data directory. 'lanchat COMMAND --help' "
                + "tells more.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage: wrong options or arguments, no password to read",
                "3:refused: wrong password, not allowed, unknown user, not logged in",
                "4:unreachable: no appliance found or reachable, or not the trusted one"})
public final class Lanchat implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // The client core logs through SLF4J; on a terminal only its warnings belong next to the output.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getenv().getOrDefault("LANCHAT_LOG", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        PrintStream stdout = System.out;
        Charset charset = stdout.charset();
        int code = run(args, Context.system(), new PrintWriter(stdout, true, charset),
                new PrintWriter(System.err, true, System.err.charset()));
        System.exit(code);
    }

    /** Runs one command line and returns its exit code. */
    static int run(String[] args, Context context, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Lanchat())
                .addSubcommand(new LoginCommand(context))
                .addSubcommand(new RegisterCommand(context))
                .addSubcommand(new LogoutCommand(context))
                .addSubcommand(new SendCommand(context))
                .addSubcommand(new ListenCommand(context))
                .addSubcommand(new HistoryCommand(context))
                .addSubcommand(new EditCommand(context))
                .addSubcommand(new DeleteCommand(context))
                .addSubcommand(new ReactCommand(context))
                .addSubcommand(new WhoCommand(context))
                .addSubcommand(new ProfileCommand(context))
                .addSubcommand(new SearchCommand(context));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            CommandFailure known = Failure.classify(failure);
            command.getErr().println(known.getMessage());
            if (known.exitCode() == Exit.FAILED && context.env().containsKey("LANCHAT_DEBUG")) {
                failure.printStackTrace(command.getErr());
            }
            command.getErr().flush();
            return known.exitCode();
        });
        return line.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Say which command to run: login, register, logout, send, listen, "
                + "history or who.");
    }

    static String version() {
        String version = Lanchat.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The version the jar's manifest names. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lanchat " + version()};
        }
    }
}
