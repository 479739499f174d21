package org.lanchat.appliance.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar lanchat-appliance.jar} on a box whose default {@code java} is older than 21: the launcher runs the
 * appliance on a newer one, or says what to install.
 */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void tellsInOneSentenceWhatToInstall() {
        String message = Launcher.tooOld(17, "/usr/lib/jvm/java-17-openjdk-amd64");
        assertThat(message).startsWith("lanchat-appliance needs Java 21 or newer, but this java is 17 (/usr/lib/jvm/java-17-openjdk-amd64)")
                .contains("JAVA_HOME", "/usr/lib/jvm", "install one")
                .endsWith(".")
                .doesNotContain("\n");
        assertThat(message.substring(0, message.length() - 1)).doesNotContain(". ");
    }

    @Test
    void runsTheSameCommandOnTheNewerJavaWithTheSameOptions() {
        List<String> command = Launcher.command(new File("/usr/lib/jvm/temurin-25"), List.of("-Xmx256m", "-Dx=y"),
                List.of("-jar", "/opt/lanchat-appliance.jar"), new String[] {"--port", "7448"});
        assertThat(command).containsExactly("/usr/lib/jvm/temurin-25/bin/java", "-Xmx256m", "-Dx=y", "-jar",
                "/opt/lanchat-appliance.jar", "--port", "7448");
    }

    /** A Java older than 21 installed beside this one, as Debian 12's 17 is; the tests below are skipped without. */
    private static File olderJava() {
        File[] homes = Launcher.JVM_DIR.listFiles();
        File older = null;
        if (homes != null) {
            Arrays.sort(homes);
            for (File home : homes) {
                int feature = InstalledJdks.feature(home);
                if (older == null && feature >= 8 && feature < Launcher.REQUIRED_FEATURE) {
                    older = home;
                }
            }
        }
        assumeTrue(older != null, "no Java older than 21 in /usr/lib/jvm to start the launcher with");
        return older;
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Starts the launcher on an older Java with JAVA_HOME naming the JDK running this test (21 or newer). */
    private Run launchOnOlderJava(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(new File(olderJava(), "bin/java").getPath(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove(Launcher.RELAUNCHED_FROM);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished within 60 s").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    @Tag("slow") // two JVMs per test
    void anOlderJavaStartsTheApplianceOnTheNewerOneInJavaHome() throws Exception {
        Run run = launchOnOlderJava("--version");
        assertThat(run.err()).doesNotContain("needs Java");
        assertThat(run.out()).containsPattern("(?m)^lanchat-appliance \\S+ \\(protocol \\d+\\)$");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    @Tag("slow") // two JVMs per test
    void theApplianceExitCodeAndErrorsComeBackThroughTheOlderJava() throws Exception {
        Run run = launchOnOlderJava("--no-such-option");
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
