package org.lanchat.client.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.FileTrouble;
import org.lanchat.client.core.appliance.TrustFileWarning;
import org.lanchat.discovery.locate.DiagnosticReport.Finding;
import org.lanchat.protocol.ErrorCode;

/**
 * The two bundles say the same things: the same keys, each with the same arguments, and every key the code asks
 * for is there (a missing key would show as the key itself).
 */
class TranslationsTest {
    static final Path SOURCES = Path.of("src/main/java");
    /** {@code Texts.text("area.what"} in the source: the keys the code asks for by name. */
    private static final Pattern ASKED = Pattern.compile("Texts\\.text\\(\\s*\"([^\"]+)\"");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[,}]");

    static Map<String, String> bundle(String name) {
        Properties values = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream(name)) {
            values.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> sorted = new TreeMap<>();
        values.forEach((k, v) -> sorted.put((String) k, (String) v));
        return sorted;
    }

    static final Map<String, String> ENGLISH = bundle("messages.properties");
    static final Map<String, String> CHINESE = bundle("messages_zh_CN.properties");

    @AfterEach
    void backToEnglish() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(CHINESE.keySet()).containsExactlyElementsOf(ENGLISH.keySet());
    }

    @Test
    void eachTranslationTakesTheSameArguments() {
        ENGLISH.forEach((key, english) -> assertThat(arguments(CHINESE.getOrDefault(key, "")))
                .as("arguments of %s", key).isEqualTo(arguments(english)));
    }

    @Test
    void everyChineseTextIsTranslated() {
        // Only a few texts may read the same in both: the product's name and patterns of arguments or digits.
        Set<String> same = ENGLISH.keySet().stream().filter(k -> ENGLISH.get(k).equals(CHINESE.get(k)))
                .filter(k -> ENGLISH.get(k).matches(".*[a-z]{3,}.*") && !ENGLISH.get(k).contains("LAN Chat"))
                .collect(Collectors.toSet());
        assertThat(same).isEmpty();
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        assertThat(asked()).isNotEmpty().allSatisfy(key -> assertThat(ENGLISH).containsKey(key));
    }

    @Test
    void everyKeyIsUsedSomewhere() throws IOException {
        String code = sources().map(TranslationsTest::read).collect(Collectors.joining("\n"));
        assertThat(ENGLISH.keySet()).filteredOn(key -> !problemKeys().contains(key))
                .allSatisfy(key -> assertThat(code).contains("\"" + key + "\""));
    }

    /** The keys made from the core's enums: one per error code, problem kind, trust-file warning, diagnosis finding and file trouble. */
    static Set<String> problemKeys() {
        Set<String> keys = new TreeSet<>();
        Stream.of(ErrorCode.values()).forEach(code -> keys.add("coreTexts.error." + code.name()));
        Stream.of(ClientProblem.Kind.values()).filter(kind -> kind != ClientProblem.Kind.REFUSED)
                .forEach(kind -> keys.add("coreTexts.problem." + kind.name()));
        Stream.of(TrustFileWarning.Kind.values()).forEach(kind -> keys.add("coreTexts.trustFile." + kind.name()));
        Stream.of(Finding.values()).filter(finding -> finding != Finding.OTHER)
                .forEach(finding -> keys.add("coreTexts.diagnosis." + finding.name()));
        Stream.of(FileTrouble.values()).filter(trouble -> trouble != FileTrouble.OTHER)
                .forEach(trouble -> keys.add("fileTrouble." + trouble.name()));
        return keys;
    }

    @Test
    void everyProblemTheCoreReportsHasASentenceInBothLanguages() {
        assertThat(ENGLISH.keySet()).containsAll(problemKeys());
        assertThat(CHINESE.keySet()).containsAll(problemKeys());
    }

    @Test
    void argumentsAreFilledInAndReorderedPerLanguage() {
        Texts.use(Locale.ENGLISH);
        assertThat(Texts.text("reading.typing.two", "bob", "carol")).isEqualTo("bob and carol are typing…");
        assertThat(Texts.text("history.messages", 1)).isEqualTo("1 message");
        assertThat(Texts.text("history.messages", 1200)).isEqualTo("1,200 messages");
        assertThat(Texts.text("history.matches", 0)).isEqualTo("0 matches");
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.text("reading.typing.two", "张伟", "李娜")).isEqualTo("张伟 和 李娜 正在输入…");
        assertThat(Texts.text("history.messages", 1)).isEqualTo("1 条消息");
    }

    @Test
    void aLanguageWithoutBundleSpeaksEnglishWhateverTheSystemSays() {
        Texts.use(Locale.GERMAN);
        assertThat(Texts.text("chat.send")).isEqualTo("Send");
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static Stream<Path> sources() throws IOException {
        return Files.walk(SOURCES).filter(p -> p.toString().endsWith(".java"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> asked() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = sources()) {
            files.map(TranslationsTest::read).forEach(code -> {
                Matcher m = ASKED.matcher(code);
                while (m.find()) {
                    keys.add(m.group(1));
                }
            });
        }
        return keys;
    }
}
