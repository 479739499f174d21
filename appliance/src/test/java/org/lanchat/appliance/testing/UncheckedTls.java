package org.lanchat.appliance.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS 1.3 for test clients that check no certificate: they exist to be slow or to stress TLS itself, not to be
 * secure. Clients that stand for real ones pin the appliance's certificate ({@link TestClient}).
 */
public final class UncheckedTls {
    private UncheckedTls() {
    }

    public static SSLContext context() throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
        return tls;
    }

    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
