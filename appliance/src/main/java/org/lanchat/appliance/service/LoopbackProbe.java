package org.lanchat.appliance.service;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PresentedIdentity;

/**
 * Connects to the appliance's own listener the way a client does (TLS pinned to its own certificate),
 * says hello and waits for the welcome: proof that the acceptor, an I/O thread, TLS, the frame decoder
 * and the session handler all still work.
 */
public final class LoopbackProbe implements LivenessCheck.Probe {
    /** The name this probe gives in its hello, so logs can tell it from real clients. */
    public static final String CLIENT_NAME = "lanchat-watchdog";

    private final String host;
    private final int port;
    private final CertificateFingerprint pin;
    private final Duration timeout;
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    /**
     * @param bindAddress the address the appliance listens on; {@code null} or a wildcard means loopback
     * @param pin         the appliance's certificate, or {@code null} for the plaintext load-test mode
     */
    public LoopbackProbe(String bindAddress, int port, CertificateFingerprint pin, Duration timeout) {
        this.host = probeHost(bindAddress);
        this.port = port;
        this.pin = pin;
        this.timeout = timeout;
    }

    static String probeHost(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank() || bindAddress.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bindAddress.equals("::") || bindAddress.equals("[::]")) {
            return "::1";
        }
        return bindAddress;
    }

    @Override
    public Optional<String> problem() {
        try (Socket socket = open()) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(codec.encodeFrame(new SessionRequest.Hello("probe", Protocol.VERSION, CLIENT_NAME)));
            out.flush();
            Optional<byte[]> reply = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT).next();
            if (reply.isEmpty()) {
                return Optional.of("the listener on " + where() + " closed the connection without a welcome");
            }
            ServerMessage message = codec.decodeServer(reply.get());
            return message instanceof SessionMessage.Welcome
                    ? Optional.empty()
                    : Optional.of("the listener on " + where() + " answered hello with " + message.getClass().getSimpleName());
        } catch (IOException | ProtocolException | GeneralSecurityException e) {
            return Optional.of("the listener on " + where() + " did not answer a hello within " + timeout.toSeconds()
                    + " s: " + e.getMessage());
        }
    }

    private String where() {
        return host + ":" + port;
    }

    private Socket open() throws IOException, GeneralSecurityException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (pin == null) {
            Socket plain = new Socket();
            plain.connect(address, (int) timeout.toMillis());
            return plain;
        }
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new PinnedCertificate(pin)}, new SecureRandom());
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(address, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.startHandshake();
        return socket;
    }

    /** Trusts exactly the appliance's own certificate. */
    private record PinnedCertificate(CertificateFingerprint pin) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (!PresentedIdentity.of(chain).equals(pin)) {
                throw new CertificateException("the listener presented another certificate than the appliance's own");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
