package org.lanchat.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What {@code --help} prints for lanchat-appliance, admin (lanchat-admin) and db-setup, and each of their commands:
 * whole sentences. A command list shows only the first line of each command's description, so a sentence spread over
 * two lines is cut there; every line therefore has to end a sentence.
 */
class HelpTextTest {
    private static void collect(CommandLine command, List<CommandSpec> into) {
        into.add(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static List<CommandSpec> everyCommand() {
        List<CommandSpec> commands = new ArrayList<>();
        collect(Main.commandLine(Map.of(), new String[0]), commands);
        return commands;
    }

    private static void checkSentences(String where, String[] lines, List<String> problems) {
        for (String line : lines) {
            if (line.isBlank() || !line.strip().endsWith(".")) {
                problems.add(where + ": \"" + line + "\" does not end with a full stop");
            }
        }
    }

    @Test
    void everyCommandIsListed() {
        assertThat(everyCommand()).extracting(CommandSpec::qualifiedName).contains("lanchat-appliance",
                "lanchat-appliance admin", "lanchat-appliance admin backup", "lanchat-appliance admin restore",
                "lanchat-appliance admin reset-password", "lanchat-appliance db-setup");
    }

    @Test
    void everyDescriptionLineIsAWholeSentence() {
        List<String> problems = new ArrayList<>();
        for (CommandSpec command : everyCommand()) {
            String name = command.qualifiedName();
            if (command.usageMessage().description().length == 0) {
                problems.add(name + ": no description");
            }
            checkSentences(name, command.usageMessage().description(), problems);
            List<ArgSpec> args = new ArrayList<>(command.options());
            args.addAll(command.positionalParameters());
            for (ArgSpec arg : args) {
                if (!arg.hidden() && arg.description().length > 0) {
                    String label = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
                    checkSentences(name + " " + label, arg.description(), problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void footersAreParagraphsOrExamples() {
        List<String> problems = new ArrayList<>();
        for (CommandSpec command : everyCommand()) {
            for (String line : command.usageMessage().footer()) {
                boolean paragraph = line.strip().endsWith(".") || line.strip().endsWith(":");
                if (!line.isEmpty() && !line.startsWith("  ") && !paragraph) {
                    problems.add(command.qualifiedName() + " footer: \"" + line + "\" stops mid-sentence");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
