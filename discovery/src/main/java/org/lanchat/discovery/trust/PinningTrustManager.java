package org.lanchat.discovery.trust;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PresentedIdentity;

/**
 * Judges the server certificate by its fingerprint alone, inside the handshake: a refusal here aborts the
 * handshake, so no application data can follow. There is no public CA and no host name to check: the appliance's
 * certificate is self-signed (or signed by its cluster's, {@link PresentedIdentity}) and its address comes from
 * DHCP; the pin is the whole of its identity.
 *
 * <p>With a {@code null} pin store it only captures the certificate and accepts it (diagnostics).
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final TrustTarget target;
    private final PinStore pins;
    private volatile CertificateFingerprint presented;
    private volatile PinDecision decision;

    PinningTrustManager(TrustTarget target, PinStore pins) {
        this.target = target;
        this.pins = pins;
    }

    Optional<CertificateFingerprint> presented() {
        return Optional.ofNullable(presented);
    }

    Optional<PinDecision> decision() {
        return Optional.ofNullable(decision);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateFingerprint actual = PresentedIdentity.of(chain);
        presented = actual;
        if (pins == null) {
            return;
        }
        InetSocketAddress address = target.address();
        if (target.advertised().isPresent() && !target.advertised().get().equals(actual)) {
            throw new CertificateMismatchException(CertificateMismatchException.Reason.NOT_THE_ADVERTISED_CERTIFICATE,
                    target.name(), address, target.advertised().get(), actual);
        }
        PinDecision judged = pins.decide(target.applianceId(), actual);
        if (judged instanceof PinDecision.Mismatch mismatch) {
            throw new CertificateMismatchException(mismatch.sameAppliance()
                    ? CertificateMismatchException.Reason.NOT_THE_PINNED_CERTIFICATE
                    : CertificateMismatchException.Reason.NOT_A_TRUSTED_APPLIANCE,
                    target.name(), address, mismatch.expected().fingerprint(), actual);
        }
        decision = judged;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client-side trust manager does not judge clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
