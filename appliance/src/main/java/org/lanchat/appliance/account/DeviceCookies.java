package org.lanchat.appliance.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies, as OWASP's "Slow Down Online Guessing Attacks with Device Cookies" describes them: after
 * a successful login the appliance hands the device a cookie naming the account, signed with a key only
 * the appliance has, valid for {@link #LIFETIME}. A later login that presents a valid cookie for the same
 * account comes from a device its owner used before: {@link LoginThrottle} counts it under that cookie
 * alone, so someone guessing the password from other addresses cannot lock the owner out.
 *
 * <p>Form: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, payload
 * {@code "1|" usernameKey "|" expiresAtMillis "|" 128-bit random id}. The id names the cookie for its own
 * failure count. A cookie that does not verify, has expired or names another account is simply no cookie.
 * The key lives in the data directory (0600), so cookies survive restarts; deleting it voids them all.
 */
public final class DeviceCookies {
    public static final Duration LIFETIME = Duration.ofDays(90);
    static final String KEY_FILE = "device-cookie.key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final LongSupplier clock;

    DeviceCookies(byte[] key, LongSupplier clock) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** The appliance's cookies, with the key from the data directory (made on first use). */
    public static DeviceCookies loadOrCreate(Path dataDir, LongSupplier clock) throws IOException {
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Files.createDirectories(dataDir);
            Path temp = dataDir.resolve(KEY_FILE + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, fresh);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length < 32) {
            throw new IOException(file + " is damaged (" + key.length + " bytes); delete it to make a new one"
                    + " (every device then logs in once more without its cookie)");
        }
        return new DeviceCookies(key, clock);
    }

    /** A new cookie for a device that just proved it knows the password of {@code usernameKey}. */
    public String issue(String usernameKey) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        long expires = clock.getAsLong() + LIFETIME.toMillis();
        String payload = "1|" + usernameKey + "|" + expires + "|" + HexFormat.of().formatHex(id);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    /** The cookie's id when it is genuine, unexpired and names {@code usernameKey}; otherwise empty. */
    public Optional<String> verify(String cookie, String usernameKey) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = B64D.decode(cookie.substring(0, dot));
            signature = B64D.decode(cookie.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals("1") || !parts[1].equals(usernameKey)) {
            return Optional.empty();
        }
        try {
            return Long.parseLong(parts[2]) > clock.getAsLong() ? Optional.of(parts[3]) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }
}
