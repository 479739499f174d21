package org.lanchat.discovery.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A stand-in for the appliance's TLS port until the real one is wired in: completes handshakes with a
 * test certificate, answers {@code PING} with {@code PONG <name>}, and records every line of application
 * data it receives, so a test can prove that a refused client sent nothing.
 */
public final class TestTlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final CertificateFingerprint fingerprint;
    private final String name;
    private final Consumer<String> events;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** @param events told "handshake <peer>" and "received <line>" as they happen */
    public TestTlsServer(Path keystore, InetAddress bind, String name, Consumer<String> events) {
        this.fingerprint = TestCertificates.fingerprint(keystore);
        this.name = name;
        this.events = events;
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(TestCertificates.load(keystore), TestCertificates.PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            server.bind(new InetSocketAddress(bind, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("test-tls-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** Every line of application data received, from any client. */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofPlatform().daemon().name("test-tls-conn").start(() -> serve((SSLSocket) socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            events.accept("handshake " + socket.getInetAddress().getHostAddress());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                events.accept("received " + line);
                if (line.equals("PING")) {
                    out.write(("PONG " + name + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException e) {
            events.accept("failed " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
