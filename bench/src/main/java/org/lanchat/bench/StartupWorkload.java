package org.lanchat.bench;

import static org.lanchat.bench.Progress.loadAverage;
import static org.lanchat.bench.Progress.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lanchat.bench.report.ResultTable.Row;

/**
 * W8: how long the appliance takes from {@code java -jar lanchat-appliance.jar} to its "ready" line, on a data
 * directory an earlier start created (the everyday restart), without and with the JDK's AOT cache (JDK 25 and newer)
 * that the Debian package records at installation. The starts alternate between the two, so drift on the machine
 * affects both alike. The appliance runs on loopback without advertising: announcing over mDNS takes its own fixed
 * time (probing, RFC 6762) after this, and the bench sends nothing onto the LAN.
 *
 * <p>Where a Java older than 21 is installed in {@code /usr/lib/jvm} (Debian 12's default is 17) it also times the
 * README's command on that one: the jar's launcher starts the appliance again on this bench's JDK, with the start-up
 * archive it keeps beside the jar, which one start before the series writes.
 *
 * <p>Then the desktop client's app image, where it has been built ({@link DesktopStartup}).
 */
record StartupWorkload(BenchOptions o, Runner runner, List<Row> rows) {
    /** The jar the README runs, relative to the repository root where bench/run.sh starts the bench. */
    static final Path APPLIANCE_JAR = Path.of("appliance", "target", "lanchat-appliance.jar");
    private static final String READY = "ready on port";
    private static final int AOT_FEATURE = 25;
    private static final double TARGET_MILLIS = 2000;

