package org.lanchat.client.core.peer;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS 1.3 between peers. Each side presents the self-signed certificate of its peer key; TLS checks
 * that it holds the private key, and nothing more: who the key belongs to is the appliance's credential's
 * to say, checked after the handshake (§10). So the trust manager here accepts exactly one self-signed
 * Ed25519 certificate and leaves names and authorities aside.
 */
final class PeerTls {
    private PeerTls() {
    }

    static SSLContext context(PeerIdentity me) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(me.keyManagers(), new TrustManager[] {new OneEd25519Key()}, new SecureRandom());
        return context;
    }

    /** TLS 1.3 only, and the other side must present its certificate. */
    static void configure(SSLSocket socket, boolean server) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        if (server) {
            parameters.setNeedClientAuth(true);
        }
        socket.setSSLParameters(parameters);
    }

    private static final class OneEd25519Key extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private static void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length != 1) {
                throw new CertificateException("a peer presents exactly one certificate");
            }
            String algorithm = chain[0].getPublicKey().getAlgorithm();
            if (!algorithm.equals("Ed25519") && !algorithm.equals("EdDSA")) {
                throw new CertificateException("a peer's key is Ed25519, not " + algorithm);
            }
        }
    }
}
