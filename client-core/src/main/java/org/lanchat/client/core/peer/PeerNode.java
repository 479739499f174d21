package org.lanchat.client.core.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's end of peer links (PROTOCOL.md §10): listens for colleagues' clients on one address and
 * dials theirs, and hands every link that proved who is on the other side to its {@link Listener}. A peer
 * that cannot prove it (no credential, another appliance's, an expired one, a credential for another key)
 * is refused and logged, and nothing it sends is heard.
 */
public final class PeerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerNode.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** What the owner hears, on the links' threads. */
    public interface Listener extends PeerLink.Listener {
        /** A colleague's client connected and proved who it is. */
        void connected(PeerLink link);
    }

    private final SSLContext tls;
    private final SSLServerSocket server;
    private final Supplier<PeerCredential> mine;
    private final CertificateFingerprint pinned;
    private final Supplier<Instant> clock;
    private final Listener listener;
    private final Set<PeerLink> links = ConcurrentHashMap.newKeySet();

    private PeerNode(SSLContext tls, SSLServerSocket server, Supplier<PeerCredential> mine, CertificateFingerprint pinned,
            Supplier<Instant> clock, Listener listener) {
        this.tls = tls;
        this.server = server;
        this.mine = mine;
        this.pinned = pinned;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Listens on {@code bind} (port 0: any free port).
     *
     * @param mine   this side's current credential (renewed at every session start)
     * @param pinned the appliance fingerprint this client pinned: the only signer it believes
     */
    public static PeerNode start(InetSocketAddress bind, PeerIdentity me, Supplier<PeerCredential> mine,
            CertificateFingerprint pinned, Supplier<Instant> clock, Listener listener) throws IOException {
        SSLContext tls;
        try {
            tls = PeerTls.context(me);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for peer links: " + e.getMessage(), e);
        }
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        server.bind(bind);
        PeerNode node = new PeerNode(tls, server, mine, pinned, clock, listener);
        Thread.ofPlatform().daemon().name("lanchat-peer-accept").start(node::acceptLoop);
        return node;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Dials a colleague's client and checks who it is. */
    public PeerLink connect(InetSocketAddress address) throws IOException, UntrustedPeerException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        try {
            socket.connect(address, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        PeerTls.configure(socket, false);
        return track(PeerLink.establish(socket, mine.get(), pinned, clock, tracking()));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the peer listener", e);
        }
        links.forEach(PeerLink::close);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            SSLSocket socket;
            try {
                socket = (SSLSocket) server.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                log.warn("Peer listener: accept failed: {}", e.getMessage());
                continue;
            }
            Thread.ofVirtual().name("lanchat-peer-handshake").start(() -> {
                String from = socket.getRemoteSocketAddress().toString();
                try {
                    PeerTls.configure(socket, true);
                    PeerLink link = track(PeerLink.establish(socket, mine.get(), pinned, clock, tracking()));
                    listener.connected(link);
                } catch (UntrustedPeerException e) {
                    log.warn("Refused a peer at {}: {} ({})", from, e.getMessage(), e.reason());
                } catch (IOException | RuntimeException e) {
                    log.info("A peer at {} did not complete the handshake: {}", from, e.getMessage());
                }
            });
        }
    }

    private PeerLink track(PeerLink link) {
        links.add(link);
        return link;
    }

    private PeerLink.Listener tracking() {
        return new PeerLink.Listener() {
            @Override
            public void received(PeerLink link, DirectMessage message) {
                listener.received(link, message);
            }

            @Override
            public void acknowledged(PeerLink link, String clientMsgId) {
                listener.acknowledged(link, clientMsgId);
            }

            @Override
            public void closed(PeerLink link) {
                links.remove(link);
                listener.closed(link);
            }
        };
    }
}
