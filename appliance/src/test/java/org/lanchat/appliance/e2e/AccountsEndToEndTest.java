package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.SessionStarted;
import org.lanchat.protocol.message.SessionRequest;

/** Accounts over real TLS: registration, login, throttling, resume, logout, handshake rules. */
class AccountsEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;

    @BeforeEach
    void start() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void helloAnnouncesVersionLimitsAndTheTenStickers() {
        TestClient client = TestClient.connect(appliance.port(), appliance.fingerprint());
        SessionMessage.Welcome welcome = client.hello();
        assertThat(welcome.protocol()).isEqualTo(Protocol.VERSION);
        assertThat(welcome.applianceName()).isEqualTo("LAN Chat test");
        assertThat(welcome.limits().maxFrameBytes()).isEqualTo(1 << 20);
        assertThat(welcome.stickers()).hasSize(10).extracting(SessionMessage.Sticker::code).contains("smile", "thumbs_up");
        client.close();
    }

    @Test
    void anIncompatibleVersionGetsAClearErrorAndTheConnectionCloses() {
        TestClient client = TestClient.connect(appliance.port(), appliance.fingerprint());
        SessionMessage.Error error = client.requestError(new SessionRequest.Hello("h", 99, "future client"));
        assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(error.message()).contains("protocol 1").contains("99");
        client.awaitClosed();
    }

    @Test
    void requestsBeforeHelloOrLoginAreRefused() {
        TestClient client = TestClient.connect(appliance.port(), appliance.fingerprint());
        assertThat(client.requestError(new SessionRequest.Login("1", "alice", "whatever1", null)).code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        client.hello();
        SessionMessage.Error error = client.requestError(new Posting.Send("2", "c1", Conversation.GROUP, "hi", null));
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        assertThat(error.id()).isEqualTo("2");
        client.close();
    }

    @Test
    void registerThenLogInFromAnotherConnection() {
        SessionStarted registered = appliance.newUser("alice").received().stream()
                .filter(SessionStarted.class::isInstance).map(SessionStarted.class::cast).findFirst().orElseThrow();
        assertThat(registered.username()).isEqualTo("alice");
        assertThat(registered.token()).hasSizeGreaterThan(40);

        SessionStarted login = appliance.connect().login("ALICE", RunningAppliance.PASSWORD);
        assertThat(login.username()).as("the name as registered, whatever case was typed").isEqualTo("alice");
        assertThat(login.token()).isNotEqualTo(registered.token());
    }

    @Test
    void aNameTakenInAnotherCaseIsRefused() {
        appliance.newUser("Alice");
        SessionMessage.Error error = appliance.connect().requestError(new SessionRequest.Register("r", "aLiCe", "another password", null));
        assertThat(error.code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
    }

    /** §3.6: a name that looks like a registered one is taken, and the answer does not say whose it looks like. */
    @Test
    void aLookAlikeOfARegisteredNameIsTakenWithoutNamingIt() {
        appliance.newUser("alice");
        appliance.newUser("bob");
        for (String lookAlike : List.of("aIice", "a1ice", "ALIce_", "b0b", "B0B.")) {
            SessionMessage.Error error = appliance.connect().requestError(new SessionRequest.Register("r", lookAlike, "another password", null));
            assertThat(error.code()).as(lookAlike).isEqualTo(ErrorCode.USERNAME_TAKEN);
            assertThat(error.message()).as(lookAlike).doesNotContain("alice").doesNotContain("bob");
        }
        assertThat(appliance.connect().register("alicia", "another password").username()).isEqualTo("alicia");
    }

    @Test
    void invalidNamesAndWeakPasswordsAreRefusedWithReasons() {
        TestClient client = appliance.connect();
        assertThat(client.requestError(new SessionRequest.Register("1", "al", "long enough pw", null)).code())
                .isEqualTo(ErrorCode.INVALID_USERNAME);
        assertThat(client.requestError(new SessionRequest.Register("2", "bob smith", "long enough pw", null)).code())
                .isEqualTo(ErrorCode.INVALID_USERNAME);
        assertThat(client.requestError(new SessionRequest.Register("3", "robert'); DROP TABLE users;--", "long enough pw", null)).code())
                .isEqualTo(ErrorCode.INVALID_USERNAME);
        assertThat(client.requestError(new SessionRequest.Register("4", "../../etc/passwd", "long enough pw", null)).code())
                .isEqualTo(ErrorCode.INVALID_USERNAME);
        SessionMessage.Error weak = client.requestError(new SessionRequest.Register("5", "bobby", "short", null));
        assertThat(weak.code()).isEqualTo(ErrorCode.WEAK_PASSWORD);
        assertThat(weak.message()).contains("8");
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() {
        appliance.newUser("alice");
        TestClient client = appliance.connect();
        SessionMessage.Error wrongPassword = client.requestError(new SessionRequest.Login("1", "alice", "not the password", null));
        SessionMessage.Error unknownName = client.requestError(new SessionRequest.Login("2", "nobody", "not the password", null));
        assertThat(wrongPassword.code()).isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(unknownName.code()).isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(wrongPassword.message()).isEqualTo(unknownName.message());
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownWithoutRevealingTheAccount() {
        // The appliance's clock moves only when this test moves it: the one-second block after the sixth failure
        // lasts however long the machine takes over the password checks in between.
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        appliance.close();
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), UnaryOperator.identity(), now::get);
        appliance.newUser("alice");
        TestClient client = appliance.connect();
        List<ErrorCode> aliceCodes = new ArrayList<>();
        List<ErrorCode> ghostCodes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            aliceCodes.add(client.requestError(new SessionRequest.Login("a" + i, "alice", "guess number " + i, null)).code());
            ghostCodes.add(client.requestError(new SessionRequest.Login("g" + i, "ghost", "guess number " + i, null)).code());
        }
        assertThat(aliceCodes).as("five free failures, a sixth that blocks, then refusals")
                .containsExactly(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED,
                        ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED, ErrorCode.RATE_LIMITED);
        assertThat(ghostCodes).as("an unknown name is throttled exactly like a real one").isEqualTo(aliceCodes);
        SessionMessage.Error limited = client.requestError(new SessionRequest.Login("x", "alice", RunningAppliance.PASSWORD, null));
        assertThat(limited.code()).as("even the right password waits").isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(limited.retryAfterMs()).as("the first block: one second").isEqualTo(1_000L);

        now.addAndGet(limited.retryAfterMs());
        assertThat(client.login("alice", RunningAppliance.PASSWORD).username()).as("once the block has run out").isEqualTo("alice");

        // The real user, from another address, is not locked out by someone guessing from this one.
        // (Every test connection comes from 127.0.0.1, so this is checked in LoginThrottleTest.)
    }

    @Test
    void resumeLogsInWithTheTokenAloneAndLogoutRevokesIt() {
        TestClient first = appliance.newUser("alice");
        String token = first.token();

        TestClient second = appliance.connect();
        assertThat(second.resume(token).username()).isEqualTo("alice");

        first.request(new SessionRequest.Logout(first.nextId()), SessionMessage.Ok.class);
        SessionMessage.Error revoked = appliance.connect().requestError(new SessionRequest.Resume("r", token));
        assertThat(revoked.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
        SessionMessage.Error afterLogout = first.requestError(new ProfileRequest.RosterRequest("x"));
        assertThat(afterLogout.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    }

    @Test
    void resumeTokensSurviveARestart() {
        String token = appliance.newUser("alice").token();
        appliance.restart();
        assertThat(appliance.connect().resume(token).username()).isEqualTo("alice");
    }

    @Test
    void manyConcurrentLoginsAllSucceed() throws Exception {
        int users = 24;
        for (int i = 0; i < users; i++) {
            appliance.newUser("user" + i).close();
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Callable<SessionStarted>> logins = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String name = "user" + i;
            logins.add(() -> appliance.connect().login(name, RunningAppliance.PASSWORD));
        }
        List<String> names = new ArrayList<>();
        for (Future<SessionStarted> f : pool.invokeAll(logins)) {
            names.add(f.get().username());
        }
        pool.shutdown();
        assertThat(names).hasSize(users).doesNotHaveDuplicates();
    }
}
