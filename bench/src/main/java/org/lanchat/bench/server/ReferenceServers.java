package org.lanchat.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference servers, each started fresh for a measurement so /proc shows its CPU time and memory
 * alone: nats-server (core NATS, optionally TLS with a throw-away certificate; or JetStream on a file
 * store, the durable reference for private messages) and Mosquitto (no
 * queue or in-flight limits, TCP_NODELAY like the others, no persistence, no logging).
 */
public final class ReferenceServers {
    public static final Path NATS_BINARY = Path.of("/usr/sbin/nats-server");
    public static final Path MOSQUITTO_BINARY = Path.of("/usr/sbin/mosquitto");

    private ReferenceServers() {
    }

    public static boolean natsInstalled() {
        return Files.isExecutable(NATS_BINARY);
    }

    public static boolean mosquittoInstalled() {
        return Files.isExecutable(MOSQUITTO_BINARY);
    }

    public static ServerProcess nats(Path workDir, boolean tls) throws IOException {
        Files.createDirectories(workDir);
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(NATS_BINARY.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)));
        if (tls) {
            Path cert = workDir.resolve("nats-cert.pem");
            Path key = workDir.resolve("nats-key.pem");
            selfSignedCertificate(cert, key);
            command.addAll(List.of("--tls", "--tlscert", cert.toString(), "--tlskey", key.toString()));
        }
        Path log = workDir.resolve("nats-" + port + ".log");
        Process p = ServerProcess.launch(command, log);
        ServerProcess.awaitPort("nats-server", p, port, log, Duration.ofSeconds(20));
        return new ServerProcess(tls ? "NATS (TLS)" : "NATS", p, port, log);
    }

    /**
     * nats-server with JetStream on a file store of its own, one stream {@code PRIVATE} over every private inbox
     * subject {@code p.>}, and per member a durable push consumer that hands what was stored under {@code p.<i>} to
     * {@code d.<i>}, where that member listens: the inbox a chat built on JetStream would give each user.
     *
     * <p>Its sync policy is JetStream's default: it writes each message to its block file as it stores it and fsyncs
     * those files every two minutes. NATS 2.10 made that interval configurable ({@code sync_interval: always} fsyncs
     * every write); the 2.9 server installed here refuses the option, so the bench cannot measure that setting.
     */
    public static ServerProcess jetStream(Path workDir, int members) throws IOException {
        Files.createDirectories(workDir);
        int port = ServerProcess.freePort();
        Path store = Files.createDirectories(workDir.resolve("jetstream-" + port));
        Path config = workDir.resolve("jetstream-" + port + ".conf");
        Files.writeString(config, String.join("\n",
                "listen: 127.0.0.1:" + port,
                "jetstream {",
                "  store_dir: \"" + store.toAbsolutePath() + "\"",
                "}",
                ""));
        Path log = workDir.resolve("jetstream-" + port + ".log");
        Process p = ServerProcess.launch(List.of(NATS_BINARY.toString(), "-c", config.toString()), log);
        ServerProcess server = new ServerProcess("NATS JetStream", p, port, log);
        try {
            ServerProcess.awaitPort("nats-server (JetStream)", p, port, log, Duration.ofSeconds(20));
            JetStreamInboxes.create("nats://127.0.0.1:" + port, members);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public static ServerProcess mosquitto(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        int port = ServerProcess.freePort();
        Path config = workDir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "max_queued_messages 0",
                "max_inflight_messages 0",
                "max_queued_bytes 0",
                "set_tcp_nodelay true",
                "persistence false",
                "log_dest none",
                ""));
        Path log = workDir.resolve("mosquitto-" + port + ".log");
        Process p = ServerProcess.launch(List.of(MOSQUITTO_BINARY.toString(), "-c", config.toString()), log);
        ServerProcess.awaitPort("mosquitto", p, port, log, Duration.ofSeconds(20));
        return new ServerProcess("Mosquitto", p, port, log);
    }

    /** An EC P-256 certificate, the same kind the appliance makes for itself. */
    private static void selfSignedCertificate(Path cert, Path key) throws IOException {
        if (Files.exists(cert) && Files.exists(key)) {
            return;
        }
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "30", "-subj", "/CN=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("openssl could not make a certificate for NATS (exit " + p.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a certificate", e);
        }
    }
}
