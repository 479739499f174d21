package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * The client side of device cookies (PROTOCOL.md §7.11) against the real appliance: the client keeps the
 * cookie of every session in its data directory, readable by the user alone, and presents it with its next
 * login, so that a colleague at the same address (a shared desk, a NAT) who guesses the owner's password
 * cannot keep her client out. The appliance's clock stands still: the block lasts for the whole test.
 */
class DeviceCookieLoginTest {
    @TempDir
    Path otherComputer;
    final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension(UnaryOperator.identity(), clock::get);

    @Test
    void theOwnersClientPresentsTheCookieOfItsLastSessionAndGetsPastGuessesFromItsOwnAddress() throws IOException {
        CertificateFingerprint appliance = live.appliance().fingerprint();
        try (ChatClient first = client(live.clientDir())) {
            first.register("dora", RunningAppliance.PASSWORD, null).join();
        }
        Path file = live.clientDir().resolve(DeviceCookies.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).as("readable by the user alone")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String fromRegistration = DeviceCookies.open(live.clientDir()).cookieFor(appliance, "DORA").orElseThrow();

        // Someone at the same address: five wrong passwords are free, the sixth is checked and blocks the
        // name from this address.
        TestClient guesser = live.appliance().connect();
        for (int i = 0; i < 6; i++) {
            assertThat(guesser.requestError(new SessionRequest.Login(guesser.nextId(), "dora", "guess " + i, null)).code())
                    .isEqualTo(ErrorCode.AUTH_FAILED);
        }
        try (ChatClient stranger = client(otherComputer)) {
            assertThatThrownBy(() -> stranger.login("dora", RunningAppliance.PASSWORD).join())
                    .as("a client with no cookie, from the same address, with the right password")
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        }

        // The owner's client program, started again on its data directory.
        try (ChatClient again = client(live.clientDir())) {
            assertThat(again.login("dora", RunningAppliance.PASSWORD).join().username()).isEqualTo("dora");
        }
        assertThat(DeviceCookies.open(live.clientDir()).cookieFor(appliance, "dora")).as("replaced by the new session's")
                .isPresent().get().isNotEqualTo(fromRegistration);
    }

    private ChatClient client(Path dataDir) {
        ChatClient client = new ChatClient(live.connector(), LiveAppliance.OPTIONS, DeviceCookies.open(dataDir));
        live.track(client);
        return client;
    }
}
