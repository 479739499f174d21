package org.lanchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java older than 21 installed beside the one running the tests, as Debian 12's 17 is, to start a LAN Chat jar (or
 * the launcher on a class path) with; tests that use it are skipped where there is none. JAVA_HOME names the JDK
 * running the test, so the launcher finds a new enough one.
 */
public final class OlderJava {
    /** How the run ended. */
    public record Run(int exitCode, String out, String err) {
    }

    private OlderJava() {
    }

    /** Runs the older {@code java} with {@code arguments} (JVM options, then {@code -jar} or a class, then its own). */
    public static Run run(Path workDir, Map<String, String> env, List<String> arguments)
            throws IOException, InterruptedException {
        return runThrough(workDir, env, List.of(), arguments);
    }

    /**
     * The same, started by {@code starter} with the older {@code java} and {@code arguments} after it: a shell that adds
     * arguments the test cannot pass itself (bytes outside ASCII, where the test's own locale may not hold them).
     */
    public static Run runThrough(Path workDir, Map<String, String> env, List<String> starter, List<String> arguments)
            throws IOException, InterruptedException {
        File older = InstalledJdks.olderThan(Launcher.JVM_DIR, Launcher.REQUIRED_FEATURE);
        assumeTrue(older != null, "no Java older than 21 in " + Launcher.JVM_DIR + " to start the launcher with");
        List<String> command = new ArrayList<>(starter);
        command.add(new File(older, "bin/java").getPath());
        command.addAll(arguments);
        Path out = Files.createTempFile(workDir, "older-java", ".out");
        Path err = Files.createTempFile(workDir, "older-java", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove(Launcher.RELAUNCHED_FROM);
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s: %s", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
