package org.lanchat.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A generator in its own JVM, so the bench driver's and the server's work never share its heap or
 * threads, and several can split 19,000 connections under the per-process file limit.
 */
public final class GeneratorProcess implements AutoCloseable {
    private final Process process;
    private final Path resultFile;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Path log;

    private GeneratorProcess(Process process, Path resultFile, Path log) {
        this.process = process;
        this.resultFile = resultFile;
        this.log = log;
        Thread.ofPlatform().daemon(true).name("generator-output").start(this::pump);
    }

    public static GeneratorProcess start(RunSpec spec, Path workDir, String name, List<String> jvmOptions) throws IOException {
        Files.createDirectories(workDir);
        Path specFile = workDir.resolve(name + "-spec.json");
        Path resultFile = workDir.resolve(name + "-result.json");
        Files.deleteIfExists(resultFile);
        GeneratorMain.JSON.writerWithDefaultPrettyPrinter().writeValue(specFile.toFile(), spec);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GeneratorMain.class.getName(),
                specFile.toString(), resultFile.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new GeneratorProcess(p, resultFile, workDir.resolve(name + ".log"));
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.equals("READY")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended; its exit code tells the rest
        }
        ready.countDown();
    }

    /** Waits until every member is connected (or the process gave up). */
    public boolean awaitReady(long timeoutSeconds) throws InterruptedException {
        return ready.await(timeoutSeconds, TimeUnit.SECONDS) && process.isAlive();
    }

    /** Ends a hold: the generator closes its connections and reports. */
    public void release() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    public RunResult awaitResult(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("generator did not finish within " + timeoutSeconds + " s; see " + log);
        }
        if (process.exitValue() != 0 || !Files.exists(resultFile)) {
            throw new IOException("generator failed (exit " + process.exitValue() + "); see " + log);
        }
        return GeneratorMain.JSON.readValue(resultFile.toFile(), RunResult.class);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
