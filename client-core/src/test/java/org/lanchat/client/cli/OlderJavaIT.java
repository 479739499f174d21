package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.launcher.OlderJava;

/**
 * The README's {@code java -jar client-core/target/lanchat.jar} on a box whose default {@code java} is older than 21
 * (Debian 12's 17): the jar's launcher runs the command line on a JDK 21+ installed beside it, with its output and
 * exit code. Skipped where no older Java is installed.
 */
@Tag("slow")
class OlderJavaIT {
    @TempDir
    Path dir;

    @Test
    void anOlderJavaRunsTheCommandLineOnTheNewerOne() throws Exception {
        OlderJava.Run run = runOnOlderJava("--version");
        assertThat(run.err()).doesNotContain("needs Java", "UnsupportedClassVersionError");
        assertThat(run.out()).contains("lanchat");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aMistypedCommandIsStillAnsweredByTheCommandLineWithItsExitCode() throws Exception {
        OlderJava.Run run = runOnOlderJava("--no-such-option");
        assertThat(run.err()).contains("--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    /** The newcomer's LC_ALL=C on Debian 12's java 17: 你好 was sent as question marks, where the README promised a refusal. */
    @Test
    void inACLocaleChineseTypedOnTheCommandLineIsRefusedNotSentAsQuestionMarks() throws Exception {
        String typed = "exec \"$@\" \"$(printf '\\344\\275\\240\\345\\245\\275')\"";
        OlderJava.Run run = OlderJava.runThrough(dir, Map.of("LANCHAT_LANG", "en", "LC_ALL", "C",
                        "XDG_DATA_HOME", dir.resolve("data").toString()), List.of("sh", "-c", typed, "sh"),
                List.of("-jar", LanchatJar.JAR.toString(), "send", "--no-discovery", "--appliance", "127.0.0.1:9"));
        assertThat(run.err()).as(run.toString()).startsWith("An argument holds characters this system could not read");
        assertThat(run.exitCode()).isEqualTo(Exit.USAGE);
    }

    private OlderJava.Run runOnOlderJava(String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-jar", LanchatJar.JAR.toString()));
        arguments.addAll(List.of(args));
        return OlderJava.run(dir, Map.of("LANCHAT_LANG", "en", "XDG_DATA_HOME", dir.resolve("data").toString()),
                arguments);
    }
}
