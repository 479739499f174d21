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
 * No sentence for the user is written in the code: a pragmatic scan of the desktop app's sources for the places
 * texts go (labels, buttons, prompts, titles, tooltips, menus, dialogs, a view-model's text properties) given a
 * string literal with letters in it. Logs stay English and are not looked at.
 */
class NoLiteralTextsTest {
    private static final Pattern SHOWN_LITERAL = Pattern.compile(
            "(?:new\\s+(?:Label|Button|Hyperlink|CheckBox|RadioButton|ToggleButton|Tooltip|MenuItem|Menu|CheckMenuItem"
                    + "|ButtonType|TrayIcon|Text|Tab|TitledPane|ExtensionFilter|SimpleStringProperty|Alert|TextInputDialog)"
                    + "|\\.(?:setText|setPromptText|setTitle|setHeaderText|setContentText|setAccessibleText|set|inform"
                    + "|notify|accept|showName))"
                    + "\\(([^;]*?)\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** A key given to Texts.text is not a text: taken out before the scan. */
    private static final Pattern KEY = Pattern.compile("Texts\\.text\\(\\s*\"[^\"]*\"");

    /** The literals with letters that {@code code} puts where the user sees them (a call may span lines). */
    static List<String> shownLiterals(String code) {
        List<String> shown = new ArrayList<>();
        Matcher m = SHOWN_LITERAL.matcher(KEY.matcher(code).replaceAll("Texts.text(KEY"));
        while (m.find()) {
            // Escapes are not letters: "\\u2713" is a check mark, "\\n" a line break.
            if (LETTER.matcher(m.group(2).replaceAll("\\\\(u[0-9a-fA-F]{4}|.)", "")).find()) {
                shown.add(m.group(2));
            }
        }
        return shown;
    }

    @Test
    void noUserVisibleTextIsALiteral() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = TranslationsTest.sources()) {
            files.forEach(file -> shownLiterals(TranslationsTest.read(file))
                    .forEach(text -> found.add(file.getFileName() + ": \"" + text + "\"")));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertThat(shownLiterals("Label hello = new Label(\"Hello\");")).containsExactly("Hello");
        assertThat(shownLiterals("error.set(\"Enter your password.\");")).containsExactly("Enter your password.");
        assertThat(shownLiterals("field.setPromptText(\"Search \" + name);")).containsExactly("Search ");
        assertThat(shownLiterals("new Tooltip(\"Say \\\"hi\\\"\")")).containsExactly("Say \\\"hi\\\"");
        assertThat(shownLiterals("new Label(Texts.text(\"login.title\"))")).isEmpty();
        assertThat(shownLiterals("button.setText(\":)\")")).as("no letters").isEmpty();
        assertThat(shownLiterals("new Label(\"\\u2713\\n\")")).as("escapes").isEmpty();
        assertThat(shownLiterals("new Alert(type,\n        \"Delete this?\", ButtonType.OK)")).containsExactly("Delete this?");
    }
}
