package org.lanchat.client.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.lanchat.discovery.trust.OwnerOnlyFile;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device cookies this computer was given (PROTOCOL.md §6.2, §7.11): one per appliance and account.
 * Every {@code login} presents the one for its appliance and account, so that someone guessing the password
 * from elsewhere cannot lock the owner out on this computer; the {@code session} reply to a password login
 * brings a new one, which replaces it.
 *
 * <p>They live in {@value #FILE_NAME} in the client's data directory, readable and writable by the user
 * alone ({@link OwnerOnlyFile}): a cookie is not a password, but it lets its holder try passwords while the
 * account is blocked for everyone else. An appliance is known by the SHA-256 fingerprint of the certificate this
 * computer pinned for it; an account by its lower-cased name ({@link Usernames#key}).
 *
 * <p>The file is a cache. When it cannot be read or written, or holds something no appliance sends, the
 * client logs in without a cookie, which works unless the account is under attack; nothing fails for it.
 * Writing happens in {@link #remember}, on the caller's thread: it is a few hundred bytes once per login,
 * and the login completes only once the new cookie is kept.
 */
public final class DeviceCookies {
    public static final String FILE_NAME = "device-cookies.properties";
    private static final Logger log = LoggerFactory.getLogger(DeviceCookies.class);

    /** Null when the cookies are kept in memory only. */
    private final Path file;
    private final Map<String, String> cookies = new HashMap<>();

    private DeviceCookies(Path file) {
        this.file = file;
    }

    /** The cookies kept in {@code dataDir}, read now; none if there is no file yet or it cannot be read. */
    public static DeviceCookies open(Path dataDir) {
        DeviceCookies store = new DeviceCookies(dataDir.resolve(FILE_NAME));
        synchronized (store) {
            store.cookies.putAll(store.read());
        }
        return store;
    }

    /** Cookies that last as long as this object: for a client without a data directory. */
    public static DeviceCookies inMemory() {
        return new DeviceCookies(null);
    }

    /** The cookie to present when logging in to {@code username} on the appliance with this certificate. */
    public synchronized Optional<String> cookieFor(CertificateFingerprint appliance, String username) {
        return Optional.ofNullable(cookies.get(key(appliance, username)));
    }

    /**
     * Keeps the cookie a {@code session} reply brought, replacing the account's previous one, and writes the
     * file. Another client program on this computer may have kept cookies since this one read the file:
     * the file is read again first, so that theirs are kept too.
     */
    public synchronized void remember(CertificateFingerprint appliance, String username, String cookie) {
        if (!plausible(cookie)) {
            log.warn("Not keeping a device cookie from {} that no appliance sends ({} characters)", appliance.shortCode(),
                    cookie.length());
            return;
        }
        if (file != null) {
            cookies.putAll(read());
        }
        cookies.put(key(appliance, username), cookie);
        if (file != null) {
            try {
                write();
            } catch (IOException e) {
                log.warn("Could not keep the device cookie in {} ({}); the next login goes without one", file, e.toString());
            }
        }
    }

    private static String key(CertificateFingerprint appliance, String username) {
        return appliance.hex() + "/" + Usernames.key(username);
    }

    /** What an appliance sends: base64url and dots, at most as long as a {@code login} may carry. */
    private static boolean plausible(String cookie) {
        return !cookie.isEmpty() && cookie.length() <= ClientMessage.MAX_DEVICE_COOKIE_CHARS
                && cookie.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private Map<String, String> read() {
        Map<String, String> found = new HashMap<>();
        if (!Files.exists(file)) {
            return found;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the device cookies in {}: {}", file, e.toString());
            return found;
        }
        for (String name : properties.stringPropertyNames()) {
            String cookie = properties.getProperty(name);
            if (plausible(cookie)) {
                found.put(name, cookie);
            }
        }
        return found;
    }

    private void write() throws IOException {
        Properties properties = new Properties();
        properties.putAll(cookies);
        StringWriter text = new StringWriter();
        properties.store(text, "LAN Chat: device cookies, per appliance certificate (SHA-256) and account");
        OwnerOnly.directory(file.toAbsolutePath().getParent());
        OwnerOnlyFile.write(file, text.toString());
    }
}
