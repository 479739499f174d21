package org.lanchat.reliability.participant;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.reliability.invariant.InvariantChecker;

/** The test's handle on a {@link ParticipantProcess}: start it (optionally inside a namespace), stop, continue, ask. */
public final class ClientProcess implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedDeque<String> output = new ConcurrentLinkedDeque<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private ClientProcess(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.addLast(line);
                    while (output.size() > 100) {
                        output.pollFirst();
                    }
                    if (line.equals("READY")) {
                        ready.complete(null);
                    } else if (line.startsWith("SNAPSHOT ") || line.startsWith("QUEUED ")) {
                        replies.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("participant process ended: " + String.join("\n", output)));
        });
    }

    /** @param prefix a command to run it under, e.g. {@code ip netns exec NAME}; empty for none */
    public static ClientProcess start(List<String> prefix, Endpoint where, String user) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ParticipantProcess.class.getName(),
                "--host", where.host(), "--port", Integer.toString(where.port()), "--fingerprint", where.pin().hex(),
                "--user", user, "--password", RunningAppliance.PASSWORD));
        ClientProcess client = new ClientProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            client.ready.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        return client;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: the process freezes; its sockets stay open and the kernel keeps buffering for it. */
    public void freeze() throws Exception {
        signal("STOP");
    }

    /** SIGCONT. */
    public void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    public void send(int count) throws Exception {
        command("SEND " + count);
        expect("QUEUED");
    }

    public InvariantChecker.Snapshot snapshot(Path file) throws Exception {
        command("SNAPSHOT " + file);
        expect("SNAPSHOT");
        return new ObjectMapper().readValue(file.toFile(), InvariantChecker.Snapshot.class);
    }

    private void command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    private void expect(String prefix) throws InterruptedException {
        String reply = replies.poll(4, TimeUnit.MINUTES);
        if (reply == null || !reply.startsWith(prefix)) {
            throw new AssertionError("participant process answered " + reply + "; output: " + String.join("\n", output));
        }
    }

    @Override
    public void close() {
        try {
            signal("CONT");
        } catch (Exception ignored) {
            // not stopped, or gone
        }
        process.destroyForcibly();
    }
}
