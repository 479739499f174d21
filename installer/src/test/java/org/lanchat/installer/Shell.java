package org.lanchat.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the commands an administrator would type, with a time limit, and keeps what they printed. */
final class Shell {
    /** What a finished command printed (standard output and error, interleaved) and its exit status. */
    record Result(List<String> command, int exit, String output) {
        /** Fails, quoting the command and its output, unless it exited 0. */
        Result ok() {
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + output);
            }
            return this;
        }
    }

    private Shell() {
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), command);
    }

    static Result run(Duration timeout, Map<String, String> environment, String... command) {
        Path output = null;
        try {
            // Output to a file, not a pipe: reading a pipe would block past the timeout of a hung command.
            output = Files.createTempFile("installer-cmd", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            // As sudo's secure_path: the admin commands live in /usr/sbin.
            builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(List.of(command), process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** Runs {@code script} with {@code sh -c}, for the pipes an administrator types. */
    static Result sh(Duration timeout, String script) {
        return run(timeout, "sh", "-c", script);
    }
}
