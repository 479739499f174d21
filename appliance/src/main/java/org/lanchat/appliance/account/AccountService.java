package org.lanchat.appliance.account;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.lanchat.appliance.avatar.AvatarImage;
import org.lanchat.appliance.avatar.AvatarService;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.UserRecord;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Register, log in, resume and log out. Every method blocks (argon2, database): call from a virtual
 * thread. Failures are {@link Refused}s whose messages never reveal whether a name exists:
 * an unknown name and a wrong password get the same answer after the same amount of hashing.
 */
public final class AccountService implements Accounts {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    public static final int MIN_PASSWORD_CHARS = 8;
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);
    private static final String WRONG_CREDENTIALS = "wrong username or password";

    private final UserStore users;
    private final SessionStore sessions;
    private final UserDirectory directory;
    private final AvatarService avatars;
    private final PasswordHasher hasher;
    private final HashingGate gate;
    private final LoginThrottle throttle;
    private final DeviceCookies cookies;
    private final LongSupplier clock;
    /** Verified against when the name is unknown, so both cases cost one argon2 computation. */
    private final String decoyHash;

    private volatile Consumer<String> loggedOut = token -> { };

    public AccountService(UserStore users, SessionStore sessions, UserDirectory directory, AvatarService avatars,
                          PasswordHasher hasher, HashingGate gate, LoginThrottle throttle, DeviceCookies cookies,
                          LongSupplier clock) {
        this.users = users;
        this.sessions = sessions;
        this.directory = directory;
        this.avatars = avatars;
        this.hasher = hasher;
        this.gate = gate;
        this.throttle = throttle;
        this.cookies = cookies;
        this.clock = clock;
        this.decoyHash = hasher.decoy();
        ConfusableNames.skeletons("warm-up"); // loads ICU's confusables data now, not in the first registration
    }

    @Override
    public Authenticated register(String username, String password, byte[] avatarUpload, String displayName,
                                  String address) {
        Usernames.problem(username).ifPresent(p -> {
            throw new Refused(ErrorCode.INVALID_USERNAME, p);
        });
        if (password.length() < MIN_PASSWORD_CHARS) {
            throw new Refused(ErrorCode.WEAK_PASSWORD,
                    "password must be at least " + MIN_PASSWORD_CHARS + " characters");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new Refused(ErrorCode.WEAK_PASSWORD, "password must not be the username");
        }
        // An address slowed down for failed logins cannot switch to registering instead: each costs a hash.
        throttle.delayForAddress(address).ifPresent(wait -> {
            throw rateLimited(wait);
        });
        UserStore.ShownName shown = DisplayNames.check(displayName);
        Set<String> skeletons = ConfusableNames.skeletons(username);
        // Before the picture and the hash: a registration that cannot succeed must cost neither. Refused ones are
        // not counted against the address, so a stream of them for a taken name, each hashed, slowed every login.
        // (The insert checks again: someone may take the name while this one hashes.)
        if (users.findByKey(Usernames.key(username)).isPresent() || users.anyTaken(skeletons)) {
            throw usernameTaken(username);
        }
        if (users.anyTaken(shown.skeletons())) {
            throw new Refused(ErrorCode.DISPLAY_NAME_TAKEN, DisplayNames.TAKEN);
        }
        AvatarImage avatar = avatarUpload == null ? null : avatars.process(avatarUpload, address);
        String hash = gate.run(address, () -> hasher.hash(password));
        Optional<UserRecord> created = users.create(username, Usernames.key(username), skeletons, shown, hash,
                clock.getAsLong());
        if (created.isEmpty() && shown != UserStore.ShownName.NONE && users.findByKey(Usernames.key(username)).isEmpty()
                && !users.anyTaken(skeletons)) {
            throw new Refused(ErrorCode.DISPLAY_NAME_TAKEN, DisplayNames.TAKEN);
        }
        if (created.isEmpty()) {
            throw usernameTaken(username);
        }
        UserRecord user = created.get();
        directory.add(user);
        if (avatar != null) {
            avatars.save(user.id(), avatar);
        }
        log.info("Registered user {} (id {})", user.username(), user.id());
        return startSession(user, user.passwordHash());
    }

    private static Refused usernameTaken(String username) {
        // Which account is in the way stays unsaid: naming it would list accounts one guess at a time.
        return new Refused(ErrorCode.USERNAME_TAKEN, "the username '" + username + "' is taken, or looks too much like one that is");
    }

    @Override
    public Authenticated login(String username, String password, String deviceCookie, String address) {
        String key = Usernames.key(username);
        LoginThrottle.Keys keys = cookies.verify(deviceCookie, key).map(throttle::deviceKeys)
                .orElseGet(() -> throttle.keys(key, address));
        throttle.begin(keys).ifPresent(wait -> {
            throw rateLimited(wait);
        });
        UserRecord found;
        boolean ended = false;
        try {
            Optional<UserRecord> user = Usernames.hasValidShape(username) ? users.findByKey(key) : Optional.empty();
            String stored = user.map(UserRecord::passwordHash).orElse(decoyHash);
            boolean matches = gate.run(address, () -> hasher.verify(stored, password));
            if (user.isEmpty() || !matches) {
                throttle.recordFailure(keys);
                ended = true;
                throw new Refused(ErrorCode.AUTH_FAILED, WRONG_CREDENTIALS);
            }
            found = user.get();
            if (found.disabled()) {
                throw new Refused(ErrorCode.ACCOUNT_DISABLED, "this account is disabled; ask the administrator");
            }
            throttle.recordSuccess(keys);
            ended = true;
        } finally {
            if (!ended) {
                throttle.abandon(keys); // busy, database gone, or disabled: no verdict to count
            }
        }
        String checked = found.passwordHash();
        if (hasher.needsRehash(checked)) {
            String rehashed = gate.run(address, () -> hasher.hash(password));
            if (users.replacePasswordHash(found.id(), checked, rehashed)) {
                checked = rehashed;
            }
        }
        return startSession(found, checked);
    }

    @Override
    public Authenticated resume(String token, String address) {
        throttle.delayForAddress(address).ifPresent(wait -> {
            throw rateLimited(wait);
        });
        long now = clock.getAsLong();
        Optional<SessionStore.TokenRow> row = sessions.find(Tokens.hash(token), now);
        Optional<UserRecord> user = row.flatMap(r -> users.findById(r.userId()));
        if (user.isEmpty()) {
            throttle.recordAddressFailure(address);
            throw new Refused(ErrorCode.TOKEN_INVALID, "the session has expired or was ended; log in again");
        }
        if (user.get().disabled()) {
            throw new Refused(ErrorCode.ACCOUNT_DISABLED, "this account is disabled; ask the administrator");
        }
        directory.add(user.get());
        return new Authenticated(user.get().id(), user.get().username(), token, row.get().expiresAt(), null);
    }

    @Override
    public void logout(String token) {
        sessions.logOut(Tokens.hash(token), clock.getAsLong());
        loggedOut.accept(token);
    }

    /**
     * Tells {@code then} each token that logged out, once it no longer resumes: what the session was given besides its
     * token (transfer tickets) ends with it.
     */
    public void whenLoggedOut(Consumer<String> then) {
        this.loggedOut = then;
    }

    /**
     * A new token for a user whose password was just checked against {@code checkedPasswordHash}. An administrator may
     * have reset it since the check (which takes a while): then the password given is no longer the account's, and no
     * token is stored that the reset would not have ended.
     */
    private Authenticated startSession(UserRecord user, String checkedPasswordHash) {
        String token = Tokens.newToken();
        long now = clock.getAsLong();
        long expires = now + TOKEN_LIFETIME.toMillis();
        if (!sessions.insertWhilePasswordIs(checkedPasswordHash, Tokens.hash(token), user.id(), now, expires)) {
            throw new Refused(ErrorCode.AUTH_FAILED, WRONG_CREDENTIALS);
        }
        String cookie = cookies.issue(Usernames.key(user.username()));
        return new Authenticated(user.id(), user.username(), token, expires, cookie);
    }

    private static Refused rateLimited(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new Refused(ErrorCode.RATE_LIMITED,
                "too many failed attempts; try again in " + seconds + " s", wait);
    }
}
