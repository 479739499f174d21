package org.lanchat.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.SessionStarted;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Someone who knows a colleague's username guesses her password from many machines, to keep her out
 * (PROTOCOL §7.11, "Device cookies"), over real TLS: each loopback address 127.x.y.z is another machine to
 * the appliance. The guesses engage the account-wide block, as they should; the owner, on the device where
 * she logged in before, still gets in at once with the cookie that login gave her; without it, or with a
 * cookie that is not hers, she is blocked like everyone else.
 *
 * <p>The appliance's clock stands still, so the block the attack sets lasts for the whole test however
 * long each password check takes.
 */
class TargetedLockoutTest {
    private static final String OWNERS_DESK = "127.0.0.2";
    private static final String ATTACKERS_DESK = "127.0.0.66";
    /** Addresses the guesses come from: each is allowed 5 failures on the name, and the 6th is checked. */
    private static final int GUESSING_ADDRESSES = 12;
    private static final int GUESSES_PER_ADDRESS = 6;

    @TempDir
    Path dir;
    RunningAppliance appliance;
    final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    @BeforeEach
    void start() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), UnaryOperator.identity(), clock::get);
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void guessesFromManyAddressesLockTheNameButNotTheOwnersOwnDevice() {
        String ownersCookie = appliance.connectFrom(OWNERS_DESK).register("alice", RunningAppliance.PASSWORD).deviceCookie();
        String attackersOwnCookie = appliance.connectFrom(ATTACKERS_DESK).register("mallory", RunningAppliance.PASSWORD)
                .deviceCookie();
        assertThat(ownersCookie).as("the session reply after register carries a device cookie").isNotBlank();

        List<ErrorCode> answers = new ArrayList<>();
        for (int address = 0; address < GUESSING_ADDRESSES; address++) {
            TestClient guesser = appliance.connectFrom("127.0.1." + (10 + address));
            for (int i = 0; i < GUESSES_PER_ADDRESS; i++) {
                answers.add(loginError(guesser, "alice", "guess " + address + "/" + i, null).code());
            }
        }
        Map<ErrorCode, Long> counted = answers.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertThat(counted).as("50 failures are free on a name, the 51st is checked and blocks it; the rest wait")
                .containsExactlyInAnyOrderEntriesOf(Map.of(ErrorCode.AUTH_FAILED, 51L,
                        ErrorCode.RATE_LIMITED, (long) GUESSING_ADDRESSES * GUESSES_PER_ADDRESS - 51));

        TestClient fresh = appliance.connectFrom("127.0.2.1");
        assertThat(loginError(fresh, "alice", "a guess from a new address", null).code())
                .as("the block is on the name, whatever the address").isEqualTo(ErrorCode.RATE_LIMITED);
        TestClient desk = appliance.connectFrom(OWNERS_DESK);
        assertThat(loginError(desk, "alice", RunningAppliance.PASSWORD, null).code())
                .as("the owner with the right password but no cookie").isEqualTo(ErrorCode.RATE_LIMITED);

        // The attacker knows cookies exist: none that is not alice's own gets him (or anyone) past the
        // block, not even with the right password.
        TestClient attacker = appliance.connectFrom(ATTACKERS_DESK);
        Map<String, String> notHers = Map.of(
                "mallory's own genuine cookie", attackersOwnCookie,
                "alice's cookie with a forged payload", forgedPayload(ownersCookie),
                "alice's cookie with its signature changed", changedSignature(ownersCookie),
                "not a cookie at all", "cookie");
        notHers.forEach((what, cookie) -> assertThat(loginError(attacker, "alice", RunningAppliance.PASSWORD, cookie).code())
                .as(what).isEqualTo(ErrorCode.RATE_LIMITED));

        SessionStarted in = desk.login("alice", RunningAppliance.PASSWORD, ownersCookie);
        assertThat(in.username()).as("the owner on her own device, at once").isEqualTo("alice");
        assertThat(in.deviceCookie()).as("a new cookie for her next login").isNotBlank().isNotEqualTo(ownersCookie);
        assertThat(loginError(appliance.connectFrom("127.0.2.2"), "alice", "another guess", null).code())
                .as("her login lifts nothing for anyone else").isEqualTo(ErrorCode.RATE_LIMITED);
    }

    private static SessionMessage.Error loginError(TestClient client, String name, String password, String deviceCookie) {
        return client.requestError(new SessionRequest.Login(client.nextId(), name, password, deviceCookie));
    }

    /** The cookie's signature over a payload that says something else (a later expiry). */
    private static String forgedPayload(String cookie) {
        int dot = cookie.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(cookie.substring(0, dot)), StandardCharsets.UTF_8);
        String[] parts = payload.split("\\|");
        parts[2] = Long.toString(Long.parseLong(parts[2]) + 1);
        String forged = String.join("|", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + cookie.substring(dot);
    }

    /** The cookie's payload with the first character of its signature replaced. */
    private static String changedSignature(String cookie) {
        int dot = cookie.indexOf('.');
        char first = cookie.charAt(dot + 1);
        return cookie.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + cookie.substring(dot + 2);
    }
}
