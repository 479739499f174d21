package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The appliance as its own process, stopped the way systemd stops it: SIGTERM, then exit code 0. */
@Tag("slow")
class ShutdownProcessTest {
    private static final Pattern READY = Pattern.compile("ready on port (\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("Certificate fingerprint SHA-256 ([0-9A-F:]+)");

    @TempDir
    Path dir;

    @Test
    void sigtermTellsClientsCommitsAndExitsWithZero() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.lanchat.appliance.Main", "--data-dir", dir.toString(), "--port", "0", "--bind", "127.0.0.1", "--no-advertise")
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        String[] fingerprint = new String[1];
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher fp = FINGERPRINT.matcher(line);
                    if (fp.find()) {
                        fingerprint[0] = fp.group(1);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(new int[] {Integer.parseInt(m.group(1))});
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("the appliance exited before it was ready: " + output));
        });
        try {
            int port = ready.get(60, TimeUnit.SECONDS)[0];
            TestClient client = TestClient.connect(port, new CertificateFingerprint(fingerprint[0]));
            client.hello();
            client.register("alice", RunningAppliance.PASSWORD);
            ConversationMessage.Ack ack = client.send(Conversation.GROUP, "last words");
            assertThat(ack.seq()).isEqualTo(1);

            process.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(reader.join(Duration.ofSeconds(10))).as("output fully read").isTrue();
            assertThat(client.await(SessionMessage.Bye.class, b -> true).reason()).isEqualTo(ErrorCode.SHUTTING_DOWN);
            client.awaitClosed();
            assertThat(output).anyMatch(l -> l.contains("Shut down cleanly"));
            assertThat(output).noneMatch(l -> l.contains(RunningAppliance.PASSWORD));
        } finally {
            process.destroyForcibly();
        }
    }
}
