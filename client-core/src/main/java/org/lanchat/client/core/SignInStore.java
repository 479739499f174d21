package org.lanchat.client.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.lanchat.discovery.trust.OwnerOnlyFile;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is signed in to which appliance on this computer: per appliance, the user's name and the resume token
 * that logs them in again without the password ({@link ChatService#resume}). The desktop app and the
 * {@code lanchat} command line share it, so logging in with one signs the other in too, and logging out with
 * either signs both out ({@link #forget}).
 *
 * <p>A resume token is as secret as the password for 30 days: the file {@value #FILE_NAME} is made readable and
 * writable by the user alone (0600) and the data directory private (0700) whatever the umask says, on every
 * write. An appliance is known by the SHA-256 fingerprint of the certificate this computer pinned for it.
 *
 * <p>Every call reads the file again (it is a few hundred bytes), so that what another client program on the
 * computer did since is seen. When the file cannot be read or holds something damaged, the user is simply not
 * signed in: they type the password again. Expired tokens count as no sign-in.
 */
public final class SignInStore {
    public static final String FILE_NAME = "sign-ins.properties";
    private static final Logger log = LoggerFactory.getLogger(SignInStore.class);
    private static final String USER = ".user";
    private static final String TOKEN = ".token";
    private static final String EXPIRES = ".expires";

    private final Path dir;
    private final Clock clock;

    /** A user signed in to an appliance, and the token that signs them in again. */
    public record SignIn(String username, ResumeToken token) {
        public SignIn {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
        }

        /** What a session started on this appliance keeps. */
        public static SignIn of(Session session) {
            return new SignIn(session.username(), session.token());
        }
    }

    public SignInStore(Path dataDir, Clock clock) {
        this.dir = dataDir;
        this.clock = clock;
    }

    public SignInStore(Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    /** The user signed in to the appliance with this certificate, unless none is or their token expired. */
    public synchronized Optional<SignIn> signInFor(CertificateFingerprint appliance) {
        Properties all = read();
        String prefix = appliance.hex();
        String user = all.getProperty(prefix + USER);
        String token = all.getProperty(prefix + TOKEN);
        String expires = all.getProperty(prefix + EXPIRES);
        if (user == null || token == null || expires == null || user.isBlank() || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(expires));
            return expiresAt.isAfter(clock.instant())
                    ? Optional.of(new SignIn(user, new ResumeToken(token, expiresAt)))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Keeps who signed in to the appliance, replacing whoever was before (one user per appliance). */
    public synchronized void remember(CertificateFingerprint appliance, SignIn signIn) throws IOException {
        Properties all = read();
        String prefix = appliance.hex();
        all.setProperty(prefix + USER, signIn.username());
        all.setProperty(prefix + TOKEN, signIn.token().value());
        all.setProperty(prefix + EXPIRES, Long.toString(signIn.token().expiresAt().toEpochMilli()));
        write(all);
    }

    /**
     * Signs out of the appliance on this computer: the token is no longer kept. (Logging out also revokes it on
     * the appliance, PROTOCOL.md §7.12; forgetting alone does not.)
     */
    public synchronized void forget(CertificateFingerprint appliance) throws IOException {
        Properties all = read();
        String prefix = appliance.hex();
        boolean had = all.remove(prefix + USER) != null | all.remove(prefix + TOKEN) != null
                | all.remove(prefix + EXPIRES) != null;
        if (had) {
            write(all);
        }
    }

    private Properties read() {
        Properties properties = new Properties();
        Path file = dir.resolve(FILE_NAME);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // Nobody signed in yet.
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the sign-ins in {} ({}); the password is asked for again", file, e.toString());
            properties.clear();
        }
        return properties;
    }

    private void write(Properties all) throws IOException {
        StringWriter text = new StringWriter();
        all.store(text, "LAN Chat: who is signed in, per appliance certificate (SHA-256); as secret as a password");
        OwnerOnly.directory(dir);
        OwnerOnlyFile.write(dir.resolve(FILE_NAME), text.toString());
    }
}
