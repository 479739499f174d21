package org.lanchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;

/** The arguments as typed reach the program started again on a newer Java, whatever the older one made of them. */
class ArgumentBytesTest {
    private static final String NI_HAO = "\u4f60\u597d";

    @TempDir
    Path dir;

    private static byte[] cmdline(String... pieces) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String piece : pieces) {
            bytes.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return bytes.toByteArray();
    }

    @Test
    void argumentsAnOlderJavaTurnedIntoQuestionMarksAreDecodedAgainByTheNewerOne() {
        // Java 17 in LANG=C: the arguments as it decoded them, and what the kernel holds.
        String[] seen = {"send", "??????"};
        String value = ArgumentBytes.encode(seen, cmdline("/usr/bin/java", "-jar", "lanchat.jar", "send", NI_HAO));

        assertThat(ArgumentBytes.restore(seen, value, StandardCharsets.UTF_8)).containsExactly("send", NI_HAO);
        assertThat(ArgumentBytes.restore(seen, value, StandardCharsets.US_ASCII)).as("in LANG=C: replacement characters")
                .containsExactly("send", "\uFFFD".repeat(6));
    }

    @Test
    void nothingIsPassedWhereNothingWasLostOrTheKernelsCopyDoesNotMatch() {
        assertThat(ArgumentBytes.encode(new String[] {"send", "hello?"}, cmdline("java", "-jar", "x.jar", "send", "hello?")))
                .as("all ASCII").isNull();
        assertThat(ArgumentBytes.encode(new String[] {"send", "??"}, cmdline("java", "-jar", "x.jar", "@args")))
                .as("an @argfile: the arguments are not on the command line").isNull();
        assertThat(ArgumentBytes.encode(new String[] {"send", "??"}, null)).as("no /proc").isNull();
        assertThat(ArgumentBytes.restore(new String[] {"a"}, "YQ==,Yg==", StandardCharsets.UTF_8))
                .as("a value for other arguments").containsExactly("a");
    }

    @Test
    @Tag("slow") // two JVMs
    void anOlderJavaInACLocaleHandsTheNewerOneReplacementCharactersNotQuestionMarks() throws Exception {
        assertThat(echoOnOlderJava("C")).contains("args first " + "<U+FFFD>".repeat(6));
        assertThat(echoOnOlderJava("C.UTF-8")).contains("args first <U+4F60><U+597D>");
    }

    /** The launcher on the older Java starts EchoProgram with "first" and 你好, typed as a shell would pass them. */
    private String echoOnOlderJava(String locale) throws Exception {
        String launcher = "exec \"$@\" first \"$(printf '\\344\\275\\240\\345\\245\\275')\"";
        OlderJava.Run run = OlderJava.runThrough(dir, Map.of("LC_ALL", locale), List.of("sh", "-c", launcher, "sh"),
                List.of("-D" + Program.property(Program.MAIN_CLASS) + "=" + EchoProgram.class.getName(),
                        "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        assertThat(run.err()).contains("to stderr").doesNotContain("needs Java");
        return run.out();
    }
}
