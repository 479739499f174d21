package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The prompts of the terminal in the charset of the rest of the output: with LANG=zh_CN.UTF-8 where that locale is not
 * generated, java.io.Console printed the password prompt as 'dave ????'.
 */
class TerminalTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @AfterEach
    void speakEnglishAgain() {
        Texts.use(Locale.ENGLISH);
    }

    private Terminal typing(Charset charset, String line, String password) {
        return Terminal.typed(new Terminal.Keyboard() {
            @Override
            public String readLine() {
                return line;
            }

            @Override
            public char[] readPassword() {
                return password.toCharArray();
            }
        }, new PrintStream(screen, true, charset));
    }

    @Test
    void aChinesePasswordPromptIsPrintedInTheOutputsCharsetUnderALocaleJavaDoesNotHave() {
        // What Lanchat.main chooses for its output, and now for the prompts too, on a machine whose Java fell back to ASCII.
        Language language = Language.choose(null, Map.of("LANG", "zh_CN.UTF-8"), Locale.ROOT);
        Charset output = language.charset(StandardCharsets.US_ASCII);
        assertThat(output).isEqualTo(StandardCharsets.UTF_8);
        Texts.use(language.locale());

        Terminal terminal = typing(output, "dave", "s3cret-pass");
        Optional<String> password = new Passwords(Optional.empty(), Map.of(), terminal)
                .givenOrTyped(Texts.text("access.passwordPrompt", "dave"));

        assertThat(password).contains("s3cret-pass");
        assertThat(screen.toByteArray()).isEqualTo("dave 的密码：".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLinePromptIsPrintedInTheCharsetGivenAndTheAnswerReturned() {
        Charset gbk = Charset.forName("GBK");
        assertThat(typing(gbk, "y", "").readLine("信任此服务器吗？[y/N] ")).contains("y");
        assertThat(screen.toByteArray()).isEqualTo("信任此服务器吗？[y/N] ".getBytes(gbk));
    }
}
