package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;

/**
 * What TLS writes while the appliance reads (an alert, the answer to a KeyUpdate) goes through a small buffer per
 * connection ({@link ServerTls#NON_APPLICATION_BUFFER_BYTES}). A client that keeps asking the appliance to update
 * its keys must still get every answer: the input tried is 3,000 pings over one connection from a JDK client whose
 * key limit is 4 KiB, so it sends a KeyUpdate that requests one back every hundred or so pings.
 */
class TlsKeyUpdateTest {
    private static final int PINGS = 3000;
    private static final Pattern KEY_UPDATE_FROM_APPLIANCE = Pattern.compile("Consuming KeyUpdate post-handshake message");

    @TempDir
    Path dir;

    @Test
    void aClientThatKeepsRequestingKeyUpdatesGetsEveryAnswerAndTheAppliancesNewKeys() throws Exception {
        Path limits = dir.resolve("key-limits.security");
        Files.writeString(limits, "jdk.tls.keyLimits=AES/GCM/NoPadding KeyUpdate 2^12, ChaCha20-Poly1305 KeyUpdate 2^12\n");
        Path output = dir.resolve("client.txt");
        try (RunningAppliance appliance = RunningAppliance.start(dir.resolve("data"), TestDatabase.h2(dir.resolve("data")))) {
            Process client = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Djava.security.properties=" + limits, "-Djavax.net.debug=ssl:handshake",
                    "-cp", System.getProperty("java.class.path"), KeyUpdatingClient.class.getName(),
                    "127.0.0.1", Integer.toString(appliance.port()), Integer.toString(PINGS))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = client.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                client.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            String tail = printed.substring(Math.max(0, printed.length() - 4000));
            assertThat(finished).as("the client finished within 2 minutes:\n%s", tail).isTrue();
            assertThat(client.exitValue()).as(tail).isZero();
            assertThat(printed).as(tail).contains("pongs " + PINGS);

            Matcher updates = KEY_UPDATE_FROM_APPLIANCE.matcher(printed);
            int fromAppliance = 0;
            while (updates.find()) {
                fromAppliance++;
            }
            assertThat(fromAppliance).as("KeyUpdates the appliance sent in answer:\n%s", tail).isGreaterThanOrEqualTo(10);
        }
    }
}
