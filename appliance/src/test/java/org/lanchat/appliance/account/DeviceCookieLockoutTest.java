package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.avatar.AvatarProcessor;
import org.lanchat.appliance.avatar.AvatarService;
import org.lanchat.appliance.avatar.DefaultAvatars;
import org.lanchat.appliance.store.AvatarStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.protocol.ErrorCode;

/**
 * The targeted lockout: 51 wrong guesses from 11 addresses used to lock alice out from a new address too.
 * With a device cookie from an earlier login her device gets in at once; without one she waits like
 * everyone else; a cookie that is forged, expired or alice's-for-someone-else buys the attacker nothing.
 * Real accounts on a real (embedded) database; a cheap argon2 setting and a clock the test moves.
 */
class DeviceCookieLockoutTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;
    private Database db;
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private AccountService accounts;
    private String aliceCookie;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open("jdbc:h2:file:" + dir.resolve("db/lanchat") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", null, null);
        UserStore users = new UserStore(db);
        accounts = new AccountService(users, new SessionStore(db), new UserDirectory(users),
                new AvatarService(new AvatarStore(db), new AvatarProcessor(), new DefaultAvatars(), now::get),
                new PasswordHasher(1024, 1), new HashingGate(2, 256, 10_000), new LoginThrottle(now::get),
                DeviceCookies.loadOrCreate(dir, now::get), now::get);
        aliceCookie = accounts.register("alice", PASSWORD, null, "10.0.0.1").deviceCookie();
        accounts.register("mallory", PASSWORD, null, "10.0.0.66");
        assertThat(aliceCookie).isNotBlank();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** Wrong guesses for alice from 11 addresses, each paced past its own block, until the account key blocks. */
    private void lockAliceOutFromElsewhere() {
        int guesses = 0;
        while (true) {
            String address = "192.0.2." + (guesses % 11 + 1);
            Refused refused = catchThrowableOfType(Refused.class, () -> accounts.login("alice", "guess", null, address));
            if (refused.code() == ErrorCode.RATE_LIMITED && guesses >= LoginThrottle.ACCOUNT_ALLOWANCE) {
                return;
            }
            if (refused.code() == ErrorCode.AUTH_FAILED) {
                guesses++;
            } else {
                now.addAndGet(refused.retryAfter().toMillis()); // a pair or address block: the attacker waits it out
            }
        }
    }

    @Test
    void withoutACookieTheOwnerIsLockedOutFromANewAddress() {
        lockAliceOutFromElsewhere();
        Refused refused = catchThrowableOfType(Refused.class, () -> accounts.login("alice", PASSWORD, null, "10.0.0.99"));
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void withHerDeviceCookieTheOwnerLogsInAtOnceAndGetsAFreshCookie() {
        lockAliceOutFromElsewhere();
        Accounts.Authenticated in = accounts.login("ALICE", PASSWORD, aliceCookie, "10.0.0.99");
        assertThat(in.username()).isEqualTo("alice");
        assertThat(in.deviceCookie()).isNotBlank().isNotEqualTo(aliceCookie);
    }

    @Test
    void aForgedExpiredOrForeignCookieGivesNoBypass() {
        String mallorysOwn = accounts.login("mallory", PASSWORD, null, "10.0.0.66").deviceCookie();
        lockAliceOutFromElsewhere();
        String dot = ".";
        String payload = aliceCookie.substring(0, aliceCookie.indexOf(dot));
        String forged = payload + dot + "A".repeat(43);
        for (String cookie : new String[] {forged, mallorysOwn, "not a cookie", payload, aliceCookie + "x"}) {
            assertThatThrownBy(() -> accounts.login("alice", PASSWORD, cookie, "10.0.0.99"))
                    .as("cookie %s", cookie).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        }
        now.addAndGet(DeviceCookies.LIFETIME.toMillis() + 1);
        lockAliceOutFromElsewhere(); // the old block ran out meanwhile
        assertThatThrownBy(() -> accounts.login("alice", PASSWORD, aliceCookie, "10.0.0.99")).as("expired cookie")
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void guessesWithAStolenCookieAreLimitedPerCookie() {
        for (int i = 0; i < LoginThrottle.DEVICE_ALLOWANCE + 1; i++) {
            assertThatThrownBy(() -> accounts.login("alice", "guess", aliceCookie, "198.51.100.7"))
                    .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.AUTH_FAILED));
        }
        assertThatThrownBy(() -> accounts.login("alice", PASSWORD, aliceCookie, "198.51.100.7"))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(accounts.login("alice", PASSWORD, null, "10.0.0.1").username()).as("the account itself is not blocked").isEqualTo("alice");
    }

    @Test
    void resumeGivesNoCookieOnlyThePasswordDoes() {
        Accounts.Authenticated in = accounts.login("alice", PASSWORD, null, "10.0.0.1");
        assertThat(accounts.resume(in.token(), "10.0.0.1").deviceCookie()).isNull();
    }
}
