package org.lanchat.client.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse, said in the user's language: picocli's own sentences ("Unknown option",
 * "Missing required parameter", "Invalid value") are English only, so the common ones are put again from the bundle;
 * a rarer one keeps picocli's words. Then where the usage is, and {@link Exit#USAGE}.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine line = problem.getCommandLine();
        PrintWriter err = line.getErr();
        err.println(sentence(problem));
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println(Texts.text("parse.suggestions", String.join(", ", unmatched.getSuggestions())));
        }
        if (problem instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()
                && !line.getSubcommands().isEmpty()) {
            // 'lanchat room --appliance HOST join Design': the options belong to the action, after it.
            err.println(Texts.text("parse.optionsAfterAction", line.getCommandSpec().qualifiedName()));
        }
        // A pointer, not the usage itself: the sentence was lost above thirty-five lines of it.
        err.println(Texts.text("parse.seeHelp", line.getCommandSpec().qualifiedName()));
        err.flush();
        return Exit.USAGE;
    }

    private static String sentence(ParameterException problem) {
        return switch (problem) {
            case UnmatchedArgumentException unmatched when unmatched.isUnknownOption() ->
                    Texts.text("parse.unknownOption", String.join(" ", unmatched.getUnmatched()));
            // The first only: the rest (the options after it) were echoed too, which read as if all were wrong.
            case UnmatchedArgumentException unmatched -> Texts.text("parse.unmatched", unmatched.getUnmatched().getFirst());
            case MissingParameterException missing -> Texts.text("parse.missing",
                    missing.getMissing().stream().map(UsageErrors::name).collect(Collectors.joining(", ")));
            case ParameterException refused when refused.getCause() instanceof Worded worded -> worded.getMessage();
            default -> problem.getArgSpec() != null && problem.getValue() != null
                    ? Texts.text("parse.invalid", problem.getValue(), name(problem.getArgSpec()))
                    : problem.getMessage();
        };
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** A converter's refusal already said in the user's language, and more precisely than "invalid value". */
    static final class Worded extends TypeConversionException {
        Worded(String sentence) {
            super(sentence);
        }
    }
}
