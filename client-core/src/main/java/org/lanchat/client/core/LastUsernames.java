package org.lanchat.client.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.lanchat.discovery.trust.OwnerOnlyFile;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The username last used on each appliance, so the login form is filled in for the user, also after they signed
 * out (which forgets the resume token, {@link SignInStore#forget}, but not who they are). Kept in
 * {@value #FILE_NAME}, readable by the user alone; an appliance is known by its certificate's fingerprint.
 */
public final class LastUsernames {
    public static final String FILE_NAME = "last-usernames.properties";
    private static final Logger log = LoggerFactory.getLogger(LastUsernames.class);

    private final Path file;

    public LastUsernames(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public synchronized Optional<String> lastOn(CertificateFingerprint appliance) {
        return Optional.ofNullable(read().getProperty(appliance.hex())).filter(name -> !name.isBlank());
    }

    public synchronized void remember(CertificateFingerprint appliance, String username) throws IOException {
        Properties all = read();
        if (username.equals(all.getProperty(appliance.hex()))) {
            return;
        }
        all.setProperty(appliance.hex(), username);
        StringWriter text = new StringWriter();
        all.store(text, "LAN Chat: the username last used on each appliance (certificate SHA-256)");
        OwnerOnly.directory(file.toAbsolutePath().getParent());
        OwnerOnlyFile.write(file, text.toString());
    }

    private Properties read() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // Nobody logged in yet.
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring {} ({}); the username is typed again", file, e.toString());
            properties.clear();
        }
        return properties;
    }
}
