package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.avatar.AvatarProcessor;
import org.lanchat.appliance.avatar.AvatarService;
import org.lanchat.appliance.avatar.DefaultAvatars;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.AvatarStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.SessionStore;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.protocol.ErrorCode;

/**
 * A registration that cannot succeed is refused before its password is hashed: refused registrations are not
 * counted against an address, so when each cost a hash, anyone could slow every login down by registering a taken
 * name over and over. Shown here with the one hashing permit held elsewhere: a registration that got as far as
 * hashing would be answered busy.
 */
class RegistrationBeforeHashingTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;
    private Database db;
    private final HashingGate gate = new HashingGate(1, 1, 50);
    private AccountService accounts;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open("jdbc:h2:file:" + dir.resolve("db/lanchat") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", null, null);
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        UserStore users = new UserStore(db);
        accounts = new AccountService(users, new SessionStore(db), new UserDirectory(users),
                new AvatarService(new AvatarStore(db), new AvatarProcessor(), new DefaultAvatars(), now::get),
                new PasswordHasher(1024, 1), gate, new LoginThrottle(now::get), DeviceCookies.loadOrCreate(dir, now::get),
                now::get);
        accounts.register("alice", PASSWORD, null, "Alice Liddell", "10.0.0.1");
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> gate.run("192.0.2.9", () -> {
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        db.close();
    }

    @Test
    void aTakenNameOrALookAlikeIsRefusedWithoutAHash() {
        for (String name : new String[] {"alice", "ALICE", "a1ice"}) {
            Refused refused = catchThrowableOfType(Refused.class,
                    () -> accounts.register(name, PASSWORD, null, null, "10.0.0.66"));
            assertThat(refused.code()).as(name).isEqualTo(ErrorCode.USERNAME_TAKEN);
        }
    }

    @Test
    void aDisplayNameLikeSomeoneElsesIsRefusedWithoutAHash() {
        Refused refused = catchThrowableOfType(Refused.class,
                () -> accounts.register("mallory", PASSWORD, null, "Alice Liddell", "10.0.0.66"));
        assertThat(refused.code()).isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN);
    }

    @Test
    void aFreeNameGetsAsFarAsTheHash() {
        Refused refused = catchThrowableOfType(Refused.class,
                () -> accounts.register("bob", PASSWORD, null, null, "10.0.0.2"));
        assertThat(refused.code()).as("the permit is held: the hash waits, then gives up").isEqualTo(ErrorCode.BUSY);
    }
}
