package org.lanchat.discovery.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Self-signed test certificates, made once per JVM with the JDK's {@code keytool} (no extra dependency)
 * and cached by name: {@code "real"} and {@code "rogue"} are two different appliances' identities.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    public static final String ALIAS = "appliance";
    private static final Map<String, Path> KEYSTORES = new ConcurrentHashMap<>();
    private static Path directory;

    private TestCertificates() {
    }

    /** A PKCS12 keystore holding one EC key pair and self-signed certificate, made on first use. */
    public static synchronized Path keystore(String name) {
        return KEYSTORES.computeIfAbsent(name, TestCertificates::generate);
    }

    public static KeyStore load(Path keystore) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CertificateFingerprint fingerprint(Path keystore) {
        try {
            X509Certificate certificate = (X509Certificate) load(keystore).getCertificate(ALIAS);
            return CertificateFingerprint.ofDer(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path generate(String name) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("lanchat-test-certs");
                directory.toFile().deleteOnExit();
            }
            Path keystore = directory.resolve(name + ".p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=LAN Chat test " + name,
                    "-validity", "7", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            keystore.toFile().deleteOnExit();
            return keystore;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
