package org.lanchat.client.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lanchat.client.core.PeerAssistStore;
import org.lanchat.client.core.PeerAssistStore.Held;
import org.lanchat.client.core.PeerAssistStore.Kept;
import org.lanchat.client.core.peer.PeerIdentity;
import org.lanchat.client.core.peer.PeerLink;
import org.lanchat.client.core.peer.PeerNode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.ServerMessage.PeerAddress;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PeerCredentials;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lanchat send} while the appliance does not answer (PROTOCOL.md §10): with the peer key and credential
 * a client on this computer kept from its last session, signs the message, keeps it on disk (handed in by the
 * next client program here that reaches the appliance), and offers it to the colleagues the appliance last
 * listed, waiting up to {@code wait} for each to acknowledge. A group message goes to every colleague, a
 * private one to its recipient only.
 */
final class DirectSend {
    private static final Logger log = LoggerFactory.getLogger(DirectSend.class);

    /** Whom the message reached. */
    record Outcome(Set<String> reached, int tried) {
    }

    private final PeerAssistStore store;
    private final Path dataDir;
    private final Duration wait;

    DirectSend(Path dataDir, Duration wait) {
        this.store = new PeerAssistStore(dataDir);
        this.dataDir = dataDir;
        this.wait = wait;
    }

    /**
     * @param silent why the appliance could not be used: the command's failure if nothing can go directly either
     */
    Outcome send(Conversation conversation, String text, CommandFailure silent) throws InterruptedException {
        CertificateFingerprint appliance = store.lastUsed().orElseThrow(() -> noCredential(silent));
        Kept kept = store.load(appliance);
        KeyPair keys = kept.keys(Instant.now()).orElseThrow(() -> noCredential(silent));
        DirectMessage message;
        try {
            message = PeerCredentials.signMessage(kept.credential().username(), UUID.randomUUID().toString(), conversation,
                    text, null, Instant.now(), keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw CommandFailure.failed("Cannot sign the message with the kept peer key: " + e.getMessage());
        }
        // Kept before anyone is tried: whatever happens next, the appliance gets it when it is back.
        store.hold(appliance, new Held(kept.credential(), message));
        List<PeerAddress> targets = kept.peers().stream().filter(peer -> wanted(peer, conversation, kept)).toList();
        Set<String> reached = ConcurrentHashMap.newKeySet();
        Acks acks = new Acks(message.clientMsgId());
        // Bound to loopback: this one-shot command only dials; nobody needs to reach it.
        try (PeerNode node = PeerNode.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                PeerIdentity.of(keys), kept::credential, appliance, Instant::now, acks)) {
            CountDownLatch done = new CountDownLatch(targets.size());
            long deadline = System.nanoTime() + wait.toNanos();
            for (PeerAddress peer : targets) {
                Thread.ofVirtual().name("lanchat-direct-" + peer.username()).start(() -> {
                    try {
                        if (offer(node, peer, message, acks, deadline)) {
                            reached.add(peer.username());
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await(wait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            log.info("Cannot open a peer link endpoint: {}", e.getMessage());
        }
        return new Outcome(new TreeSet<>(reached), targets.size());
    }

    /** Where the message is kept until the appliance has it. */
    Path keptIn() {
        return dataDir.resolve("peer-assist");
    }

    private static boolean wanted(PeerAddress peer, Conversation conversation, Kept kept) {
        String key = Usernames.key(peer.username());
        if (key.equals(Usernames.key(kept.credential().username()))) {
            return false;
        }
        return conversation.isGroup() || key.equals(Usernames.key(conversation.peer()));
    }

    private static boolean offer(PeerNode node, PeerAddress peer, DirectMessage message, Acks acks, long deadline) {
        try (PeerLink link = node.connect(new InetSocketAddress(peer.address(), peer.port()))) {
            if (!Usernames.key(link.peer()).equals(Usernames.key(peer.username()))) {
                log.info("{}:{} is {} now, not {}", peer.address(), peer.port(), link.peer(), peer.username());
            }
            CompletableFuture<Void> acked = acks.expect(link);
            link.send(message);
            acked.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (IOException | UntrustedPeerException e) {
            log.info("Cannot reach {} at {}:{} directly: {}", peer.username(), peer.address(), peer.port(), e.getMessage());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.info("{} did not acknowledge the message in time", peer.username());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static CommandFailure noCredential(CommandFailure silent) {
        return CommandFailure.unreachable(silent.getMessage() + "\nNothing was sent: this computer holds no valid peer "
                + "credential to reach colleagues directly (a client gets one, valid for 7 days, each time it logs in "
                + "while the appliance is up).");
    }

    /** The acknowledgements of the one message sent, per link. */
    private static final class Acks implements PeerNode.Listener {
        private final String clientMsgId;
        private final ConcurrentHashMap<PeerLink, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

        Acks(String clientMsgId) {
            this.clientMsgId = clientMsgId;
        }

        CompletableFuture<Void> expect(PeerLink link) {
            return waiting.computeIfAbsent(link, l -> new CompletableFuture<>());
        }

        @Override
        public void acknowledged(PeerLink link, String id) {
            if (id.equals(clientMsgId)) {
                expect(link).complete(null);
            }
        }

        @Override
        public void received(PeerLink link, DirectMessage message) {
            // A colleague's own messages, offered to every new link: this command shows nothing.
        }

        @Override
        public void connected(PeerLink link) {
            link.close();
        }

        @Override
        public void closed(PeerLink link) {
            Optional.ofNullable(waiting.get(link)).ifPresent(f -> f.completeExceptionally(new IOException("link closed")));
        }
    }
}
