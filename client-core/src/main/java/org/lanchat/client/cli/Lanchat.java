package org.lanchat.client.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import org.lanchat.client.core.ClientProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code lanchat}: LAN Chat from a terminal or a script. */
/*
 * The help texts (description, exit codes, option descriptions) are in the bundle, under keys starting "lanchat.",
 * "usage." and "mixinStandardHelpOptions."; run() hands picocli the bundle of the language chosen.
 */
@Command(name = "lanchat", mixinStandardHelpOptions = true, versionProvider = Lanchat.Version.class,
        synopsisSubcommandLabel = "COMMAND")
public final class Lanchat implements Runnable {
    @Spec
    CommandSpec spec;

    /** Read before picocli parses (by {@link Language#option}), so that the help itself is in that language. */
    @Option(names = Language.OPTION, paramLabel = "en|zh-CN", scope = ScopeType.INHERIT,
            descriptionKey = "lanchat.option.lang")
    String lang;

    public static void main(String[] args) {
        Logging.configure(System.getenv());
        // The JVM prints in the encoding of a locale the system has installed; LANG=zh_CN.UTF-8 where it is not
        // would turn every Chinese character into '?', in the output and in the terminal's prompts alike.
        Language language = Language.choose(Language.option(args), System.getenv(),
                Locale.getDefault(Locale.Category.DISPLAY));
        Charset output = language.charset(System.out.charset());
        Context context = Context.system(output);
        int code = run(args, context, new PrintWriter(System.out, true, output),
                new PrintWriter(System.err, true, language.charset(System.err.charset())));
        System.exit(code);
    }

    /** Runs one command line and returns its exit code. */
    static int run(String[] args, Context context, PrintWriter terminalOut, PrintWriter terminalErr) {
        PrintWriter out = ControlCharacters.shownSafely(terminalOut);
        PrintWriter err = ControlCharacters.shownSafely(terminalErr);
        String named = Language.option(args);
        Locale system = Locale.getDefault(Locale.Category.DISPLAY);
        if (named != null && Language.named(named).isEmpty()) {
            // Said in the language the environment chooses, as --lang cannot.
            Texts.use(Language.choose(null, context.env(), system).locale());
            err.println(Texts.text("main.lang.unknown", named));
            err.flush();
            return Exit.USAGE;
        }
        Texts.use(Language.choose(named, context.env(), system).locale());
        if (Arrays.stream(args).anyMatch(arg -> arg.indexOf('\uFFFD') >= 0)) {
            // Java decoded the arguments in a locale that cannot hold them (LANG=C under java -jar): 你好 arrived as
            // replacement characters, which a send would have put before everyone.
            err.println(Texts.text("main.undecodable"));
            err.flush();
            return Exit.USAGE;
        }
        CommandLine line = new CommandLine(new Lanchat())
                .addSubcommand(new LoginCommand(context))
                .addSubcommand(new RegisterCommand(context))
                .addSubcommand(new LogoutCommand(context))
                .addSubcommand(new SendCommand(context))
                .addSubcommand(new ListenCommand(context))
                .addSubcommand(new HistoryCommand(context))
                .addSubcommand(new ClearCommand(context))
                .addSubcommand(new EditCommand(context))
                .addSubcommand(new DeleteCommand(context))
                .addSubcommand(new ReactCommand(context))
                .addSubcommand(new WhoCommand(context))
                .addSubcommand(new ProfileCommand(context))
                .addSubcommand(new StatusCommand(context))
                .addSubcommand(new SearchCommand(context))
                .addSubcommand(new RoomsCommand(context))
                .addSubcommand(RoomCommand.line(context))
                .addSubcommand(new DownloadCommand(context));
        line.setResourceBundle(Texts.bundle());
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler(new UsageErrors());
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            CommandFailure known = Failure.classify(failure);
            command.getErr().println(known.getMessage());
            if (context.env().containsKey(Logging.DEBUG)) {
                // The developer's detail the sentence leaves out: the appliance's or the system's own (English) words.
                command.getErr().println(ClientProblem.of(failure).detail());
                if (known.exitCode() == Exit.FAILED) {
                    failure.printStackTrace(command.getErr());
                }
            }
            command.getErr().flush();
            return known.exitCode();
        });
        return line.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), Texts.text("main.which"));
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
