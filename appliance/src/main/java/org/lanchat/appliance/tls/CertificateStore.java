package org.lanchat.appliance.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the appliance's certificate from {@code <data-dir>/tls/}, or creates it on first start.
 *
 * <p>EC P-256, self-signed, valid for 30 years: clients trust it by fingerprint, so expiry would only
 * force every office PC through the "certificate changed" warning for no gain. The key file is written
 * owner-readable only, and both files are written atomically so a crash never leaves half a key.
 * BouncyCastle builds and parses the PEM; the JDK's own provider does the cryptography.
 */
public final class CertificateStore {
    private static final Logger log = LoggerFactory.getLogger(CertificateStore.class);
    static final String KEY_FILE = "appliance-key.pem";
    static final String CERT_FILE = "appliance-cert.pem";
    private static final Duration VALIDITY = Duration.ofDays(30L * 365);

    private final Path directory;

    public CertificateStore(Path dataDir) {
        this.directory = directory(dataDir);
    }

    /** Where the certificate of the appliance with this data directory is, whether or not it exists yet. */
    public static Path certificateFile(Path dataDir) {
        return directory(dataDir).resolve(CERT_FILE);
    }

    private static Path directory(Path dataDir) {
        return dataDir.resolve("tls");
    }

    public ApplianceIdentity loadOrCreate(String commonName) throws IOException {
        Path keyFile = directory.resolve(KEY_FILE);
        Path certFile = directory.resolve(CERT_FILE);
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            return load(keyFile, certFile);
        }
        if (Files.exists(keyFile) != Files.exists(certFile)) {
            throw new IOException("found only one of " + keyFile + " and " + certFile
                    + "; restore both from backup, or delete both to generate a new identity (clients will warn)");
        }
        ApplianceIdentity created = create(commonName);
        Files.createDirectories(directory);
        writeAtomically(certFile, pem(created.certificate()), false);
        writeAtomically(keyFile, pem(new JcaPKCS8Generator(created.privateKey(), null)), true);
        log.info("Generated a new TLS certificate in {}", directory);
        return created;
    }

    private static ApplianceIdentity load(Path keyFile, Path certFile) throws IOException {
        try (Reader keyReader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
             Reader certReader = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII)) {
            return new ApplianceIdentity(readKey(keyReader, keyFile.toString()), readCertificate(certReader, certFile.toString()));
        }
    }

    /** A PEM private key (PKCS#8 or a key pair), from {@code source} (named in errors). */
    static PrivateKey readKey(Reader reader, String source) throws IOException {
        try (PEMParser parser = new PEMParser(reader)) {
            Object keyObject = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (keyObject) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case null, default -> throw new IOException(source + " does not hold a PEM private key");
            };
        }
    }

    /** A PEM certificate, from {@code source} (named in errors). */
    static X509Certificate readCertificate(Reader reader, String source) throws IOException {
        try (PEMParser parser = new PEMParser(reader)) {
            if (!(parser.readObject() instanceof X509CertificateHolder holder)) {
                throw new IOException(source + " does not hold a PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate in " + source + ": " + e.getMessage(), e);
        }
    }

    static ApplianceIdentity create(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", " ")
                    + ",O=LAN Chat,OU=" + UUID.randomUUID());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
                    subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new ApplianceIdentity(pair.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the appliance certificate", e);
        }
    }

    static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PemObjectGenerator generator) {
                writer.writeObject(generator); // PKCS#8, so any PEM reader (openssl too) loads the key
            } else {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret && supportsPosix(target)) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII)) {
            writer.write(content);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
