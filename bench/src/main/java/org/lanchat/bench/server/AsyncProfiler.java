package org.lanchat.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * async-profiler attached to a running server JVM with {@code jcmd JVMTI.agent_load}. It samples CPU
 * time ({@code itimer}: works in a VM without hardware counters) including native frames such as the
 * socket writes that JFR cannot see. The library comes from the {@code tools.profiler:async-profiler}
 * artifact on the bench's classpath.
 */
public final class AsyncProfiler {
    private final long pid;
    private final Path library;

    private AsyncProfiler(long pid, Path library) {
        this.pid = pid;
        this.library = library;
    }

    /**
     * Starts sampling {@code pid} every millisecond of CPU time, with a stack per thread; with
     * {@code LANCHAT_BENCH_PROFILE_EVENT=wall}, every 5 ms of wall-clock time, waiting threads included; with
     * {@code =alloc}, the stacks that allocate on the heap.
     */
    public static AsyncProfiler start(long pid, Path workDir) throws IOException {
        Path library = workDir.resolve("libasyncProfiler.so");
        if (!Files.exists(library)) {
            try (InputStream in = AsyncProfiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
                if (in == null) {
                    throw new IOException("async-profiler's linux-x64 library is not on the classpath");
                }
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        AsyncProfiler profiler = new AsyncProfiler(pid, library);
        // LANCHAT_BENCH_PROFILE_EVENT=wall samples where each thread waits too (e.g. the commit path's fdatasync).
        String event = System.getenv().getOrDefault("LANCHAT_BENCH_PROFILE_EVENT", "itimer");
        // LANCHAT_BENCH_PROFILE_EVENT=alloc samples allocations (every 512 KiB by default; the stacks weigh bytes).
        String interval = switch (event) {
            case "wall" -> ",interval=5ms";
            case "alloc" -> "";
            default -> ",interval=1ms";
        };
        profiler.command("start,event=" + event + interval + ",threads");
        return profiler;
    }

    /** Stops sampling and writes a flame graph ({@code base.html}) and collapsed stacks ({@code base.collapsed}). */
    public void stop(Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        command("dump,file=" + base.toAbsolutePath() + ".html");
        command("stop,file=" + base.toAbsolutePath() + ".collapsed,collapsed");
    }

    private void command(String arguments) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        // Quoted: jcmd's own parser would otherwise split async-profiler's comma-separated options.
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load", library.toString(),
                        "\"" + arguments + "\"")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.toLowerCase(java.util.Locale.ROOT).contains("error")) {
                throw new IOException("async-profiler '" + arguments + "' failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
