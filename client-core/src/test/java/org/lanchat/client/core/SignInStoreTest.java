package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.SignInStore.SignIn;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** Who is signed in where: one user per appliance, shared by the client programs, private to the user. */
class SignInStoreTest {
    private static final CertificateFingerprint OFFICE = new CertificateFingerprint("a".repeat(64));
    private static final CertificateFingerprint LAB = new CertificateFingerprint("b".repeat(64));
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path home;

    private static SignIn signIn(String user, String token, Instant expires) {
        return new SignIn(user, new ResumeToken(token, expires));
    }

    @Test
    void oneSignInPerApplianceSeenByEveryClientProgramOnTheComputer() throws IOException {
        Path dataDir = home.resolve("lanchat");
        SignInStore desktop = new SignInStore(dataDir, CLOCK);
        SignInStore commandLine = new SignInStore(dataDir, CLOCK);
        Instant later = NOW.plus(30, ChronoUnit.DAYS);

        desktop.remember(OFFICE, signIn("dora", "token-1", later));
        commandLine.remember(LAB, signIn("ed", "token-2", later));
        assertThat(commandLine.signInFor(OFFICE)).contains(signIn("dora", "token-1", later));
        assertThat(desktop.signInFor(LAB)).contains(signIn("ed", "token-2", later));

        commandLine.remember(OFFICE, signIn("fay", "token-3", later));
        assertThat(desktop.signInFor(OFFICE)).as("the last sign-in replaces the previous user's")
                .contains(signIn("fay", "token-3", later));
    }

    @Test
    void signingOutForgetsOnlyThatAppliance() throws IOException {
        SignInStore store = new SignInStore(home, CLOCK);
        Instant later = NOW.plus(1, ChronoUnit.DAYS);
        store.remember(OFFICE, signIn("dora", "t1", later));
        store.remember(LAB, signIn("dora", "t2", later));

        store.forget(OFFICE);
        store.forget(OFFICE);

        assertThat(store.signInFor(OFFICE)).isEmpty();
        assertThat(store.signInFor(LAB)).contains(signIn("dora", "t2", later));
    }

    @Test
    void anExpiredTokenIsNoSignIn() throws IOException {
        SignInStore store = new SignInStore(home, CLOCK);
        store.remember(OFFICE, signIn("dora", "old", NOW));
        assertThat(store.signInFor(OFFICE)).isEmpty();
    }

    @Test
    void theFileIsTheUsersAloneWhateverTheUmaskAllowed() throws IOException {
        Path dataDir = home.resolve("lanchat");
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = dataDir.resolve(SignInStore.FILE_NAME);
        Files.writeString(file, "", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        new SignInStore(dataDir, CLOCK).remember(OFFICE, signIn("dora", "secret", NOW.plus(1, ChronoUnit.DAYS)));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }

    @Test
    void aDamagedFileMeansTypingThePasswordAgain() throws IOException {
        Path file = home.resolve(SignInStore.FILE_NAME);
        Files.writeString(file, OFFICE.hex() + ".user=dora\n" + OFFICE.hex() + ".token=\\u00zz\n", StandardCharsets.UTF_8);
        assertThat(new SignInStore(home, CLOCK).signInFor(OFFICE)).as("unreadable").isEmpty();

        Files.writeString(file, OFFICE.hex() + ".user=dora\n" + OFFICE.hex() + ".token=t\n" + OFFICE.hex()
                + ".expires=soon\n", StandardCharsets.UTF_8);
        assertThat(new SignInStore(home, CLOCK).signInFor(OFFICE)).as("no expiry").isEmpty();
    }

    @Test
    void theTokenNeverShowsInTheSignInsText() {
        assertThat(signIn("dora", "very-secret", NOW).toString()).doesNotContain("very-secret");
    }
}
