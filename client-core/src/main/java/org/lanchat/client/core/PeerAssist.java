package org.lanchat.client.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.lanchat.client.core.peer.PeerIdentity;
import org.lanchat.client.core.peer.PeerLink;
import org.lanchat.client.core.peer.PeerNode;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.PeerRequest;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this client keeps for when the appliance is away (PROTOCOL.md §7.13, §7.15, §10): its peer key and the
 * appliance's credential for it, asked anew at every session start so it is renewed for another 7 days
 * whenever the appliance is there; when peer links are on, the node that takes colleagues' links (its port
 * given with the credential); and the last list of where the other users online take theirs, asked after
 * each credential and whenever someone comes online. The credential and the list are kept through lost
 * connections (that is when they are needed) and forgotten when the session ends for good. Confined to the
 * client's loop, except the node's own threads.
 */
final class PeerAssist implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerAssist.class);
    /**
     * How long after someone comes online the list is asked for: their client gives its port just after its
     * login, and the appliance announces the login up to one presence interval later (PROTOCOL 7.8), so asking at
     * once could miss it.
     */
    static final Duration AFTER_JOIN = Duration.ofSeconds(1);
    /**
     * How often the list is asked again while someone who came online is not on it yet: a client busy starting
     * (a command line's JVM on a loaded machine) may give its port seconds after its login. Waits double from
     * {@link #AFTER_JOIN}, so the last ask comes about half a minute after the join; a colleague whose client takes no
     * links is never listed, and costs these few small requests.
     */
    static final int ASKS_PER_JOIN = 6;

    private final Requests requests;
    private final Scheduler scheduler;
    private final Optional<InetSocketAddress> listenOn;
    private final Supplier<Optional<CertificateFingerprint>> appliance;
    /** On disk, or null when this client keeps nothing there. */
    private final PeerAssistStore store;
    /** A new one after every session that ended for good: the appliance ends a logged-out session's key (§7.12). */
    private volatile PeerIdentity identity = PeerIdentity.generate();
    /** Read by the node's handshake threads. */
    private final AtomicReference<PeerCredential> credential = new AtomicReference<>();
    /** Written on the loop, read by dialling threads. */
    private volatile PeerNode node;
    /** Hears the node's links; replaced by peer mode once it exists. Read on the node's threads. */
    private volatile PeerNode.Listener listener = new Unheard();
    private CertificateFingerprint nodePinned;
    /** The appliance of the last session: what the kept credential and held messages belong to. */
    private CertificateFingerprint home;
    private List<PeerAddress> known = List.of();
    private boolean appliancePredatesPeers;
    private Future<?> refreshing;
    /** Who came online and is not on the list yet (keys of their names), and how often it was asked since. */
    private final Set<String> expected = new HashSet<>();
    private int asked;

    /**
     * @param listenOn  where to take colleagues' peer links, or empty for none
     * @param appliance the fingerprint of the appliance this client is connected to (pinned)
     * @param store     where to keep the credential and what went directly, or null for nowhere
     */
    PeerAssist(Requests requests, Scheduler scheduler, Optional<InetSocketAddress> listenOn,
            Supplier<Optional<CertificateFingerprint>> appliance, PeerAssistStore store) {
        this.store = store;
        this.requests = requests;
        this.scheduler = scheduler;
        this.listenOn = listenOn;
        this.appliance = appliance;
    }

    void sessionStarted(Session session) {
        PeerCredential held = credential.get();
        if (held != null && !Usernames.key(held.username()).equals(Usernames.key(session.username()))) {
            forget();
        }
        home = appliance.get().orElse(null);
        Integer port = listen();
        requests.request(id -> new PeerRequest.PeerCredentialRequest(id, identity.publicKey(), port),
                        PeerLinkMessage.PeerCredentialIssued.class)
                .whenComplete((issued, failure) -> {
                    if (failure == null) {
                        credential.set(issued.credential());
                        keep(kept -> kept.keepIdentity(home, identity.keys(), issued.credential()));
                        refreshPeers();
                    } else if (refusedAs(failure, ErrorCode.UNKNOWN_TYPE)) {
                        appliancePredatesPeers = true;
                        log.debug("This appliance issues no peer credentials (it is older than they are)");
                    } else {
                        log.info("No peer credential this time: {}", Failures.describe(failure));
                    }
                });
    }

    /**
     * Someone came online: they may take peer links too. Several joining at once cost one request; the list is
     * asked again, a few times, while one of them is not on it.
     */
    void colleaguesJoined(List<String> usernames) {
        if (credential.get() == null || appliancePredatesPeers) {
            return;
        }
        usernames.forEach(name -> expected.add(Usernames.key(name)));
        asked = 0;
        if (refreshing != null) {
            refreshing.cancel(false);
        }
        askAfter(AFTER_JOIN);
    }

    private void askAfter(Duration delay) {
        refreshing = scheduler.after(delay, () -> {
            refreshing = null;
            asked++;
            refreshPeers();
        });
    }

    void forget() {
        credential.set(null);
        known = List.of();
        expected.clear();
        if (refreshing != null) {
            refreshing.cancel(false);
            refreshing = null;
        }
    }

    /** The session ended for good (logged out, disabled, ...): the peer key on disk goes too; held messages stay. */
    void forgetForGood() {
        forget();
        keep(kept -> kept.forgetIdentity(home));
        // A copy of the key taken before the logout must not come back to life with the next login's credential:
        // a new key, and a node that shows it (the next session starts one).
        close();
        identity = PeerIdentity.generate();
    }

    /** Keeps a message sent or received directly on disk until the appliance has it. */
    void hold(PeerAssistStore.Held message) {
        keep(kept -> kept.hold(home, message));
    }

    void release(PeerAssistStore.Held message) {
        keep(kept -> kept.release(home, message));
    }

    /** What went directly and was kept on disk for this appliance, by this client or another program. */
    List<PeerAssistStore.Held> heldOnDisk() {
        CertificateFingerprint now = appliance.get().orElse(home);
        return store == null || now == null ? List.of() : store.load(now).held();
    }

    private void keep(java.util.function.Consumer<PeerAssistStore> change) {
        if (store != null && home != null) {
            change.accept(store);
        }
    }

    Optional<PeerCredential> current() {
        return Optional.ofNullable(credential.get());
    }

    List<PeerAddress> knownPeers() {
        return known;
    }

    /** Who hears the peer links from now on. */
    void listenWith(PeerNode.Listener linksListener) {
        this.listener = linksListener;
    }

    PeerIdentity identity() {
        return identity;
    }

    /** Dials a colleague's client; blocking, so not on the loop. */
    PeerLink dial(InetSocketAddress address) throws IOException, UntrustedPeerException {
        PeerNode running = node;
        if (running == null) {
            throw new IOException("peer links are off");
        }
        return running.connect(address);
    }

    /** The appliance of the last session: whose colleagues this client may chat with directly. */
    Optional<CertificateFingerprint> home() {
        return Optional.ofNullable(home);
    }

    /** Where this client takes peer links, while it does. */
    Optional<InetSocketAddress> listening() {
        return Optional.ofNullable(node).map(PeerNode::address);
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    private void refreshPeers() {
        requests.request(PeerRequest.PeersRequest::new, PeerLinkMessage.PeerList.class).whenComplete((list, failure) -> {
            if (failure == null) {
                known = list.peers();
                keep(kept -> kept.keepPeers(home, list.peers()));
                list.peers().forEach(peer -> expected.remove(Usernames.key(peer.username())));
                if (expected.isEmpty() || asked >= ASKS_PER_JOIN) {
                    expected.clear();
                } else if (refreshing == null) {
                    askAfter(AFTER_JOIN.multipliedBy(1L << asked));
                }
            } else {
                log.info("Could not learn where colleagues take peer links: {}", Failures.describe(failure));
            }
        });
    }

    /** Starts (or, for another appliance, restarts) the node; its port, or null when peer links are off. */
    private Integer listen() {
        Optional<CertificateFingerprint> pinned = appliance.get();
        if (listenOn.isEmpty() || pinned.isEmpty()) {
            return null;
        }
        if (node != null && !pinned.get().equals(nodePinned)) {
            close();
        }
        if (node == null) {
            try {
                node = PeerNode.start(listenOn.get(), identity, credential::get, pinned.get(), Instant::now, new Delegating());
                nodePinned = pinned.get();
            } catch (IOException e) {
                log.warn("Cannot take peer links on {}: {}", listenOn.get(), e.getMessage());
                return null;
            }
        }
        return node.address().getPort();
    }

    private static boolean refusedAs(Throwable failure, ErrorCode code) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
        return cause instanceof ChatException refused && refused.code() == code;
    }

    /** Hands the node's events to whoever listens now. */
    private final class Delegating implements PeerNode.Listener {
        @Override
        public void connected(PeerLink link) {
            listener.connected(link);
        }

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
            listener.closed(link);
        }
    }

    /** Until peer mode listens, what arrives over a link is logged, not shown. */
    private static final class Unheard implements PeerNode.Listener {
        @Override
        public void connected(PeerLink link) {
            log.info("Peer link from {}", link.peer());
        }

        @Override
        public void received(PeerLink link, DirectMessage message) {
            log.info("Message {} from {} over a peer link; peer chat is not on yet", message.clientMsgId(), link.peer());
        }
    }
}
