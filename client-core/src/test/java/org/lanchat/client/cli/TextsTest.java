package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ClientEvent.EndReason;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.FileTrouble;
import org.lanchat.client.core.appliance.TrustFileWarning;
import org.lanchat.protocol.ErrorCode;

/**
 * The two languages say the same things: the same keys, each with the same arguments; every key the code asks for
 * exists; and no sentence for people is left as a literal in the code.
 */
class TextsTest {
    private static final Path SOURCES = Path.of("src/main/java/org/lanchat/client/cli");
    private static final ResourceBundle ENGLISH = Texts.load(Locale.ENGLISH);
    private static final ResourceBundle CHINESE = Texts.load(Locale.SIMPLIFIED_CHINESE);

    /** picocli reads these itself, with String.format and ${...} variables, not MessageFormat. */
    private static boolean help(String key) {
        return key.startsWith("lanchat.") || key.startsWith("usage.") || key.startsWith("mixinStandardHelpOptions.");
    }

    private static Set<String> own(ResourceBundle bundle) {
        return new TreeSet<>(Collections.list(bundle.getKeys()));
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(CHINESE.getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(own(CHINESE)).isEqualTo(own(ENGLISH));
        assertThat(own(ENGLISH)).allSatisfy(key -> assertThat(CHINESE.getString(key)).as(key)
                .isNotBlank().isNotEqualTo(key.startsWith("lanchat.usage.exitCodeList") ? null : ENGLISH.getString(key)));
    }

    @Test
    void eachSentenceTakesTheSameArgumentsInBothLanguages() {
        for (String key : own(ENGLISH)) {
            assertThat(arguments(key, CHINESE.getString(key))).as(key).isEqualTo(arguments(key, ENGLISH.getString(key)));
        }
    }

    /** The argument indices of a MessageFormat, or picocli's ${variables} and line breaks. */
    private static List<String> arguments(String key, String pattern) {
        List<String> found = new ArrayList<>();
        if (help(key)) {
            Matcher variable = Pattern.compile("\\$\\{[^}]+}|%n").matcher(pattern);
            while (variable.find()) {
                found.add(variable.group().equals("%n") ? "%n" : variable.group());
            }
            assertThat(pattern.replace("%n", "").replace("%%", "")).as(key + ": a lone % breaks String.format")
                    .doesNotContain("%");
            return found.stream().sorted().toList();
        }
        String unquoted = pattern.replace("''", "");
        assertThat(unquoted).as(key + ": an apostrophe is written '' in a MessageFormat").doesNotContain("'");
        new MessageFormat(pattern, Locale.ENGLISH);
        Matcher argument = Pattern.compile("\\{(\\d+)").matcher(unquoted);
        while (argument.find()) {
            found.add(argument.group(1));
        }
        return found.stream().distinct().sorted().toList();
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        List<String> referenced = new ArrayList<>();
        Matcher key = Pattern.compile("(?:Texts\\.text\\(|descriptionKey = |\\? |: )\"([a-zA-Z]+\\.[A-Za-z.]*)\"")
                .matcher(sources());
        while (key.find()) {
            if (!key.group(1).endsWith(".")) {
                referenced.add(key.group(1));
            }
        }
        assertThat(referenced).contains("login.done", "lines.online", "lines.offline", "lanchat.send.to");
        Stream.of(ErrorCode.values()).forEach(code -> referenced.add("coreTexts.error." + code.name()));
        Stream.of(ClientProblem.Kind.values()).filter(kind -> kind != ClientProblem.Kind.REFUSED)
                .forEach(kind -> referenced.add("coreTexts.problem." + kind.name()));
        Stream.of(TrustFileWarning.Kind.values()).forEach(kind -> referenced.add("coreTexts.trustFile." + kind.name()));
        Stream.of(EndReason.values()).forEach(reason -> referenced.add("listen.ended." + reason.name()));
        Stream.of(FileTrouble.values()).filter(kind -> kind != FileTrouble.OTHER)
                .forEach(kind -> referenced.add("fileTrouble." + kind.name()));
        assertThat(own(ENGLISH)).containsAll(referenced);
    }

    /**
     * Every problem the core reports, and every error code the appliance sends, has a sentence in both languages,
     * and the Chinese one mixes in no English (but the command's own name and format names).
     */
    @Test
    void everyProblemHasASentenceInBothLanguagesWithoutEnglishInTheChinese() {
        List<ClientProblem> all = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            all.add(new ClientProblem(ClientProblem.Kind.REFUSED, Optional.of(code),
                    code == ErrorCode.RATE_LIMITED ? List.of(30L) : List.of(), "the appliance's English"));
        }
        Stream.of(ClientProblem.Kind.values()).filter(kind -> kind != ClientProblem.Kind.REFUSED)
                .forEach(kind -> all.add(ClientProblem.of(kind, "the system's English", 5000, 4000)));
        try {
            for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                Texts.use(language);
                for (ClientProblem problem : all) {
                    String sentence = Failure.sentence(problem);
                    assertThat(sentence).as("%s in %s", problem.key(), language).isNotBlank()
                            .doesNotStartWith("coreTexts.").doesNotContain("English").doesNotContain("{");
                    if (language.equals(Locale.SIMPLIFIED_CHINESE)) {
                        assertThat(sentence.replaceAll("lanchat( login)?|chat\\.office\\.lan", "")).as(problem.key())
                                .doesNotContainPattern("(?<![A-Za-z])(?!(?:PNG|JPEG|UTF)(?![A-Za-z]))[A-Za-z]{3,}");
                    }
                }
            }
        } finally {
            Texts.use(Locale.ENGLISH);
        }
    }

    @Test
    void everyTrustFileWarningHasASentenceInBothLanguages() {
        try {
            for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                Texts.use(language);
                for (TrustFileWarning.Kind kind : TrustFileWarning.Kind.values()) {
                    List<Object> arguments = switch (kind) {
                        case NOT_OWNED_BY_ROOT -> List.of("/etc/trust", "nobody");
                        case BAD_LINE -> List.of("/etc/trust", 3, "7KQ2-M9XD");
                        default -> List.of("/etc/trust");
                    };
                    String sentence = Failure.sentence(new TrustFileWarning(kind, arguments, "the log's English"));
                    assertThat(sentence).as("%s in %s", kind, language).contains("/etc/trust")
                            .doesNotStartWith("coreTexts.").doesNotContain("English").doesNotContain("{");
                    if (language.equals(Locale.SIMPLIFIED_CHINESE)) {
                        assertThat(sentence.replaceAll("/etc/trust|nobody|7KQ2-M9XD|root|chmod", "")).as(kind.name())
                                .doesNotContainPattern("(?<![A-Za-z])[A-Za-z]{3,}");
                    }
                }
            }
        } finally {
            Texts.use(Locale.ENGLISH);
        }
    }

    /**
     * The core's and the appliance's English stays out of what is printed: outside log statements, an exception's
     * message, an event's English or a problem's detail is used only where listed, each for the reason given (the
     * operating system's own words, or a sentence that already came from this bundle).
     */
    @Test
    void nothingTheCoreSaysInEnglishIsPrinted() throws IOException {
        List<String> allowed = List.of(
                // The JDK's words on a key that cannot sign; discovery's on why it could not start.
                "DirectSend.java getMessage()", "SendCommand.java getMessage()",
                // A CommandFailure's message is this bundle's sentence.
                "DirectSend.java getMessage()", "SendCommand.java getMessage()", "SendCommand.java getMessage()",
                "SendCommand.java getMessage()", "SendCommand.java getMessage()", "SendCommand.java getMessage()",
                "Lanchat.java getMessage()",
                // The sentence of a CommandFailure (this bundle's) that listen waits out, said before it tries again.
                "ListenCommand.java getMessage()",
                // picocli's own message for a parse error it has no key for; a converter's refusal from this bundle.
                "UsageErrors.java getMessage()", "UsageErrors.java getMessage()",
                // A bug's only account; and the detail LANCHAT_DEBUG asks for.
                "Failure.java .detail()", "Lanchat.java .detail()",
                // The appliance's account after a sentence that cannot say what was wrong (invalid_field: PROTOCOL.md
                // §6.12 writes it for people), and a record's shape check on a request this client would not send.
                "Failure.java .detail()", "Failure.java getMessage()");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.sorted().toList()) {
                for (String statement : Files.readString(file).split(";")) {
                    if (statement.contains("log.")) {
                        continue;
                    }
                    Matcher m = Pattern.compile("getMessage\\(\\)|ChatClient\\.describe\\(|\\.detail\\(\\)|\\.message\\(\\)")
                            .matcher(statement);
                    while (m.find()) {
                        found.add(file.getFileName() + " " + m.group());
                    }
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(allowed);
    }

    /**
     * A pragmatic guard: what is printed, prompted, failed with or described comes from the bundle. A string literal
     * with a letter in such a call is a sentence left in the code; keys, option names and JSON fields are not in them.
     */
    @Test
    void noSentenceForPeopleIsLeftInTheCode() throws IOException {
        String code = sources();
        assertThat(code).as("picocli descriptions come from the bundle").doesNotContainPattern("\\bdescription\\s*=");
        Matcher call = Pattern.compile("\\b(println|print|printf|format|usage|failed|refused|unreachable|silent"
                + "|ParameterException|readLine|readPassword|givenOrTyped)\\s*\\(").matcher(code);
        List<String> literals = new ArrayList<>();
        while (call.find()) {
            String arguments = arguments(code, call.end());
            Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(
                    arguments.replaceAll("Texts\\.text\\(\\s*\"[^\"]*\"", "Texts.text(KEY"));
            while (literal.find()) {
                if (literal.group(1).matches(".*\\p{L}.*") && !literal.group(1).matches("%s|[a-zA-Z]+\\.[A-Za-z.]+")) {
                    literals.add(call.group(1) + "(\"" + literal.group(1) + "\"");
                }
            }
        }
        assertThat(literals).isEmpty();
    }

    /** The text from {@code start} to the parenthesis that closes the call, skipping strings. */
    private static String arguments(String code, int start) {
        int depth = 1;
        boolean string = false;
        int i = start;
        for (; i < code.length() && depth > 0; i++) {
            char c = code.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return code.substring(start, i);
    }

    /** The command line's code without comments. */
    private static String sources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", ""))
                        .append('\n');
            }
        }
        return all.toString();
    }
}
