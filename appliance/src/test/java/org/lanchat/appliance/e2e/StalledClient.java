package org.lanchat.appliance.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.UncheckedTls;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.SessionRequest;

/**
 * A client that registers and then never reads again: its socket receive buffer is tiny and nobody
 * drains it, so everything the appliance sends it piles up on the appliance's side.
 */
final class StalledClient implements AutoCloseable {
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);
    private final SSLSocket socket;
    private volatile boolean cutOff;

    private StalledClient(SSLSocket socket) {
        this.socket = socket;
    }

    static StalledClient logIn(RunningAppliance appliance, String name) throws IOException {
        try {
            SSLSocket socket = (SSLSocket) UncheckedTls.context().getSocketFactory().createSocket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", appliance.port()));
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(CODEC.encodeFrame(new SessionRequest.Hello("1", Protocol.VERSION, "stalled")));
            out.write(CODEC.encodeFrame(new SessionRequest.Register("2", name, RunningAppliance.PASSWORD + UUID.randomUUID(), null)));
            out.flush();
            // Read just far enough to know the registration went through, then never again.
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int seen = 0;
            String text = "";
            while (!text.contains("\"session\"") && seen < 64 * 1024) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("closed before registration finished");
                }
                seen += n;
                text += new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            }
            return new StalledClient(socket);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /**
     * Sends one request (it can still write while it reads nothing).
     *
     * @return false once the appliance has closed the connection
     */
    synchronized boolean send(ClientMessage message) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(CODEC.encodeFrame(message));
            out.flush();
            return true;
        } catch (IOException e) {
            cutOff = true;
            return false;
        }
    }

    /** True once a write has failed: the appliance closed the connection (a write to it after that is reset). */
    boolean isCutOff() {
        return cutOff;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
