package org.lanchat.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.launcher.Launcher;
import org.lanchat.launcher.OlderJava;

/**
 * {@code java -jar lanchat-appliance.jar} on a box whose default {@code java} is older than 21 (Debian 12's 17): the
 * launcher (the jar's {@code Main-Class}, which its manifest points at {@link Main}) runs the appliance on a JDK 21+
 * installed beside it. Started here as the jar would be, from the class path with the manifest's entries as
 * properties. Skipped where no older Java is installed.
 */
@Tag("slow") // two JVMs per test
class OlderJavaTest {
    @TempDir
    Path dir;

    @Test
    void anOlderJavaStartsTheApplianceOnTheNewerOneInJavaHome() throws Exception {
        OlderJava.Run run = launchOnOlderJava("--version");
        assertThat(run.err()).doesNotContain("needs Java");
        assertThat(run.out()).containsPattern("(?m)^lanchat-appliance \\S+ \\(protocol \\d+\\)$");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void theApplianceExitCodeAndErrorsComeBackThroughTheOlderJava() throws Exception {
        OlderJava.Run run = launchOnOlderJava("--no-such-option");
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    /** The launcher on a class path, as the jar's manifest would have it start the appliance. */
    private OlderJava.Run launchOnOlderJava(String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-Dlanchat.launcher.main-class=" + Main.class.getName(),
                "-Dlanchat.launcher.program=lanchat-appliance", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName()));
        arguments.addAll(List.of(args));
        return OlderJava.run(dir, Map.of(), arguments);
    }
}
