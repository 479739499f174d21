package org.lanchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar} of a LAN Chat jar on a box whose default {@code java} is older than 21: the launcher runs the
 * program its manifest names on a newer one, or says what to install.
 */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void tellsInOneSentenceWhatToInstall() {
        String message = Launcher.tooOld("lanchat", 17, "/usr/lib/jvm/java-17-openjdk-amd64");
        assertThat(message).startsWith("lanchat needs Java 21 or newer, but this java is 17 (/usr/lib/jvm/java-17-openjdk-amd64)")
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

    @Test
    void theManifestNamesTheProgramAndWhetherItKeepsAStartupArchive() {
        Attributes manifest = new Attributes();
        manifest.putValue("LanChat-Main-Class", "org.lanchat.client.cli.Lanchat");
        manifest.putValue("LanChat-Program", "lanchat");
        Program lanchat = Program.of(manifest, new File("lanchat.jar"), new File("lanchat.jar"));
        assertThat(lanchat.mainClass()).isEqualTo("org.lanchat.client.cli.Lanchat");
        assertThat(lanchat.name()).isEqualTo("lanchat");
        assertThat(lanchat.startupArchive()).as("only when the manifest says true").isFalse();

        manifest.putValue("LanChat-Startup-Archive", "true");
        assertThat(Program.of(manifest, new File("lanchat.jar"), null).startupArchive()).isTrue();
        assertThat(Program.property("LanChat-Startup-Archive")).isEqualTo("lanchat.launcher.startup-archive");
    }

    @Test
    void aJarThatNamesNoProgramSaysSoInsteadOfGuessing() {
        assertThatThrownBy(() -> Program.of(new Attributes(), new File("some.jar"), new File("some.jar")))
                .hasMessageContaining("some.jar names no program to start")
                .hasMessageContaining("LanChat-Main-Class");
    }

    @Test
    @Tag("slow") // two JVMs
    void anOlderJavaRunsTheProgramOnTheNewerOneWithItsOptionsArgumentsStreamsAndExitCode() throws Exception {
        OlderJava.Run run = OlderJava.run(dir, Map.of(), List.of(
                "-D" + Program.property(Program.MAIN_CLASS) + "=" + EchoProgram.class.getName(),
                "-Decho.property=passed on", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "first", "second"));

        assertThat(run.out()).contains("java " + Runtime.version().feature(), "property passed on", "args first second");
        assertThat(run.err()).contains("to stderr").doesNotContain("needs Java");
        assertThat(run.exitCode()).isEqualTo(3);
    }

    /** The newcomer's kill -9 of the java they had started left the program it started again running. */
    @Test
    @Tag("slow") // two JVMs
    void theProgramStartedAgainOnTheNewerJavaEndsWhenTheFirstJvmIsKilled() throws Exception {
        File older = InstalledJdks.olderThan(Launcher.JVM_DIR, Launcher.REQUIRED_FEATURE);
        org.junit.jupiter.api.Assumptions.assumeTrue(older != null, "no Java older than 21 to start the launcher with");
        ProcessBuilder builder = new ProcessBuilder(new File(older, "bin/java").getPath(),
                "-D" + Program.property(Program.MAIN_CLASS) + "=" + WaitingProgram.class.getName(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove(Launcher.RELAUNCHED_FROM);
        Process first = builder.start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the program's first line").startsWith("running ");
            ProcessHandle program = ProcessHandle.of(Long.parseLong(line.substring("running ".length()))).orElseThrow();
            assertThat(program.pid()).as("a second JVM").isNotEqualTo(first.pid());

            first.destroyForcibly(); // kill -9

            try {
                assertThat(program.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
            } finally {
                program.destroyForcibly();
            }
        } finally {
            first.destroyForcibly();
        }
    }
}
