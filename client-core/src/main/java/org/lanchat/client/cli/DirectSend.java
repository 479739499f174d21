package org.lanchat.client.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.lanchat.client.core.ClientMessageIds;
import org.lanchat.client.core.PeerAssistStore;
import org.lanchat.client.core.PeerAssistStore.Held;
import org.lanchat.client.core.PeerAssistStore.Kept;
import org.lanchat.client.core.peer.PeerIdentity;
import org.lanchat.client.core.peer.PeerLink;
import org.lanchat.client.core.peer.PeerNode;
import org.lanchat.discovery.ApplianceBrowser;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
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
 * listed and those DNS-SD finds in peer mode, waiting up to {@code wait} for each to acknowledge. A group message
 * goes to every colleague, a private one to its recipient only.
 */
final class DirectSend {
    private static final Logger log = LoggerFactory.getLogger(DirectSend.class);

    /** How long DNS-SD is given to find colleagues the appliance did not list: answers come within a second. */
    static final Duration DISCOVERY_WAIT = Duration.ofSeconds(2);

    /** Whom the message reached (sorted), and how many addresses were tried. */
    record Outcome(Set<String> reached, int tried) {
    }

    private final PeerAssistStore store;
    private final Path dataDir;
    private final Duration wait;
    private final BiConsumer<Conversation, String> notToYourself;

    /**
     * @param notToYourself refuses (throws) a private conversation with the kept credential's user, who is only known
     *                      here: nothing of that is signed, kept or offered
     */
    DirectSend(Path dataDir, Duration wait, BiConsumer<Conversation, String> notToYourself) {
        this.store = new PeerAssistStore(dataDir);
        this.dataDir = dataDir;
        this.wait = wait;
        this.notToYourself = notToYourself;
    }

    /**
     * @param silent why the appliance could not be used: the command's failure if nothing can go directly either
     * @param lan    DNS-SD, to find colleagues the appliance did not list (or at a new address); empty when off
     */
    Outcome send(Conversation conversation, String text, CommandFailure silent, Optional<ApplianceBrowser> lan)
            throws InterruptedException {
        CertificateFingerprint appliance = store.lastUsed().orElseThrow(() -> noCredential(silent));
        Kept kept = store.load(appliance);
        KeyPair keys = kept.keys(Instant.now()).orElseThrow(() -> noCredential(silent));
        String me = kept.credential().username();
        notToYourself.accept(conversation, me);
        DirectMessage message;
        try {
            message = PeerCredentials.signMessage(me, ClientMessageIds.next(), conversation, text, null,
                    Instant.now(), keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw CommandFailure.failed(Texts.text("send.directSign", e.getMessage()));
        }
        // Kept before anyone is tried: whatever happens next, the appliance gets it when it is back.
        store.hold(appliance, new Held(kept.credential(), message));
        Acks acks = new Acks(message.clientMsgId());
        // Bound to loopback: this one-shot command only dials; nobody needs to reach it.
        try (PeerNode node = PeerNode.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                PeerIdentity.of(keys), kept::credential, appliance, Instant::now, acks)) {
            Offers offers = new Offers(node, message, acks, me, conversation, System.nanoTime() + wait.toNanos());
            kept.peers().stream().filter(peer -> wanted(peer.username(), me, conversation))
                    .forEach(peer -> offers.offer(new InetSocketAddress(peer.address(), peer.port())));
            Runnable found = () -> lan.ifPresent(browser -> browser.peers().stream()
                    .filter(peer -> peer.appliance().equals(appliance))
                    .forEach(peer -> offers.offer(peer.socketAddress())));
            lan.ifPresent(browser -> browser.addPeerListener(found));
            try {
                found.run();
                return offers.await(lan.isPresent() ? DISCOVERY_WAIT : Duration.ZERO);
            } finally {
                lan.ifPresent(browser -> browser.removePeerListener(found));
            }
        } catch (IOException e) {
            log.info("Cannot open a peer link endpoint: {}", e.getMessage());
            return new Outcome(Set.of(), 0);
        }
    }

    /** Where the message is kept until the appliance has it. */
    Path keptIn() {
        return dataDir.resolve("peer-assist");
    }

    /** Whether {@code user}'s client should get the message: not this user's own, and for --to only the recipient. */
    private static boolean wanted(String user, String me, Conversation conversation) {
        String key = Usernames.key(user);
        if (key.equals(Usernames.key(me))) {
            return false;
        }
        return conversation.isGroup() || key.equals(Usernames.key(conversation.peer()));
    }

    /** The dials under way, each address once, and whom the message reached. */
    private static final class Offers {
        private final PeerNode node;
        private final DirectMessage message;
        private final Acks acks;
        private final String me;
        private final Conversation conversation;
        private final long deadline;
        private final long started = System.nanoTime();
        private final Set<InetSocketAddress> tried = new HashSet<>();
        private final Set<String> reached = new TreeSet<>();
        private int underWay;

        Offers(PeerNode node, DirectMessage message, Acks acks, String me, Conversation conversation, long deadline) {
            this.node = node;
            this.message = message;
            this.acks = acks;
            this.me = me;
            this.conversation = conversation;
            this.deadline = deadline;
        }

        synchronized void offer(InetSocketAddress address) {
            if (System.nanoTime() >= deadline || !tried.add(address)) {
                return;
            }
            underWay++;
            Thread.ofVirtual().name("lanchat-direct-" + address).start(() -> {
                Optional<String> got = deliver(address);
                synchronized (this) {
                    got.ifPresent(reached::add);
                    underWay--;
                    notifyAll();
                }
            });
        }

        /**
         * Waits until every dial is done and, with DNS-SD, {@code discovering} has passed since the start, for
         * answers to come in; never past the deadline.
         */
        synchronized Outcome await(Duration discovering) throws InterruptedException {
            long listenUntil = started + discovering.toNanos();
            for (long now = System.nanoTime(); now < deadline && (underWay > 0 || now < listenUntil); now = System.nanoTime()) {
                long until = underWay > 0 ? deadline : Math.min(deadline, listenUntil);
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, until - now));
            }
            return new Outcome(new TreeSet<>(reached), tried.size());
        }

        /** The user the message reached at {@code address}, if it did. */
        private Optional<String> deliver(InetSocketAddress address) {
            try (PeerLink link = node.connect(address)) {
                if (!wanted(link.peer(), me, conversation)) {
                    return Optional.empty();
                }
                CompletableFuture<Void> acked = acks.expect(link);
                link.send(message);
                acked.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return Optional.of(link.peer());
            } catch (IOException | UntrustedPeerException e) {
                log.info("Cannot reach {} directly: {}", address, e.getMessage());
            } catch (ExecutionException | TimeoutException e) {
                log.info("{} did not acknowledge the message in time", address);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    private static CommandFailure noCredential(CommandFailure silent) {
        return CommandFailure.unreachable(Texts.text("send.directNoCredential", silent.getMessage()));
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
