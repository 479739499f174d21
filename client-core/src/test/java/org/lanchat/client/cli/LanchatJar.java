package org.lanchat.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The real {@code lanchat.jar}, as the package installs it, run as a child process with the environment a test
 * gives (nothing of the test's own {@code LANCHAT_*} variables leaks in).
 */
final class LanchatJar {
    static final Path JAR = Path.of(System.getProperty("lanchat.jar", "target/lanchat.jar")).toAbsolutePath();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The classes lanchat loaded in the first command run to its end, for every later one to map instead of loading
     * them again: the suite starts lanchat some 150 times, and class loading is most of a short command's start. It is
     * not the application's own archive ({@code lanchat} as installed starts without one) and only saves time.
     */
    private static final Path ARCHIVE = JAR.resolveSibling("lanchat-it.jsa");
    private static final AtomicBoolean ARCHIVE_CLAIMED = new AtomicBoolean();
    private static volatile boolean archived;

    static {
        try {
            // One written for an earlier build of the jar would be refused anyway.
            Files.deleteIfExists(ARCHIVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What chooses the language lanchat speaks, besides {@code --lang}. */
    private static final Set<String> LANGUAGE_VARIABLES = Set.of("LANCHAT_LANG", "LC_ALL", "LC_MESSAGES", "LANG");

    /** How a finished command ended. */
    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private LanchatJar() {
    }

    static List<String> command(List<String> args) {
        return command(args, false);
    }

    /**
     * @param writeArchive whether this run writes the class archive as it ends; otherwise it uses the archive once one
     *                     is complete. The JVM's own logging stays off, since the archive's notes would go to the output
     *                     the tests read.
     */
    private static List<String> command(List<String> args, boolean writeArchive) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xlog:disable"));
        if (writeArchive) {
            command.add("-XX:ArchiveClassesAtExit=" + ARCHIVE);
        } else if (archived) {
            command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    /** Runs a command to its end, with {@code stdin} as its input. */
    static Result run(Map<String, String> env, String stdin, List<String> args) {
        try {
            Path out = Files.createTempFile("lanchat", ".out");
            Path err = Files.createTempFile("lanchat", ".err");
            try {
                boolean writeArchive = !archived && ARCHIVE_CLAIMED.compareAndSet(false, true);
                // Files, not pipes: a child that prints more than a pipe holds cannot block on a test not reading yet.
                Process process = builder(env, command(args, writeArchive)).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("lanchat " + args + " did not end within " + RUN_TIMEOUT + "\n"
                            + Files.readString(err));
                }
                // The JVM wrote the whole archive before it exited; a later run maps it only then.
                if (writeArchive && Files.isRegularFile(ARCHIVE)) {
                    archived = true;
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a command that runs until stopped ({@code listen}), collecting what it prints line by line. */
    static Running start(Map<String, String> env, List<String> args) {
        try {
            return new Running(builder(env, command(args)).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder builder(Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LANCHAT_"));
        // English unless the test names a language: what the tests read must not depend on the machine's locale.
        if (env.keySet().stream().anyMatch(LANGUAGE_VARIABLES::contains)) {
            builder.environment().keySet().removeAll(LANGUAGE_VARIABLES);
        } else {
            builder.environment().put("LANCHAT_LANG", "en");
        }
        builder.environment().putAll(env);
        return builder;
    }

    /** A command still running, and the lines it printed so far. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final List<String> out = new CopyOnWriteArrayList<>();
        private final List<String> err = new CopyOnWriteArrayList<>();

        private Running(Process process) {
            this.process = process;
            collect(process.getInputStream(), out, "out");
            collect(process.getErrorStream(), err, "err");
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void collect(InputStream stream, List<String> into, String name) {
            Thread.ofPlatform().daemon().name("lanchat-" + name).start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        into.add(line);
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            });
        }

        List<String> out() {
            return List.copyOf(out);
        }

        void awaitOut(String what, Predicate<List<String>> condition, Duration timeout) {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .failFast("lanchat ended: " + this, () -> !process.isAlive())
                    .until(() -> condition.test(out()));
        }

        void awaitErr(String line, Duration timeout) {
            Awaitility.await("stderr: " + line).atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .failFast("lanchat ended: " + this, () -> !process.isAlive())
                    .until(() -> err.contains(line));
        }

        @Override
        public String toString() {
            return "\n--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
        }

        /** SIGTERM, as Ctrl-C would. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
