package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.peer.PeerIdentity;
import org.lanchat.client.core.peer.PeerLink;
import org.lanchat.client.core.peer.PeerNode;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;

/**
 * With peer links on, a logged-in client takes colleagues' links on its own port, tells the appliance that
 * port with its credential, and keeps where the others online take theirs (PROTOCOL.md §7.15): learned at
 * its login, and again whenever someone comes online. What it lists is really there: a colleague dialing
 * that address meets the user the list names.
 */
class PeerAssistTest {
    @RegisterExtension
    final LiveAppliance live = LiveAppliance.extension();

    @Test
    void eachClientKnowsWhereTheOtherTakesPeerLinksAndTheOtherIsThere() throws Exception {
        ChatClient dora = user("dora");
        ChatClient eddy = user("eddy");
        int dorasPort = dora.peerLinkAddress().join().orElseThrow().getPort();
        int eddysPort = eddy.peerLinkAddress().join().orElseThrow().getPort();

        await().atMost(EventRecorder.TIMEOUT).until(() -> eddy.knownPeers().join(),
                peers -> peers.contains(new PeerAddress("dora", "127.0.0.1", dorasPort)));
        await("learned when eddy came online").atMost(EventRecorder.TIMEOUT).until(() -> dora.knownPeers().join(),
                peers -> peers.contains(new PeerAddress("eddy", "127.0.0.1", eddysPort)));

        // A colleague with a credential of its own dials the address dora's list gives for eddy.
        TestClient frank = live.appliance().newUser("frank");
        PeerIdentity franksKey = PeerIdentity.generate();
        PeerCredential franks = frank.request(new PeerCredentialRequest(frank.nextId(), franksKey.publicKey()),
                PeerCredentialIssued.class).credential();
        PeerAddress eddysEntry = dora.knownPeers().join().stream().filter(p -> p.username().equals("eddy")).findFirst().orElseThrow();
        try (PeerNode franksNode = PeerNode.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), franksKey,
                () -> franks, live.appliance().fingerprint(), Instant::now, new NothingHeard())) {
            PeerLink link = franksNode.connect(new InetSocketAddress(eddysEntry.address(), eddysEntry.port()));
            assertThat(link.peer()).isEqualTo("eddy");
        }
    }

    @Test
    void withoutPeerLinksAClientTakesNoneAndIsNotListed() {
        ChatClient dora = user("dora");
        ChatClient quiet = live.user("quiet", new EventRecorder());
        assertThat(quiet.peerLinkAddress().join()).isEmpty();

        await().atMost(EventRecorder.TIMEOUT).until(() -> quiet.peerCredential().join().isPresent()
                && !quiet.knownPeers().join().isEmpty());
        assertThat(dora.knownPeers().join()).extracting(PeerAddress::username).doesNotContain("quiet");
        assertThat(quiet.knownPeers().join()).extracting(PeerAddress::username).containsExactly("dora");
    }

    /**
     * A logout ends the session's peer key on the appliance (§7.12), and a copy of it taken before must stay dead: the
     * desktop app, one process, logged out and in again and had the same key signed anew.
     */
    @Test
    void aLoginAfterALogoutInTheSameProgramHasANewKeySigned() {
        ChatClient dora = user("dora");
        await().atMost(EventRecorder.TIMEOUT).until(() -> dora.peerCredential().join().isPresent());
        byte[] before = dora.peerCredential().join().orElseThrow().publicKey();

        dora.logout().join();
        dora.login("dora", org.lanchat.appliance.testing.RunningAppliance.PASSWORD).join();

        await().atMost(EventRecorder.TIMEOUT).until(() -> dora.peerCredential().join()
                .filter(credential -> !java.util.Arrays.equals(credential.publicKey(), before)).isPresent());
        int port = dora.peerLinkAddress().join().orElseThrow().getPort();
        ChatClient eddy = user("eddy");
        await().atMost(EventRecorder.TIMEOUT).until(() -> eddy.knownPeers().join(),
                peers -> peers.contains(new PeerAddress("dora", "127.0.0.1", port)));
    }

    private ChatClient user(String name) {
        return live.user(name, new EventRecorder(), LiveAppliance.PEER_LINKS);
    }

    private static final class NothingHeard implements PeerNode.Listener {
        @Override
        public void connected(PeerLink link) {
        }

        @Override
        public void received(PeerLink link, DirectMessage message) {
        }
    }
}
