package org.lanchat.client.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's and the appliance's English is a developer's detail, never shown: a pragmatic scan of the desktop's
 * sources for the ways it could reach the screen (an exception's message, an event's or a check's English detail,
 * the core's English description of a failure) outside log statements. What the core reports is worded from the
 * bundle instead ({@code viewmodel.Failures}, {@code ClientProblem}); the few places left show the operating
 * system's own words or texts that already came from the bundle, each listed here with why.
 */
class NoCoreEnglishShownTest {
    private static final Pattern ENGLISH_SOURCE = Pattern.compile(
            "getMessage\\(\\)|ChatClient\\.describe\\(|\\.detail\\(\\)|\\.message\\(\\)");

    /** File and what it uses, for each place allowed, with the reason as a comment. */
    private static final List<String> ALLOWED = List.of(
            // AvatarFiles throws the bundle's own sentences.
            "RegisterViewModel.java getMessage()",
            // The diagnosis could not run at all (a bug): its only account.
            "ApplianceDiagnosis.java getMessage()",
            // Recording trust failed with a bug, not a file: its only account.
            "StartViewModel.java getMessage()",
            // A check made with a detail only (Finding.OTHER) has nothing else to show.
            "ApplianceDiagnosis.java .detail()",
            // Before anything runs: LaunchOptions' bundle sentences, a --trust value, or the data directory's I/O error.
            "LanChatApp.java getMessage()",
            "LanChatApp.java ChatClient.describe(");

    @Test
    void nothingTheCoreSaysInEnglishIsShown() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = TranslationsTest.sources()) {
            files.forEach(file -> {
                for (String statement : TranslationsTest.read(file).split(";")) {
                    if (statement.contains("log.")) {
                        continue;
                    }
                    Matcher m = ENGLISH_SOURCE.matcher(statement);
                    while (m.find()) {
                        found.add(file.getFileName() + " " + m.group());
                    }
                }
            });
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(ALLOWED);
    }
}
