package org.lanchat.client.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.trust.PeerCredentials;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.lanchat.protocol.trust.UntrustedPeerException.Reason;

/**
 * Peer links (PROTOCOL.md §10) between real clients' ends on loopback, with credentials from a real
 * appliance: colleagues who hold credentials from the pinned appliance talk, and every rogue is refused —
 * another appliance's credential naming a real user, a copied credential, an expired one — and a message
 * its sender did not sign is never heard.
 */
class PeerLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Supplier<Instant> NOW = Instant::now;

    @TempDir
    Path dir;
    RunningAppliance appliance;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() {
        appliance = RunningAppliance.startEmbeddedIn(dir.resolve("appliance"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        appliance.close();
    }

    @Test
    void colleaguesWithCredentialsFromThePinnedApplianceKnowEachOtherAndExchangeSignedMessages() throws Exception {
        Peer alice = peer(appliance, "alice", NOW);
        Peer bob = peer(appliance, "bob", NOW);

        PeerLink toBob = alice.node.connect(bob.node.address());
        assertThat(toBob.peer()).isEqualTo("bob");
        await().atMost(WAIT).until(() -> !bob.events.connected.isEmpty());
        PeerLink toAlice = bob.events.connected.getFirst();
        assertThat(toAlice.peer()).isEqualTo("alice");

        toBob.send(alice.sign("a-1", Conversation.GROUP, "the appliance is down"));
        toAlice.send(bob.sign("b-1", Conversation.with("alice"), "still here"));

        await().atMost(WAIT).until(() -> bob.events.received.size() == 1 && alice.events.received.size() == 1);
        assertThat(bob.events.received.getFirst().text()).isEqualTo("the appliance is down");
        assertThat(alice.events.received.getFirst().conversation()).isEqualTo(Conversation.with("alice"));
    }

    @Test
    void aCredentialFromAnotherApplianceNamingARealUserIsRefusedEitherWay() throws Exception {
        Peer bob = peer(appliance, "bob", NOW);
        Peer mallory;
        try (RunningAppliance rogue = RunningAppliance.startEmbeddedIn(dir.resolve("rogue"))) {
            mallory = peer(rogue, "alice", NOW, appliance);
        }

        // Mallory dials bob: bob's end refuses her and hangs up; nothing she sends is heard.
        PeerLink toBob = mallory.node.connect(bob.node.address());
        try {
            toBob.send(mallory.sign("m-1", Conversation.GROUP, "I am alice"));
        } catch (IOException hungUp) {
            // Bob's end may already have refused her and closed the link.
        }
        await().atMost(WAIT).until(() -> mallory.events.closed.contains(toBob));
        assertThat(bob.events.connected).isEmpty();
        assertThat(bob.events.received).isEmpty();

        // Bob dials mallory: his end refuses her credential.
        assertThatThrownBy(() -> bob.node.connect(mallory.node.address()))
                .isInstanceOfSatisfying(UntrustedPeerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_APPLIANCE));
    }

    @Test
    void aCopiedCredentialIsRefusedBecauseItsHolderCannotProveTheKey() throws Exception {
        Peer alice = peer(appliance, "alice", NOW);
        Peer bob = peer(appliance, "bob", NOW);
        PeerIdentity mallorysKey = PeerIdentity.generate();
        PeerNode mallory = node(mallorysKey, () -> alice.credential, NOW, new Events());

        assertThatThrownBy(() -> bob.node.connect(mallory.address()))
                .isInstanceOfSatisfying(UntrustedPeerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_KEY));
    }

    @Test
    void anExpiredCredentialIsRefused() throws Exception {
        Peer bob = peer(appliance, "bob", NOW);
        Peer carolEightDaysLater = peer(appliance, "carol", () -> Instant.now().plus(Duration.ofDays(8)));

        assertThatThrownBy(() -> carolEightDaysLater.node.connect(bob.node.address()))
                .isInstanceOfSatisfying(UntrustedPeerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void aMessageTheOtherSidesUserDidNotSignIsDroppedAndTheLinkGoesOn() throws Exception {
        Peer alice = peer(appliance, "alice", NOW);
        Peer carol = peer(appliance, "carol", NOW);
        PeerLink toAlice = carol.node.connect(alice.node.address());

        // Signed by alice's own key, sent by carol: a message carol's user did not sign.
        toAlice.send(alice.sign("forged", Conversation.GROUP, "carol puts words in alice's mouth"));
        toAlice.send(carol.sign("c-1", Conversation.GROUP, "hello from carol"));

        await().atMost(WAIT).until(() -> !alice.events.received.isEmpty());
        assertThat(alice.events.received).extracting(DirectMessage::clientMsgId).containsExactly("c-1");
    }

    /** One colleague's client: its key, the credential the appliance signed, its node and what it heard. */
    private final class Peer {
        final PeerIdentity identity = PeerIdentity.generate();
        final Events events = new Events();
        PeerCredential credential;
        PeerNode node;

        DirectMessage sign(String clientMsgId, Conversation conversation, String text) throws GeneralSecurityException {
            return PeerCredentials.signMessage(credential.username(), clientMsgId, conversation, text, null, Instant.now(),
                    identity.keys().getPrivate());
        }
    }

    private Peer peer(RunningAppliance issuer, String name, Supplier<Instant> clock) throws IOException {
        return peer(issuer, name, clock, issuer);
    }

    /** A user of {@code issuer} whose client pinned {@code pinnedOne}. */
    private Peer peer(RunningAppliance issuer, String name, Supplier<Instant> clock, RunningAppliance pinnedOne)
            throws IOException {
        Peer peer = new Peer();
        TestClient client = issuer.newUser(name);
        peer.credential = client.request(new PeerCredentialRequest(client.nextId(), peer.identity.publicKey()),
                PeerCredentialIssued.class).credential();
        peer.node = PeerNode.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), peer.identity,
                () -> peer.credential, pinnedOne.fingerprint(), clock, peer.events);
        toClose.add(peer.node);
        return peer;
    }

    private PeerNode node(PeerIdentity identity, Supplier<PeerCredential> credential, Supplier<Instant> clock, Events events)
            throws IOException {
        PeerNode node = PeerNode.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), identity, credential,
                appliance.fingerprint(), clock, events);
        toClose.add(node);
        return node;
    }

    private static final class Events implements PeerNode.Listener {
        final List<PeerLink> connected = new CopyOnWriteArrayList<>();
        final List<DirectMessage> received = new CopyOnWriteArrayList<>();
        final List<PeerLink> closed = new CopyOnWriteArrayList<>();

        @Override
        public void connected(PeerLink link) {
            connected.add(link);
        }

        @Override
        public void received(PeerLink link, DirectMessage message) {
            received.add(message);
        }

        @Override
        public void closed(PeerLink link) {
            closed.add(link);
        }
    }

}
