package org.lanchat.client.cli;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.PeerAssistStore;
import org.lanchat.client.core.peer.PeerIdentity;
import org.lanchat.client.core.peer.PeerLink;
import org.lanchat.client.core.peer.PeerNode;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.discovery.DiscoveredPeer;
import org.lanchat.discovery.InterfaceSelection;
import org.lanchat.discovery.PeerAdvertiser;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.discovery.testing.TestCertificates;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * Child process: a rogue host on the LAN while colleagues chat directly. It finds a client in peer mode by DNS-SD
 * (the advertisement says which appliance it belongs to) and advertises a valid-looking peer of its own, then
 * tries, one after another:
 * <ul>
 *   <li>{@code other-appliance}: a credential naming a real user, signed by a second appliance's key;</li>
 *   <li>{@code copied}: a real user's genuine credential (read from their computer), shown with another key;</li>
 *   <li>{@code silent}: a TCP connection that never says who it is.</li>
 * </ul>
 *
 * <pre>--interfaces lanN --appliance-fp HEX --victim-data DIR --user NAME</pre>
 *
 * Events: {@code found peer=}, {@code advertising}, then per attempt {@code attempt mode= outcome=}: {@code
 * closed} when the client hung up on it, {@code linked} if a link came up and stayed (the client believed it).
 */
public final class RoguePeerMain {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private RoguePeerMain() {
    }

    public static void main(String[] arguments) throws Exception {
        String interfaceName = value(arguments, "--interfaces");
        CertificateFingerprint appliance = new CertificateFingerprint(value(arguments, "--appliance-fp"));
        String user = value(arguments, "--user");
        InterfaceSelection interfaces = InterfaceSelection.only(interfaceName);

        DiscoveredPeer victim;
        try (ApplianceBrowser browser = ApplianceBrowser.start(interfaces)) {
            CompletableFuture<DiscoveredPeer> found = new CompletableFuture<>();
            Runnable look = () -> browser.peers().stream().filter(p -> p.appliance().equals(appliance)).findFirst()
                    .ifPresent(found::complete);
            browser.addPeerListener(look);
            look.run();
            victim = found.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        ChildEvent.emit("found", "peer", victim.socketAddress().getAddress().getHostAddress() + ":" + victim.port());

        // A second appliance: a certificate and key of its own, vouching for the real user's name.
        KeyStore second = TestCertificates.load(TestCertificates.keystore("rogue"));
        PrivateKey secondKey = (PrivateKey) second.getKey(TestCertificates.ALIAS, TestCertificates.PASSWORD.toCharArray());
        byte[] secondCertificate = second.getCertificate(TestCertificates.ALIAS).getEncoded();
        PeerIdentity mine = PeerIdentity.generate();
        PeerCredential forged = PeerCredentials.sign(user, mine.publicKey(), Instant.now(), Instant.now().plus(Duration.ofDays(7)),
                secondKey, secondCertificate);
        try (PeerNode node = PeerNode.start(new InetSocketAddress(0), mine, () -> forged, appliance, Instant::now, new Quiet());
                PeerAdvertiser advertised = PeerAdvertiser.start(node.address().getPort(), 1, appliance, interfaces)) {
            advertised.awaitAnnounced(PATIENCE);
            ChildEvent.emit("advertising");
            ChildEvent.emit("attempt", "mode", "other-appliance", "outcome", attempt(node, victim, mine, forged));
        }

        PeerCredential genuine = new PeerAssistStore(Path.of(value(arguments, "--victim-data"))).load(appliance).credential();
        PeerIdentity another = PeerIdentity.generate();
        try (PeerNode node = PeerNode.start(new InetSocketAddress(0), another, () -> genuine, appliance, Instant::now, new Quiet())) {
            ChildEvent.emit("attempt", "mode", "copied", "outcome", attempt(node, victim, another, genuine));
        }

        try (Socket silent = new Socket()) {
            silent.connect(victim.socketAddress(), 5_000);
            silent.setSoTimeout((int) PATIENCE.toMillis());
            long started = System.nanoTime();
            InputStream in = silent.getInputStream();
            while (in.read() >= 0) {
                // The client's TLS handshake messages; then it hangs up on a peer that never says who it is.
            }
            ChildEvent.emit("attempt", "mode", "silent", "outcome", "closed", "after-ms",
                    (System.nanoTime() - started) / 1_000_000);
        }
        System.exit(0);
    }

    /** Dials the client and, if a link comes up, says something in the name of the credential's user. */
    private static String attempt(PeerNode node, DiscoveredPeer victim, PeerIdentity identity, PeerCredential credential) {
        try (PeerLink link = node.connect(victim.socketAddress())) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            DirectMessage message = PeerCredentials.signMessage(credential.username(), UUID.randomUUID().toString(),
                    Conversation.GROUP, "rogue says hello as " + credential.username(), null, Instant.now(),
                    identity.keys().getPrivate());
            try {
                link.send(message);
            } catch (java.io.IOException e) {
                return "closed";
            }
            return closedWithin(link) ? "closed" : "linked";
        } catch (Exception e) {
            return "closed";
        }
    }

    /** Whether the client hangs up within a few seconds: a refused peer's link ends at once. */
    private static boolean closedWithin(PeerLink link) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                link.acknowledge("probe");
            } catch (java.io.IOException e) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static String value(String[] arguments, String key) {
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals(key)) {
                return arguments[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + key);
    }

    /** Hears nothing worth telling: a rogue has no use for what the client says. */
    private static final class Quiet implements PeerNode.Listener {
        @Override
        public void connected(PeerLink link) {
        }

        @Override
        public void received(PeerLink link, DirectMessage message) {
        }
    }
}
