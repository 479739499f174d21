package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What a hostile appliance's names and texts cannot do to the terminal they are printed on. */
class ControlCharactersTest {
    private final StringWriter shown = new StringWriter();
    private final PrintWriter out = ControlCharacters.shownSafely(new PrintWriter(shown));

    @Test
    void escapeSequencesThatRetitleClearOrColourAreWrittenOutByTheirCodes() {
        out.print("dn\u001B]0;hacked-title\u0007\u001B[2J\u001B[31mRED\u001B[0m");
        assertThat(shown.toString())
                .isEqualTo("dn<U+001B>]0;hacked-title<U+0007><U+001B>[2J<U+001B>[31mRED<U+001B>[0m")
                .doesNotContain("\u001B", "\u0007");
    }

    @Test
    void c1ControlsDeleteAndALoneCarriageReturnAreShownToo() {
        out.print("a\u009B2Jb\u007Fc\rforged line");
        out.write('\u0085');
        assertThat(shown.toString()).isEqualTo("a<U+009B>2Jb<U+007F>c<U+000D>forged line<U+0085>");
    }

    @Test
    void lineBreaksTabsAndEveryScriptPassUnchanged() {
        String text = "group #1 Ольга (olga)> 明天\t三点 😀 é";
        out.println(text);
        assertThat(shown.toString()).isEqualTo(text + System.lineSeparator());
    }
}
