package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * The client keeps a peer credential (PROTOCOL.md §7.13) for its user, renewed at every session start,
 * against the real appliance: the one it holds is accepted by a peer that pinned the appliance, a resume
 * after the appliance restarts renews it, a lost connection keeps it, and a logout forgets it.
 */
class PeerCredentialRenewalTest {
    final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension(UnaryOperator.identity(), clock::get);

    @Test
    void aSessionHoldsACredentialForItsUserThatIsRenewedByAResumeAndForgottenAtLogout() throws Exception {
        EventRecorder events = new EventRecorder();
        ChatClient dora = live.user("dora", events);

        PeerCredential first = awaitCredential(dora, c -> true);
        assertThat(first.username()).isEqualTo("dora");
        assertThat(first.issuedAt()).isEqualTo(clock.get());
        assertThat(PeerCredentials.verify(first, live.appliance().fingerprint(), Instant.now())).isNotNull();

        live.appliance().stop();
        events.awaitStatus(ConnectionStatus.RECONNECTING);
        assertThat(dora.peerCredential().join()).as("kept while the appliance is away").contains(first);

        clock.addAndGet(Duration.ofHours(1).toMillis());
        live.appliance().restart();
        events.await(ClientEvent.SessionStarted.class, ClientEvent.SessionStarted::resumed);
        PeerCredential renewed = awaitCredential(dora, c -> c.issuedAt() > first.issuedAt());
        assertThat(renewed.expiresAt() - first.expiresAt()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(renewed.publicKey()).as("the same key, signed again").isEqualTo(first.publicKey());

        dora.logout().join();
        assertThat(dora.peerCredential().join()).isEmpty();
    }

    private static PeerCredential awaitCredential(ChatClient client, Predicate<PeerCredential> matching) {
        return await().atMost(EventRecorder.TIMEOUT)
                .until(() -> client.peerCredential().join().filter(matching), Optional::isPresent).orElseThrow();
    }
}
