package org.lanchat.discovery.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A JVM running one of the test mains inside a network namespace. Its stdout is read as
 * {@link ChildEvent}s; its stderr (logs) goes to a file under {@code target/netns-logs} that failure
 * messages quote.
 */
public final class ChildJvm implements AutoCloseable {
    private final String label;
    private final Process process;
    private final Path log;
    private final List<ChildEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean stdoutClosed;

    ChildJvm(String label, List<String> command, Path log) {
        this.label = label;
        this.log = log;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("child-" + label).start(this::readEvents);
    }

    private void readEvents() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                ChildEvent.parse(line).ifPresent(events::add);
            }
        } catch (IOException e) {
            // The process ended; the events so far are all there will be.
        } finally {
            stdoutClosed = true;
        }
    }

    public String label() {
        return label;
    }

    public List<ChildEvent> events() {
        return List.copyOf(events);
    }

    /** Waits for the first event of {@code type} matching {@code condition}; fails with the child's story. */
    public ChildEvent await(String type, Predicate<ChildEvent> condition, Duration timeout) {
        return awaitMatching("'" + type + "'", event -> event.type().equals(type) && condition.test(event), timeout);
    }

    /** Waits for the first event matching; {@code what} describes it for the failure message. */
    public ChildEvent awaitMatching(String what, Predicate<ChildEvent> wanted, Duration timeout) {
        try {
            Awaitility.await(label + " " + what).atMost(timeout).pollInterval(Duration.ofMillis(25))
                    .until(() -> find(wanted).isPresent() || stdoutClosed);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + ": no " + what + " event as expected within " + timeout + describe(), e);
        }
        return find(wanted).orElseThrow(() -> new AssertionError(
                label + " closed its output without the " + what + " event expected" + describe()));
    }

    public ChildEvent await(String type, Duration timeout) {
        return await(type, event -> true, timeout);
    }

    /** The first event of {@code type} a finished child printed; fails with the child's story if none. */
    public ChildEvent event(String type) {
        return find(event -> event.type().equals(type)).orElseThrow(() -> new AssertionError(
                label + " printed no '" + type + "' event" + describe()));
    }

    public Optional<ChildEvent> find(Predicate<ChildEvent> condition) {
        return events.stream().filter(condition).findFirst();
    }

    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(label + " is not listening", e);
        }
    }

    /** SIGTERM: the child's shutdown hooks run (the advertiser says goodbye). */
    public void terminate(Duration timeout) {
        // Through the handle: Process.destroy() would also close our end of the child's stdout (losing what
        // it prints while shutting down) and its stdin (which the mains read as "stop").
        process.toHandle().destroy();
        awaitExit(timeout);
    }

    /** SIGKILL: no goodbye, no clean-up, as in a power cut. */
    public void kill() {
        process.toHandle().destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(label + " did not exit within " + timeout + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        // The reader thread may still be taking the last lines.
        Awaitility.await(label + " output").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> stdoutClosed);
        return process.exitValue();
    }

    /** The child's log (its stderr) so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    public String describe() {
        StringBuilder text = new StringBuilder("\n  exit: ").append(process.isAlive() ? "running" : process.exitValue())
                .append("\n  events: ").append(events);
        try {
            List<String> lines = Files.readAllLines(log);
            text.append("\n  last log lines (").append(log).append("):");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> text.append("\n    ").append(l));
        } catch (IOException e) {
            text.append("\n  (no log: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
