package org.lanchat.discovery.trust;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Opens TLS connections to an appliance that are checked against the pin before anything is sent.
 *
 * <pre>{@code
 * TlsPinCheck check = new TlsPinCheck(PinStore.open(dataDir), Duration.ofSeconds(5));
 * try (PinnedConnection connection = check.connect(located.trustTarget())) {
 *     if (connection.firstContact()) ui.showCode(connection.fingerprint().shortCode());
 *     ... hello, login over connection.socket() ...
 * } catch (CertificateMismatchException e) {
 *     ui.refuse(e.getMessage()); // names both short codes
 * }
 * }</pre>
 *
 * <p>The certificate is judged inside the handshake (see {@link PinningTrustManager}); on first contact
 * (nothing pinned yet) it is pinned once the handshake has completed. For a client that does its own
 * TLS, e.g. with Netty, {@link #trustManager} gives the same check as a trust manager.
 */
public final class TlsPinCheck {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final PinStore pins;
    private final Duration timeout;

    /** @param timeout for the TCP connect and, separately, for the handshake */
    public TlsPinCheck(PinStore pins, Duration timeout) {
        this.pins = Objects.requireNonNull(pins, "pins");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Connects, completes the handshake only if the certificate is trusted, and pins it on first contact.
     *
     * @throws CertificateMismatchException if the certificate is not the pinned one, or not the advertised one
     * @throws IOException                  if the appliance cannot be reached or the handshake fails otherwise
     */
    public PinnedConnection connect(TrustTarget target) throws IOException, CertificateMismatchException {
        PinningTrustManager trust = new PinningTrustManager(target, pins);
        SSLSocket socket = handshake(target.address(), trust, timeout);
        try {
            CertificateFingerprint fingerprint = trust.presented().orElseThrow();
            PinDecision decision = trust.decision().orElseThrow();
            if (decision instanceof PinDecision.FirstContact) {
                ApplianceId id = target.applianceId().orElseGet(() -> idForManualPin(fingerprint));
                pins.pin(id, target.name(), fingerprint);
            }
            return new PinnedConnection(socket, fingerprint, decision);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Reads the certificate fingerprint the appliance presents, judging nothing and sending nothing; for
     * diagnostics and for showing a short code before the user decides to trust an appliance.
     */
    public static CertificateFingerprint fetchFingerprint(InetSocketAddress address, Duration timeout)
            throws IOException {
        PinningTrustManager capture = new PinningTrustManager(TrustTarget.manual(address), null);
        try {
            handshake(address, capture, timeout).close();
            return capture.presented().orElseThrow();
        } catch (CertificateMismatchException e) {
            throw new IllegalStateException("cannot happen: capturing judges nothing", e);
        }
    }

    /**
     * The same check as {@link #connect}, for a client that runs its own TLS stack. It refuses inside the
     * handshake; pinning on first contact is then the caller's job ({@link PinStore#pin}).
     */
    public TrustManager trustManager(TrustTarget target) {
        return new PinningTrustManager(target, pins);
    }

    private static SSLSocket handshake(InetSocketAddress address, PinningTrustManager trust, Duration timeout)
            throws IOException, CertificateMismatchException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket plain = new Socket();
        SSLSocket socket = null;
        try {
            plain.connect(address, millis);
            plain.setSoTimeout(millis);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            // The IP literal as "host" means no SNI and no name lookup.
            socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, address.getAddress().getHostAddress(), address.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            parameters.setEndpointIdentificationAlgorithm(null);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return socket;
        } catch (GeneralSecurityException e) {
            closeQuietly(socket != null ? socket : plain);
            throw new IOException("TLS is not available in this Java runtime", e);
        } catch (SSLException e) {
            closeQuietly(socket != null ? socket : plain);
            Optional<CertificateMismatchException> mismatch = findMismatch(e);
            if (mismatch.isPresent()) {
                throw mismatch.get();
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket != null ? socket : plain);
            throw e;
        }
    }

    private static Optional<CertificateMismatchException> findMismatch(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateMismatchException mismatch) {
                return Optional.of(mismatch);
            }
        }
        return Optional.empty();
    }

    /**
     * A typed address has no id; a pin still needs one. Derived from the fingerprint, so that connecting
     * to the same certificate again finds the same pin.
     */
    private static ApplianceId idForManualPin(CertificateFingerprint fingerprint) {
        return new ApplianceId(fingerprint.hex().substring(0, 32));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already failing; the original error is the one worth reporting.
        }
    }
}
