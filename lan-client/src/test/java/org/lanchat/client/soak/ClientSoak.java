package org.lanchat.client.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.client.core.ClientHome;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.protocol.message.Conversation;

/**
 * The client soak of docs/PERFORMANCE.md: the real desktop app, in its own JVM with the launchers' options, on
 * a real X display (Xvfb), logged in to a real appliance on loopback, gets {@value #MESSAGES} messages across
 * {@value #CONVERSATIONS} conversations (the group and 19 private ones) at {@value #PER_SECOND} a second while
 * its resident set size is sampled. It passes when the RSS stays under {@value #LIMIT_MB} MB and is flat over
 * the second half (the last quarter's mean within 5 % of the third quarter's).
 *
 * <p>Not a test of its own (run it with {@code bench/client-soak.sh}, which starts Xvfb and passes
 * {@code -Dlanchat.soak}); without that it skips.
 */
class ClientSoak {
    static final int MESSAGES = 10_000;
    static final int CONVERSATIONS = 20;
    static final int PER_SECOND = 50;
    static final int LIMIT_MB = 300;
    private static final String USER = "soak";
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String[] EMOJI = {"\uD83D\uDE00", "\uD83D\uDC4D", "\uD83C\uDF89", "\u2615", "\uD83D\uDE4C",
            "\uD83D\uDCC5", "\uD83D\uDC40", "\uD83C\uDF82", "\uD83D\uDE4F", "\uD83D\uDE0A", "\uD83D\uDE80", "\u2764\uFE0F"};

    @TempDir
    Path dir;

    @Test
    void soak() throws Exception {
        String out = System.getProperty("lanchat.soak", "");
        assumeTrue(!out.isBlank(), "runs only from bench/client-soak.sh");
        Path report = Files.createDirectories(Path.of(out));
        List<String> jvmOptions = Arrays.stream(System.getProperty("lanchat.client.jvmOptions", "").split("\\s+"))
                .filter(o -> !o.isBlank()).toList();

        Path applianceDir = Files.createDirectories(dir.resolve("appliance"));
        try (RunningAppliance appliance = RunningAppliance.start(applianceDir, TestDatabase.h2(applianceDir))) {
            appliance.newUser(USER).close();
            List<TestClient> peers = new ArrayList<>();
            for (int i = 1; i <= CONVERSATIONS; i++) {
                peers.add(appliance.newUser(String.format("peer%02d", i)));
            }
            Path clientDir = Files.createDirectories(dir.resolve("client"));
            try (ClientHome home = ClientHome.open(clientDir, false, ClientOptions.DEFAULTS)) {
                home.pins().pin(ApplianceId.random(), "LAN Chat soak", appliance.fingerprint());
            }

            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            command.add(SoakClient.class.getName());
            command.add("--appliance=127.0.0.1:" + appliance.port());
            command.add("--no-discovery");
            command.add("--data-dir=" + clientDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LANCHAT_SOAK_USER", USER);
            builder.environment().put("LANCHAT_SOAK_PASSWORD", RunningAppliance.PASSWORD);
            Process client = builder.start();
            try {
                CountDownLatch loggedIn = new CountDownLatch(1);
                Path clientLog = report.resolve("client.log");
                Thread.ofPlatform().daemon().start(() -> copyOutput(client, clientLog, loggedIn));
                assertThat(loggedIn.await(120, TimeUnit.SECONDS)).as("the client logged in").isTrue();

                List<long[]> samples = new ArrayList<>();
                long start = System.nanoTime();
                histogram(client, report.resolve("histogram-start.txt"));
                long nextSample = 0;
                for (int n = 0; n < MESSAGES; n++) {
                    TestClient peer = peers.get(n % CONVERSATIONS);
                    Conversation to = n % CONVERSATIONS == 0 ? Conversation.GROUP : Conversation.with(USER);
                    peer.send(to, "message " + n + " from " + peer.username() + " " + EMOJI[n % EMOJI.length]
                            + (n % 7 == 0 ? " see https://intranet.example.org/tickets/" + n : ""));
                    long due = start + TimeUnit.SECONDS.toNanos(1) * (n + 1) / PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a result
                    }
                    if (System.nanoTime() - start >= nextSample) {
                        samples.add(new long[] {elapsedSeconds(start), rssKb(client), n + 1});
                        nextSample += TimeUnit.SECONDS.toNanos(2);
                    }
                    if (n == MESSAGES / 2) {
                        histogram(client, report.resolve("histogram-middle.txt"));
                    }
                }
                long settleEnd = System.nanoTime() + SETTLE.toNanos();
                while (System.nanoTime() < settleEnd) {
                    TimeUnit.SECONDS.sleep(2); // sampling period
                    samples.add(new long[] {elapsedSeconds(start), rssKb(client), MESSAGES});
                }
                histogram(client, report.resolve("histogram-end.txt"));
                judge(samples, report.resolve("report.txt"), String.join(" ", jvmOptions));
            } finally {
                client.destroy();
                client.waitFor(10, TimeUnit.SECONDS);
                client.destroyForcibly();
                peers.forEach(TestClient::close);
            }
        }
    }

