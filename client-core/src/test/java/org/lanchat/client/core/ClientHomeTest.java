package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.testing.LiveAppliance;

/**
 * A client program on a computer that has never seen the appliance: type its address, compare the short code,
 * trust it, log in, and find it again next time — the way the desktop app and the command line both start.
 */
class ClientHomeTest {
    @TempDir
    Path home;
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();

    @Test
    void anApplianceIsTrustedOnTheShortCodeThenUsedAndRememberedForNextTime() throws IOException {
        try (ClientHome first = ClientHome.open(home, false, LiveAppliance.OPTIONS)) {
            ApplianceChoice typed = first.directory().manual("127.0.0.1:" + live.appliance().port());
            try (ChatClient untrusted = first.clientFor(typed)) {
                assertThatThrownBy(() -> untrusted.register("rita", RunningAppliance.PASSWORD, null).join())
                        .as("nothing is trusted before the user compared the code")
                        .isInstanceOf(CompletionException.class).cause().isInstanceOf(IOException.class);
            }

            TrustInspection inspection = first.trust().inspect(typed);
            assertThat(inspection.verdict()).isEqualTo(TrustInspection.Verdict.FIRST_CONTACT);
            assertThat(inspection.presented().shortCode()).isEqualTo(live.appliance().fingerprint().shortCode());
            first.trust().trust(inspection);

            try (ChatClient client = first.clientFor(typed)) {
                Session session = client.register("rita", RunningAppliance.PASSWORD, null).join();
                assertThat(session.username()).isEqualTo("rita");
                first.directory().remember(typed);
            }
        }

        try (ClientHome again = ClientHome.open(home, false, LiveAppliance.OPTIONS)) {
            ApplianceChoice remembered = again.directory().lastGood().orElseThrow();
            assertThat(again.trust().inspect(remembered).verdict()).isEqualTo(TrustInspection.Verdict.TRUSTED);
            try (ChatClient client = again.clientFor(remembered)) {
                assertThat(client.login("rita", RunningAppliance.PASSWORD).join().username()).isEqualTo("rita");
            }
        }
    }

    @Test
    void underProvisionedTrustTheListedApplianceIsTrustedWithoutAskingAndAnEarlierUserDecisionNoLongerCounts()
            throws IOException {
        String code = live.appliance().fingerprint().shortCode();
        try (ClientHome first = ClientHome.open(home, false, LiveAppliance.OPTIONS)) {
            ApplianceChoice typed = first.directory().manual("127.0.0.1:" + live.appliance().port());
            first.trust().trust(first.trust().inspect(typed)); // the user trusted it on the short code
        }

        ProvisionedTrust other = ProvisionedTrust.load(home.resolve("absent"), List.of("0000-0000-0000"));
        try (ClientHome provisioned = ClientHome.open(home, false, LiveAppliance.OPTIONS, other)) {
            ApplianceChoice typed = provisioned.directory().manual("127.0.0.1:" + live.appliance().port());
            assertThat(provisioned.trust().inspect(typed).verdict()).isEqualTo(TrustInspection.Verdict.NOT_PROVISIONED);
            try (ChatClient refused = provisioned.clientFor(typed)) {
                assertThatThrownBy(() -> refused.register("rita", RunningAppliance.PASSWORD, null).join())
                        .as("the connection refuses what the administrator did not list, pinned or not")
                        .cause().isInstanceOf(IOException.class).hasMessageContaining("not one the administrator provisioned");
            }
        }

        ProvisionedTrust listed = ProvisionedTrust.load(home.resolve("absent"), List.of(code));
        Path fresh = live.dir().resolve("fresh-home");
        try (ClientHome provisioned = ClientHome.open(fresh, false, LiveAppliance.OPTIONS, listed)) {
            ApplianceChoice typed = provisioned.directory().manual("127.0.0.1:" + live.appliance().port());
            assertThat(provisioned.trust().inspect(typed).verdict()).as("no question asked")
                    .isEqualTo(TrustInspection.Verdict.TRUSTED);
            try (ChatClient client = provisioned.clientFor(typed)) {
                assertThat(client.register("rita", RunningAppliance.PASSWORD, null).join().username()).isEqualTo("rita");
            }
        }
    }

    /** Before anything is trusted or signed in: a first contact refused leaves a private directory too. */
    @Test
    void theDataDirectoryIsTheOwnersAloneFromTheMomentItIsCreated() throws IOException {
        Path dataDir = home.resolve("share").resolve("lanchat");
        try (ClientHome opened = ClientHome.open(dataDir, false, LiveAppliance.OPTIONS)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(opened.dataDir()))).isEqualTo("rwx------");
        }
    }

    @Test
    void theDefaultDataDirectoryFollowsXdgDataHomeThenHomeThenTheAccountsHome() {
        assertThat(ClientHome.defaultDataDir(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"), "/root"))
                .isEqualTo(Path.of("/x/lanchat"));
        assertThat(ClientHome.defaultDataDir(Map.of("HOME", "/tmp/elsewhere"), "/root"))
                .as("HOME set for the command, as the appliance reads it").isEqualTo(Path.of("/tmp/elsewhere/.local/share/lanchat"));
        assertThat(ClientHome.defaultDataDir(Map.of(), "/root")).isEqualTo(Path.of("/root/.local/share/lanchat"));
    }
}
