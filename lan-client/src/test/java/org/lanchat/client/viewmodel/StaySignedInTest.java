package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientEvent.EndReason;
import org.lanchat.client.core.LastUsernames;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.trust.CertificateFingerprint;

/** The resume token of every session is kept for the next start, and signing out forgets it but not the name. */
class StaySignedInTest {
    static final CertificateFingerprint OFFICE = new CertificateFingerprint("3a".repeat(32));
    @TempDir
    Path dir;

    @Test
    void aSessionThatStartsIsKeptPrivatelyAndSigningOutForgetsTheTokenButNotTheUsername() throws Exception {
        StaySignedIn signedIn = keeper();

        signedIn.onEvent(new ClientEvent.SessionStarted(FakeChatService.session("alice"), false));

        assertThat(signedIn.kept()).hasValueSatisfying(kept -> {
            assertThat(kept.username()).isEqualTo("alice");
            assertThat(kept.token().value()).isEqualTo("token-of-alice");
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SignInStore.FILE_NAME))))
                .isEqualTo("rw-------");

        signedIn.onEvent(new ClientEvent.SessionEnded(EndReason.LOGGED_OUT, "Logged out."));

        assertThat(signedIn.kept()).isEmpty();
        assertThat(keeper().lastUsername()).as("on the login form next time").contains("alice");
    }

    @Test
    void aTokenTheApplianceEndedIsForgottenButACertificateProblemKeepsIt() {
        StaySignedIn signedIn = keeper();
        signedIn.onEvent(new ClientEvent.SessionStarted(FakeChatService.session("alice"), false));

        signedIn.onEvent(new ClientEvent.SessionEnded(EndReason.CERTIFICATE_CHANGED, "refused"));
        assertThat(signedIn.kept()).isPresent();

        signedIn.onEvent(new ClientEvent.SessionEnded(EndReason.TOKEN_INVALID, "ended"));
        assertThat(signedIn.kept()).isEmpty();
    }

    private StaySignedIn keeper() {
        return new StaySignedIn(new SignInStore(dir), new LastUsernames(dir), OFFICE, SameThread.EXECUTOR);
    }
}
