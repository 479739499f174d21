package org.lanchat.appliance.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The real appliance ({@code org.lanchat.appliance.Main}) as a child process, so a test can kill it with
 * SIGKILL and start it again on the same data. Always on 127.0.0.1, never advertising. Its output is kept
 * in a log file under {@code target/reliability/} for post-mortems.
 */
public final class ApplianceProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready on port (\\d+)");
    /** An appliance serving alone logs its own; a member of a cluster, the cluster's (which it presents). */
    private static final Pattern FINGERPRINT = Pattern.compile("[Ff]ingerprint SHA-256 ([0-9A-F:]+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private final TestDatabase database;
    private final List<String> extraArgs;
    private final List<String> jvmOptions = new ArrayList<>();
    private final String heap;
    private final Path logFile;
    private final ConcurrentLinkedDeque<String> recent = new ConcurrentLinkedDeque<>();
    private Process process;
    private String umask;
    private List<String> launcher = List.of();
    private String bindAddress = "127.0.0.1";
    private String databaseUrl;
    private int port;
    private CertificateFingerprint fingerprint;
    private int starts;
    /** Where this instance's part of the (appended) log file begins. */
    private long logStart = -1;

    /**
     * @param database  null for the embedded H2 database in {@code dataDir}
     * @param extraArgs more command-line options (e.g. {@code --idle-timeout 5})
     */
    public ApplianceProcess(Path dataDir, TestDatabase database, String heap, List<String> extraArgs, String logName) {
        this.dataDir = dataDir;
        this.database = database;
        this.heap = heap;
        this.extraArgs = List.copyOf(extraArgs);
        this.logFile = Path.of(System.getProperty("lanchat.reliability.dir", "target/reliability"), logName + ".log");
    }

    /** Starts the JVM from a shell that first sets this umask (e.g. {@code 000}), as a careless launcher might. */
    public ApplianceProcess underUmask(String mask) {
        umask = mask;
        return this;
    }

    /**
     * Runs the appliance inside a network namespace ({@code exec} is the command prefix that enters it, e.g.
     * {@code ip netns exec NAME}), listening on {@code bindAddress} there.
     */
    public ApplianceProcess inNamespace(List<String> exec, String bindAddress) {
        this.launcher = List.copyOf(exec);
        this.bindAddress = bindAddress;
        return this;
    }

    /** Reaches the database at this JDBC URL instead of the test database's own (e.g. through a proxy). */
    public ApplianceProcess databaseUrl(String url) {
        this.databaseUrl = url;
        return this;
    }

    /** Adds a JVM option (e.g. {@code -XX:MaxDirectMemorySize=64m}) for the next start and those after it. */
    public ApplianceProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Leaves a JVM option given by {@link #jvmOption} out of the next start and those after it. */
    public ApplianceProcess dropJvmOption(String option) {
        jvmOptions.remove(option);
        return this;
    }

    /** Starts on a free port (first start) or on the port it had before (restart), and waits until it is ready. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.lanchat.appliance.Main", "--data-dir", dataDir.toString(), "--bind", bindAddress,
                "--port", Integer.toString(port), "--no-advertise",
                // Every client of a test appliance is on this machine, many at load-test rates (the storm opens
                // thousands of connections from 127.0.0.1); the limits' own tests start appliances of their own.
                "--exempt-loopback-from-limits"));
        if (database != null) {
            command.addAll(List.of("--database", databaseUrl != null ? databaseUrl : database.jdbcUrl()));
            if (database.user() != null) {
                command.addAll(List.of("--database-user", database.user()));
            }
        }
        command.addAll(extraArgs);
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        String[] fp = new String[1];
        try {
            Files.createDirectories(logFile.getParent());
            if (logStart < 0) {
                logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            }
            List<String> launch = new ArrayList<>(launcher);
            launch.addAll(command);
            if (umask != null) {
                launch.addAll(0, List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
            }
            ProcessBuilder builder = new ProcessBuilder(launch).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("LANCHAT_"));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the appliance", e);
        }
        int run = ++starts;
        Process current = process;
        Thread.ofVirtual().name("appliance-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(current.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
                log.println("----- start " + run + ": " + String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size())));
                String line;
                while ((line = lines.readLine()) != null) {
                    log.println(line);
                    recent.addLast(line);
                    while (recent.size() > 200) {
                        recent.pollFirst();
                    }
                    Matcher f = FINGERPRINT.matcher(line);
                    if (f.find()) {
                        fp[0] = f.group(1);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the appliance exited before it was ready: " + tail()));
        });
        try {
            port = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the appliance did not become ready: " + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        CertificateFingerprint now = new CertificateFingerprint(fp[0]);
        if (fingerprint != null && !fingerprint.equals(now)) {
            throw new IllegalStateException("the certificate changed across a restart");
        }
        fingerprint = now;
    }

    /** SIGKILL: no shutdown hook, no goodbye, nothing flushed that was not already. Waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the orderly shutdown. */
    public void stop() {
        process.toHandle().destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the appliance did not exit: " + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** Resident memory of the process now and at its peak so far, from /proc (Linux), in KiB. */
    public record Memory(long rssKib, long peakRssKib) {
    }

    public Memory memory() {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new Memory(rss, peak);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the appliance's memory use", e);
        }
    }

    /** Whether anything this instance printed (in any of its starts) contains {@code text}. */
    public boolean logMentions(String text) {
        return logLinesWith(text) > 0;
    }

    /** How many lines this instance printed (in any of its starts) contain {@code text}. */
    public long logLinesWith(String text) {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(Math.max(0, logStart), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + logFile, e);
        }
    }

    /** The last lines it printed, for failure messages. */
    public String tail() {
        List<String> lines = new ArrayList<>(recent);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Lines printed so far that contain {@code text} (from the last 200). */
    public long countLines(String text) {
        return recent.stream().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