    private static long elapsedSeconds(long start) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    private static void judge(List<long[]> samples, Path report, String jvmOptions) throws IOException {
        long maxKb = samples.stream().mapToLong(s -> s[1]).max().orElseThrow();
        int n = samples.size();
        double third = mean(samples.subList(n / 2, 3 * n / 4));
        double last = mean(samples.subList(3 * n / 4, n));
        double growth = (last - third) / third;
        StringBuilder text = new StringBuilder();
        text.append("client soak: ").append(MESSAGES).append(" messages across ").append(CONVERSATIONS)
                .append(" conversations at ").append(PER_SECOND).append("/s, JVM options: ").append(jvmOptions).append('\n');
        text.append("seconds  rss_mb  messages\n");
        for (long[] s : samples) {
            text.append(String.format("%7d  %6.1f  %8d%n", s[0], s[1] / 1024.0, s[2]));
        }
        text.append(String.format("max RSS %.1f MB (limit %d MB); third quarter mean %.1f MB, last quarter mean %.1f MB (%+.1f %%)%n",
                maxKb / 1024.0, LIMIT_MB, third / 1024, last / 1024, growth * 100));
        boolean pass = maxKb < LIMIT_MB * 1024L && growth < 0.05;
        text.append(pass ? "PASS" : "FAIL").append('\n');
        Files.writeString(report, text);
        System.out.print(text);
        assertThat(maxKb).as("peak RSS in KB").isLessThan(LIMIT_MB * 1024L);
        assertThat(growth).as("growth over the second half").isLessThan(0.05);
    }

    private static double mean(List<long[]> samples) {
        return samples.stream().mapToLong(s -> s[1]).average().orElseThrow();
    }

    private static long rssKb(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the client is gone", e);
        }
        throw new AssertionError("no VmRSS for the client");
    }

    /** The client's heap by class (top 25), with jcmd from the JDK that runs this: what grows, if anything. */
    private static void histogram(Process process, Path file) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            output = reader.lines().limit(28).collect(Collectors.joining("\n"));
        }
        run.waitFor(60, TimeUnit.SECONDS);
        // Right after the histogram's full collection: the live set, and what the heap has committed.
        Process info = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info")
                .redirectErrorStream(true).start();
        String heap = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor(60, TimeUnit.SECONDS);
        Files.writeString(file, output + "\n\n" + heap);
    }

    private static void copyOutput(Process process, Path log, CountDownLatch loggedIn) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains(SoakClient.LOGGED_IN)) {
                    loggedIn.countDown();
                }
                lines.add(line);
                if (lines.size() % 50 == 0 || line.contains(SoakClient.LOGGED_IN)) {
                    Files.write(log, lines);
                }
            }
            Files.write(log, lines);
        } catch (IOException e) {
            // The client ended; what it wrote so far is in the log.
        }
    }

}
