package org.lanchat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.frame.Frames;

/**
 * One client connection on a thread of its own, for probes that follow a few clients closely rather than load the
 * server: it resumes a member's session with its token (pinning the certificate over TLS, as clients do) and hands
 * over the type of each frame that arrives. Tens of messages a second at most, so plain sockets and a parsed JSON
 * tree cost nothing worth saving.
 */
final class ProbeConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final FrameReader in;
    private final int port;

    private ProbeConnection(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.port = port;
        this.out = socket.getOutputStream();
        this.in = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT);
    }

    /** Connects to {@code port} and resumes member {@code member}'s session; fails unless the appliance answers with one. */
    static ProbeConnection resume(RunSpec spec, int port, int member) throws IOException {
        Socket socket = spec.tls() ? pinnedTls(spec.pinSha256()) : new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(spec.host(), port), 2_000);
            socket.setSoTimeout(10_000);
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            ProbeConnection c = new ProbeConnection(socket, port);
            c.write("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":" + Protocol.VERSION + ",\"client\":\"lanchat-bench-probe\"}");
            c.write("{\"type\":\"resume\",\"id\":\"r\",\"token\":\"" + spec.token(member) + "\"}");
            for (String type = c.nextType(); !type.equals("session"); type = c.nextType()) {
                if (type.equals("error") || type.equals("bye")) {
                    throw new IOException("resume on port " + port + " refused (" + type + ")");
                }
            }
            // Live from here on: waiting for the next message has no deadline but the prober's.
            socket.setSoTimeout(0);
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Sends {@code text} to the group; the ack is not waited for. */
    void sendToGroup(String clientMsgId, String text) throws IOException {
        write("{\"type\":\"send\",\"id\":\"" + clientMsgId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"conversation\":\"group\",\"text\":\"" + text + "\"}");
    }

    /** Blocks until the next frame and returns its type; fails when the connection ends. */
    String nextType() throws IOException {
        try {
            Optional<byte[]> body = in.next();
            if (body.isEmpty()) {
                throw new IOException("the appliance on port " + port + " closed the connection");
            }
            JsonNode type = GeneratorMain.JSON.readTree(body.get()).get("type");
            return type == null ? "" : type.asText();
        } catch (ProtocolException e) {
            throw new IOException("the connection to port " + port + " broke inside a frame", e);
        }
    }

    private synchronized void write(String json) throws IOException {
        out.write(Frames.frame(json.getBytes(StandardCharsets.UTF_8), FrameLimits.DEFAULT));
        out.flush();
    }

    /** TLS 1.3 that accepts only the pinned identity: the cluster's certificate, at the end of a member's chain. */
    private static Socket pinnedTls(String pin) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new PinningTrustManager(pin)}, null);
            return context.getSocketFactory().createSocket();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the probe", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
