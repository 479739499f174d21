package org.lanchat.bench.load;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;
import org.lanchat.protocol.trust.PresentedIdentity;

/**
 * Accepts exactly the identity with a given SHA-256 fingerprint (PROTOCOL.md §1.2), as LAN Chat clients do;
 * with no pin it accepts any (the reference servers' throw-away certificates on loopback).
 */
final class PinningTrustManager implements X509TrustManager {
    private final String pinHex;

    PinningTrustManager(String pinHex) {
        this.pinHex = pinHex == null ? null : pinHex.replace(":", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (pinHex == null) {
            return;
        }
        String actual = PresentedIdentity.of(chain).hex();
        if (!actual.equals(pinHex)) {
            throw new CertificateException("certificate fingerprint " + actual + " is not the pinned " + pinHex);
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
