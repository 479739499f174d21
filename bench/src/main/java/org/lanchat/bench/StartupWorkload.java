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
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.lanchat.bench.report.ResultTable.Row;

/**
 * W8: how long the appliance takes from {@code java -jar lanchat-appliance.jar} to its "ready" line, on a data
 * directory an earlier start created (the everyday restart), without and with the JDK's AOT cache (JDK 25 and newer)
 * that the Debian package records at installation. The starts alternate between the two, so drift on the machine
 * affects both alike. The appliance runs on loopback without advertising: announcing over mDNS takes its own fixed
 * time (probing, RFC 6762) after this, and the bench sends nothing onto the LAN.
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
        List<Double> plain = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            plain.add(startToReady(jar, dataDir, List.of()));
            if (aot) {
                cached.add(startToReady(jar, dataDir, List.of("-XX:AOTCache=" + cache)));
            }
            log("  start " + (i + 1) + ": " + Stats.number(plain.getLast(), 0) + " ms"
                    + (aot ? ", with the AOT cache " + Stats.number(cached.getLast(), 0) + " ms" : ""));
        }
        runner.noteLoad("W8 start: " + before + " -> " + loadAverage());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("firstStartMillis", fresh);
        raw.put("startMillis", plain);
        raw.put("aotCacheStartMillis", cached);
        runner.raw("W8 start", raw);
        String metric = "java -jar → \"ready\" line, existing data dir, ms: median / min (" + starts + " starts, loopback, no mDNS)";
        rows.add(row(metric, plain));
        rows.add(aot ? row("the same with the JDK's AOT cache (-XX:AOTCache, as the Debian package starts it)", cached)
                : new Row("W8 start", "the same with the JDK's AOT cache", "n/a: needs JDK " + AOT_FEATURE + "+",
                        "-", "-", "-", "-", "≤ 2,000", "-"));
        rows.add(new Row("W8 start", "first start on a new data dir (schema, certificate), ms", Stats.number(fresh, 0),
                "-", "-", "-", "-", "-", "-"));
    }

    private static Row row(String metric, List<Double> millis) {
        OptionalDouble median = Stats.median(millis);
        double min = millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return new Row("W8 start", metric, Stats.number(median, 0) + " / " + Stats.number(min, 0), "-", "-", "-", "-",
                "≤ 2,000", median.isPresent() && median.getAsDouble() <= TARGET_MILLIS ? "met" : "missed");
    }

    /** The command the README gives, on this bench's own java, with {@code jvmOptions} in front of {@code -jar}. */
    private static List<String> command(Path jar, Path dataDir, List<String> jvmOptions, String... more) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
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
        ProcessBuilder builder = new ProcessBuilder(command(jar, dataDir, jvmOptions)).redirectErrorStream(true);
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
        Process process = new ProcessBuilder(command(jar, dataDir, List.of("-XX:AOTCacheOutput=" + cache), "--exit-when-ready"))
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
