package org.lanchat.client.core.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerMessage;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PeerCredentials;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established peer link (PROTOCOL.md §10): mutual TLS 1.3, then a {@code peer_hello} each way whose
 * credential must be signed by the pinned appliance and name the very key the other side proved in the
 * handshake. After that, each side sends only its own user's messages, each signed by that user; a message
 * that is not is dropped and logged, never shown.
 */
public final class PeerLink implements AutoCloseable {
    /** How long the other side has to say who it is once TLS is up. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);

    /** What the owner of a link hears, on the link's reader thread. */
    public interface Listener {
        /** A message the other side's user sent and signed. */
        void received(PeerLink link, DirectMessage message);

        /** The other side has this side's message {@code clientMsgId} ({@code direct_ack}). */
        default void acknowledged(PeerLink link, String clientMsgId) {
        }

        /** The link is gone; called once. */
        default void closed(PeerLink link) {
        }
    }

    private final SSLSocket socket;
    private final OutputStream out;
    private final PeerCredential theirs;
    private final CertificateFingerprint pinned;
    private final Supplier<Instant> clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PeerLink(SSLSocket socket, PeerCredential theirs, CertificateFingerprint pinned, Supplier<Instant> clock)
            throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.theirs = theirs;
        this.pinned = pinned;
        this.clock = clock;
    }

    /**
     * Completes the TLS handshake on {@code socket} (configured by {@link PeerTls}), says who this side is and
     * checks who the other side is; then starts reading on a virtual thread of its own.
     *
     * @throws UntrustedPeerException when the other side's credential does not prove who it is (the socket is
     *                                closed)
     * @throws IOException            when the connection fails or the other side says nothing valid in time
     */
    static PeerLink establish(SSLSocket socket, PeerCredential mine, CertificateFingerprint pinned,
            Supplier<Instant> clock, Listener listener) throws IOException, UntrustedPeerException {
        try {
            socket.setSoTimeout((int) HELLO_TIMEOUT.toMillis());
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(CODEC.encodeFrame(new PeerMessage.PeerHello(Protocol.VERSION, mine)));
            out.flush();
            FrameReader reader = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT);
            byte[] body = reader.next().orElseThrow(() -> new IOException("the peer closed before saying who it is"));
            if (!(CODEC.decodePeer(body) instanceof PeerMessage.PeerHello hello)) {
                throw new IOException("the peer's first frame is not peer_hello");
            }
            PeerCredentials.verifyHolder(hello.credential(), pinned, clock.get(), tlsKey(socket));
            socket.setSoTimeout(0);
            PeerLink link = new PeerLink(socket, hello.credential(), pinned, clock);
            Thread.ofVirtual().name("lanchat-peer-" + hello.credential().username()).start(() -> link.read(reader, listener));
            return link;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new IOException("the peer said nothing valid within " + HELLO_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException | UntrustedPeerException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** The other side's credential, checked when the link was opened: what its messages are handed in with. */
    public PeerCredential credential() {
        return theirs;
    }

    /** The other side's user, as the appliance signed it. */
    public String peer() {
        return theirs.username();
    }

    /** Sends this side's own message, signed by this side's user. */
    public synchronized void send(DirectMessage message) throws IOException {
        out.write(CODEC.encodeFrame(new PeerMessage.Direct(message)));
        out.flush();
    }

    /** Tells the other side its message {@code clientMsgId} was accepted here (shown, or seen before). */
    public synchronized void acknowledge(String clientMsgId) throws IOException {
        out.write(CODEC.encodeFrame(new PeerMessage.DirectAck(clientMsgId)));
        out.flush();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(socket);
        }
    }

    private void read(FrameReader reader, Listener listener) {
        try {
            for (Optional<byte[]> body = reader.next(); body.isPresent(); body = reader.next()) {
                PeerMessage message;
                try {
                    message = CODEC.decodePeer(body.get());
                } catch (ProtocolException e) {
                    log.info("Peer {}: ignoring a frame: {}", peer(), e.getMessage());
                    continue;
                }
                if (message instanceof PeerMessage.Direct direct) {
                    try {
                        PeerCredentials.verifyMessage(direct.message(), theirs, pinned, clock.get());
                        listener.received(this, direct.message());
                    } catch (UntrustedPeerException e) {
                        log.warn("Peer {}: dropping message {}: {}", peer(), direct.message().clientMsgId(), e.getMessage());
                    }
                } else if (message instanceof PeerMessage.DirectAck ack) {
                    listener.acknowledged(this, ack.clientMsgId());
                } else {
                    log.info("Peer {}: ignoring a second peer_hello", peer());
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                log.info("Peer {}: link lost: {}", peer(), e.getMessage());
            }
        } finally {
            close();
            listener.closed(this);
        }
    }

    private static PublicKey tlsKey(SSLSocket socket) throws SSLPeerUnverifiedException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        return chain[0].getPublicKey();
    }

    private static void closeQuietly(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }
}