    void run() throws Exception {
        Path jar = APPLIANCE_JAR.toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build it with mvn -pl appliance -am package -DskipTests");
        }
        int starts = o.quick() ? 3 : 7;
        boolean aot = Runtime.version().feature() >= AOT_FEATURE;
        Path work = Files.createDirectories(runner.work().resolve("w8"));
        Path dataDir = work.resolve("data");
        String before = loadAverage();
        log("W8 start, " + starts + " starts each without and with the AOT cache" + (aot ? "" : " (no cache: needs JDK 25+)"));
        double fresh = startToReady(jar, dataDir, List.of());
        log("  first start (new data directory): " + Stats.number(fresh, 0) + " ms");
        Path cache = work.resolve("lanchat-appliance.aot");
        if (aot) {
            train(jar, work.resolve("training"), cache);
        }
        Optional<Path> older = olderJava();
        if (older.isPresent()) {
            startToReady(older.get(), jar, dataDir, List.of()); // writes the archive beside the jar, as it stops
        }
        List<Double> plain = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> relaunched = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            plain.add(startToReady(jar, dataDir, List.of()));
            if (aot) {
                cached.add(startToReady(jar, dataDir, List.of("-XX:AOTCache=" + cache)));
            }
            if (older.isPresent()) {
                relaunched.add(startToReady(older.get(), jar, dataDir, List.of()));
            }
            log("  start " + (i + 1) + ": " + Stats.number(plain.getLast(), 0) + " ms"
                    + (aot ? ", with the AOT cache " + Stats.number(cached.getLast(), 0) + " ms" : "")
                    + (older.isPresent() ? ", on " + older.get() + " " + Stats.number(relaunched.getLast(), 0) + " ms" : ""));
        }
        runner.noteLoad("W8 start: " + before + " -> " + loadAverage());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("firstStartMillis", fresh);
        raw.put("startMillis", plain);
        raw.put("aotCacheStartMillis", cached);
        raw.put("olderJavaStartMillis", relaunched);
        runner.raw("W8 start", raw);
        String metric = "java -jar → \"ready\" line, existing data dir, ms: median / min (" + starts + " starts, loopback, no mDNS)";
        rows.add(row(metric, plain));
        rows.add(aot ? row("the same with the JDK's AOT cache (-XX:AOTCache, as the Debian package starts it)", cached)
                : new Row("W8 start", "the same with the JDK's AOT cache", "n/a: needs JDK " + AOT_FEATURE + "+",
                        "-", "-", "-", "-", "≤ 2,000", "-"));
        if (older.isPresent()) {
            rows.add(row("the same with java " + older.get().getParent().getParent().getFileName()
                    + " as java: the launcher's second JVM, with its start-up archive", relaunched));
        }
        rows.add(new Row("W8 start", "first start on a new data dir (schema, certificate), ms", Stats.number(fresh, 0),
                "-", "-", "-", "-", "-", "-"));
        rows.addAll(DesktopStartup.measure(o.quick() ? 3 : 5, runner));
    }

    private static Row row(String metric, List<Double> millis) {
        OptionalDouble median = Stats.median(millis);
        double min = millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return new Row("W8 start", metric, Stats.number(median, 0) + " / " + Stats.number(min, 0), "-", "-", "-", "-",
                "≤ 2,000", median.isPresent() && median.getAsDouble() <= TARGET_MILLIS ? "met" : "missed");
    }

    /** This bench's own java, which the README's command runs as {@code java}. */
    private static Path thisJava() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    /** A {@code java} older than 21 in /usr/lib/jvm, as Debian 12's default 17, on which the jar's launcher relaunches. */
    private static Optional<Path> olderJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && !Files.isSymbolicLink(home))
                    .filter(home -> feature(home.resolve("release")) >= 8 && feature(home.resolve("release")) < 21)
                    .sorted().map(home -> home.resolve("bin/java")).findFirst();
        }
    }

    /** JAVA_VERSION's feature number in a JDK's release file, 0 if unreadable. */
    private static int feature(Path release) {
        try {
            return Files.readAllLines(release).stream().filter(line -> line.startsWith("JAVA_VERSION=\""))
                    .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The command the README gives, on {@code java}, with {@code jvmOptions} in front of {@code -jar}. */
    private static List<String> command(Path java, Path jar, Path dataDir, List<String> jvmOptions, String... more) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
                "--port", "0", "--no-advertise"));
        command.addAll(List.of(more));
        return command;
    }

    /**
     * Starts the appliance, reads its output until the ready line, and returns the milliseconds from starting the
     * process to that line; then stops it with SIGTERM, as systemd would, and waits for it to exit.
     */
    static double startToReady(Path jar, Path dataDir, List<String> jvmOptions) throws IOException, InterruptedException {
        return startToReady(thisJava(), jar, dataDir, jvmOptions);
    }

    /** The same on {@code java}; one older than 21 finds this bench's JDK through JAVA_HOME and starts it. */
    private static double startToReady(Path java, Path jar, Path dataDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(java, jar, dataDir, jvmOptions)).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", thisJava().getParent().getParent().toString());
        List<String> output = new ArrayList<>();
        long started = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.contains(READY)) {
                    double millis = (System.nanoTime() - started) / 1e6;
                    // SIGTERM; destroy() also closes this end of the pipe, so the shutdown's lines never block it.
                    process.destroy();
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        throw new IOException("the appliance did not stop within a minute after SIGTERM");
                    }
                    return millis;
                }
            }
        } finally {
            process.destroyForcibly();
        }
        throw new IOException("the appliance exited with " + process.waitFor() + " before it was ready:\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
    }

    /** The Debian package's training run: start on a throwaway data dir, exit once ready; the JVM writes the cache. */
    private static void train(Path jar, Path dataDir, Path cache) throws IOException, InterruptedException {
        Path log = dataDir.resolveSibling("training.log");
        Process process = new ProcessBuilder(command(thisJava(), jar, dataDir, List.of("-XX:AOTCacheOutput=" + cache), "--exit-when-ready"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the AOT training run took longer than 5 minutes; see " + log);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(cache)) {
            throw new IOException("the AOT training run failed (exit " + process.exitValue() + "); see " + log);
        }
        log("  AOT cache recorded: " + Files.size(cache) / (1024 * 1024) + " MiB");
    }
}
