package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * {@code docs/examples/lanchat_spec_client.py} is a client written from docs/PROTOCOL.md alone, in Python with its
 * standard library only, by someone who read nothing else of LAN Chat: pinning, framing, the session states, group,
 * private and room messages, idempotent resends, history, catch-up, offline delivery, avatars, read marks,
 * presence, search, and the errors and limits for bad input. Run here against the real appliance with the limits
 * as shipped (loopback not exempt), it fails CI when the appliance stops doing what the spec says.
 */
@Tag("slow")
class SpecOnlyClientTest {
    private static final Path SCRIPT = Path.of("..", "docs", "examples", "lanchat_spec_client.py");
    private static final Pattern SUMMARY = Pattern.compile("(?m)^summary: (\\d+) passed, (\\d+) failed, (\\d+) skipped$");

    @TempDir
    Path dir;

    @Test
    void aClientWrittenFromTheSpecAlonePassesEveryCheckAgainstTheAppliance() throws Exception {
        requirePython();
        Path output = dir.resolve("spec-client.txt");
        try (RunningAppliance appliance = RunningAppliance.start(dir, TestDatabase.h2(dir),
                config -> config.rateLimits(RateLimits.DEFAULTS))) {
            Process client = new ProcessBuilder("python3", SCRIPT.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(appliance.port()), "--fingerprint", appliance.fingerprint().hex(),
                    "--prefix", "spec")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = client.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                client.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("the scenario ended within 5 minutes:\n%s", printed).isTrue();

            Matcher summary = SUMMARY.matcher(printed);
            assertThat(summary.find()).as("the scenario printed its summary:\n%s", printed).isTrue();
            assertThat(printed).as("no check failed").doesNotContain("FAIL ");
            assertThat(Integer.parseInt(summary.group(2))).as(printed).isZero();
            assertThat(Integer.parseInt(summary.group(3))).as("this appliance has every feature the checks need:\n%s",
                    printed).isZero();
            assertThat(Integer.parseInt(summary.group(1))).as("every check ran:\n%s", printed).isGreaterThanOrEqualTo(60);
            assertThat(client.exitValue()).as(printed).isZero();
        }
    }

    private static void requirePython() throws InterruptedException {
        boolean present;
        try {
            present = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            present = false;
        }
        if (!present) {
            String message = "python3 is not installed (apt-get install python3)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
    }
}
