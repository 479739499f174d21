package org.lanchat.appliance.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.FileRequest;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A transfer connection (PROTOCOL.md §7.25) as a test drives it, one step at a time on the test's thread: frames and
 * raw bytes on one TLS socket, nothing read ahead (unlike {@link TestClient}, whose reader takes everything as frames).
 */
public final class RawTransferClient implements AutoCloseable {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawTransferClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawTransferClient connect(int port, CertificateFingerprint pin) {
        try {
            SSLContext tls = SSLContext.getInstance("TLSv1.3");
            tls.init(null, new TrustManager[] {new TestClient.PinningTrustManager(pin)}, new SecureRandom());
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TestClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis()); // a test waits, never hangs
            socket.startHandshake();
            return new RawTransferClient(socket);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot connect to the appliance on port " + port, e);
        }
    }

    /** Sends {@code transfer} with this ticket and returns the appliance's answer: {@code transfer_ready} or an error. */
    public ServerMessage redeem(String ticket) {
        send(new FileRequest.Transfer("t1", ticket));
        return readFrame();
    }

    public void send(ClientMessage message) {
        write(codec.encodeFrame(message));
    }

    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame; fails when the stream ends first. */
    public ServerMessage readFrame() {
        try {
            return codec.decodeServer(FrameReader.readOne(in, FrameLimits.DEFAULT)
                    .orElseThrow(() -> new IllegalStateException("the appliance closed the connection without a frame")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte until the appliance closes the connection. */
    public byte[] readToEnd() {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the appliance has closed the connection: a read finds its end (or a reset). */
    public boolean isClosedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
