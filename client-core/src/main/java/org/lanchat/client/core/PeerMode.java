package org.lanchat.client.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lanchat.client.core.PeerAssistStore.Held;
import org.lanchat.client.core.peer.PeerLink;
import org.lanchat.client.core.peer.PeerNode;
import org.lanchat.discovery.DiscoveredPeer;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.PeerRequest;
import org.lanchat.protocol.message.Usernames;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.lanchat.protocol.trust.PeerCredentials;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chatting directly while the appliance does not answer (PROTOCOL.md §7.14, §10). {@link #ENTER_AFTER} after the
 * connection is lost, this client dials the colleagues the appliance last listed (and takes their links); what
 * the user sends then goes to every reachable colleague (a private message to its recipient only), signed, and
 * is shown as sent directly; what colleagues send arrives the same way. When the appliance answers again, every
 * message received directly is handed to it with {@code submit_direct} (its sender may have gone home), as the
 * outbox hands in the user's own: each is stored once, and the stored copy replaces the direct one in place.
 * Confined to the client's loop; the links' threads hop onto it.
 */
final class PeerMode implements PeerNode.Listener, OutboxSender.DirectSending {
    /** How long the appliance may be silent before colleagues are dialled. */
    static final Duration ENTER_AFTER = Duration.ofSeconds(5);
    /** When the appliance refused a hand-in for now without saying how long to wait. */
    static final Duration HAND_IN_AGAIN = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(PeerMode.class);

    private final CoreLoop loop;
    private final PeerAssist assist;
    private final PeerDiscovery discovery;
    /** Hears DNS-SD while active. */
    private final Runnable peersFound;
    private final ConversationBook book;
    private final ClientListener events;
    private final Requests requests;
    private final BooleanSupplier online;
    private final Supplier<String> me;
    private final Runnable flushOutbox;
    private final Map<PeerLink, String> links = new LinkedHashMap<>();
    /** This user's messages sent directly, to offer to colleagues whose link comes up later. */
    private final List<DirectMessage> sent = new ArrayList<>();
    /** Colleagues' messages received directly, until the appliance has them. */
    private final Map<String, Held> received = new LinkedHashMap<>();
    /** Where a dial was made while active, so a peer seen again is not dialled twice. */
    private final Set<InetSocketAddress> dialled = new HashSet<>();
    private PeerDiscovery.Advertisement advertisement;
    private Future<?> entering;
    private boolean active;
    /** Counts sessions started and ended: a hand-in waiting to be tried again belongs to one of them. */
    private int handInRound;

    /**
     * @param online      whether the appliance answers (logged in on an open connection)
     * @param me          the logged-in user
     * @param flushOutbox sends what the outbox holds (directly, once this is active)
     */
    PeerMode(CoreLoop loop, PeerAssist assist, PeerDiscovery discovery, ConversationBook book, ClientListener events,
            Requests requests, BooleanSupplier online, Supplier<String> me, Runnable flushOutbox) {
        this.loop = loop;
        this.assist = assist;
        this.discovery = discovery;
        this.peersFound = () -> loop.post(this::dialFound);
        this.book = book;
        this.events = events;
        this.requests = requests;
        this.online = online;
        this.me = me;
        this.flushOutbox = flushOutbox;
    }

    /**
     * The connection is gone: if the appliance stays silent, go direct. Not for a client with peer links off (a
     * one-shot command, say): it could reach nobody, and its outbox simply waits for the appliance.
     */
    void connectionLost() {
        if (entering == null && !active && assist.current().isPresent() && assist.listening().isPresent()) {
            entering = loop.after(ENTER_AFTER, () -> {
                entering = null;
                if (!online.getAsBoolean()) {
                    enter();
                }
            });
        }
    }

    /**
     * The appliance answers again: close the links and hand it what was received directly, and whatever a
     * client program on this computer kept on disk (a {@code lanchat send} while it was away, this client
     * before a restart).
     */
    void sessionStarted() {
        leave();
        Map<String, Held> handIn = new LinkedHashMap<>(received);
        for (Held kept : assist.heldOnDisk()) {
            if (handIn.values().stream().noneMatch(kept::sameAs)) {
                handIn.put("kept:" + kept.credential().username() + ":" + kept.message().clientMsgId(), kept);
            }
        }
        // One at a time, oldest first: the appliance may store requests it works on at once in any order (PROTOCOL.md
        // §7.1), and what was said while it was away should keep its order when it is stored.
        Deque<Map.Entry<String, Held>> queue = handIn.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().message().sentAt()))
                .collect(Collectors.toCollection(ArrayDeque::new));
        int round = ++handInRound;
        handInNext(queue, round);
    }

    private void handInNext(Deque<Map.Entry<String, Held>> queue, int round) {
        if (queue.isEmpty() || round != handInRound) {
            return;
        }
        String key = queue.peekFirst().getKey();
        Held held = queue.peekFirst().getValue();
        requests.request(id -> new PeerRequest.SubmitDirect(id, held.credential(), held.message()), ConversationMessage.Ack.class)
                .whenComplete((ack, failure) -> {
                    Throwable cause = failure == null ? null : Failures.unwrap(failure);
                    if (cause instanceof ChatException refused && refused.code().retryable()) {
                        // Past the sender's sends per second, or too many requests at once: the appliance
                        // takes it a moment later, unless this session has ended meanwhile (the next hands it in).
                        loop.after(refused.retryAfter().orElse(HAND_IN_AGAIN), () -> handInNext(queue, round));
                    } else if (cause == null || cause instanceof ChatException) {
                        // Stored (its copy comes as a message event), or refused for good: either way done.
                        received.remove(key);
                        assist.release(held);
                        queue.pollFirst();
                        handInNext(queue, round);
                    }
                    // Otherwise the connection went: the next session hands in what is left.
                });
    }

    /** The session is over for good, or another user's begins: nothing is sent or kept directly any more. */
    void ended() {
        handInRound++;
        received.clear();
        leave();
    }

    private void leave() {
        boolean wasActive = active;
        stop();
        if (wasActive) {
            events.onEvent(new ClientEvent.PeerModeChanged(false, List.of()));
        }
    }

    /**
     * The client closes: its advertisement says goodbye (RFC 6762 §10.1), or colleagues' browsers would keep it
     * until its TTL ran out, and its links close. Nothing is told: nobody listens any more.
     */
    void close() {
        stop();
    }

    private void stop() {
        if (entering != null) {
            entering.cancel(false);
            entering = null;
        }
        if (active) {
            active = false;
            discovery.removeListener(peersFound);
            if (advertisement != null) {
                advertisement.close();
                advertisement = null;
            }
            dialled.clear();
            List.copyOf(links.keySet()).forEach(PeerLink::close);
            links.clear();
            sent.clear();
        }
    }

    boolean active() {
        return active;
    }

    @Override
    public Optional<OutboxSender.Signed> sendDirectly(ChatEntry entry) {
        Optional<PeerCredential> credential = assist.current();
        // A room's members are known to the appliance alone (PROTOCOL.md §7.23): its messages wait for it.
        if (!active || credential.isEmpty() || entry.conversation().isRoom()) {
            return Optional.empty();
        }
        DirectMessage message;
        try {
            message = PeerCredentials.signMessage(credential.get().username(), entry.clientMsgId(), entry.conversation(),
                    entry.text(), entry.sticker(), Instant.ofEpochMilli(entry.sentAt()), assist.identity().keys().getPrivate());
        } catch (GeneralSecurityException e) {
            log.warn("Cannot sign a message with the peer key", e);
            return Optional.empty();
        }
        Held held = new Held(credential.get(), message);
        assist.hold(held); // on disk too: the appliance must get it even if this client stops before it is back
        sent.add(message);
        boolean reached = false;
        for (Map.Entry<PeerLink, String> link : links.entrySet()) {
            reached |= offer(link.getKey(), link.getValue(), message);
        }
        return Optional.of(new OutboxSender.Signed(held, reached));
    }

    // PeerNode.Listener: called on the links' threads; everything hops onto the loop.

    @Override
    public void connected(PeerLink link) {
        loop.post(() -> linked(link));
    }

    @Override
    public void received(PeerLink link, DirectMessage message) {
        loop.post(() -> arrived(link, message));
    }

    @Override
    public void closed(PeerLink link) {
        loop.post(() -> {
            if (links.remove(link) != null && active) {
                events.onEvent(new ClientEvent.PeerModeChanged(true, reachable()));
            }
        });
    }

    private void enter() {
        active = true;
        log.info("The appliance does not answer; chatting directly with the colleagues this client can reach");
        events.onEvent(new ClientEvent.PeerModeChanged(true, reachable()));
        flushOutbox.run();
        String myKey = Usernames.key(me.get());
        for (PeerAddress peer : assist.knownPeers()) {
            if (!Usernames.key(peer.username()).equals(myKey)) {
                dial(new InetSocketAddress(peer.address(), peer.port()), peer.username());
            }
        }
        // Colleagues the appliance did not list, or at an address it does not know yet, find this one by DNS-SD.
        Optional<InetSocketAddress> listening = assist.listening();
        Optional<CertificateFingerprint> home = assist.home();
        if (listening.isPresent() && home.isPresent()) {
            advertisement = discovery.advertise(listening.get().getPort(), home.get());
        }
        discovery.addListener(peersFound);
        dialFound();
    }

    /** Dials the peers DNS-SD sees for this client's appliance, once each, while active. */
    private void dialFound() {
        Optional<CertificateFingerprint> home = assist.home();
        if (!active || home.isEmpty()) {
            return;
        }
        String own = advertisement == null ? "" : advertisement.name();
        for (DiscoveredPeer peer : discovery.found()) {
            if (peer.appliance().equals(home.get()) && !peer.name().equals(own)) {
                dial(peer.socketAddress(), peer.name());
            }
        }
    }

    private void dial(InetSocketAddress address, String who) {
        if (!dialled.add(address)) {
            return;
        }
        Thread.ofVirtual().name("lanchat-peer-dial").start(() -> {
            try {
                PeerLink link = assist.dial(address);
                loop.post(() -> linked(link));
            } catch (IOException | UntrustedPeerException e) {
                log.info("Cannot reach {} at {} directly: {}", who, address, e.getMessage());
                loop.post(() -> dialled.remove(address)); // seen again later, it is tried again
            }
        });
    }

    private void linked(PeerLink link) {
        if (online.getAsBoolean()) {
            link.close(); // the appliance answers: nothing goes directly
            return;
        }
        if (Usernames.key(link.peer()).equals(Usernames.key(me.get()))) {
            link.close(); // this user's own client (this one, found by DNS-SD, or another computer of theirs)
            return;
        }
        if (!active) {
            // A colleague found the appliance silent first: so is it for us, most likely.
            if (entering != null) {
                entering.cancel(false);
                entering = null;
            }
            enter();
        }
        links.put(link, link.peer());
        events.onEvent(new ClientEvent.PeerModeChanged(true, reachable()));
        for (DirectMessage message : sent) {
            offer(link, link.peer(), message);
        }
    }

    private void arrived(PeerLink link, DirectMessage message) {
        String from = link.peer();
        Conversation seenHere;
        if (message.conversation().isGroup()) {
            seenHere = Conversation.GROUP;
        } else if (message.conversation().isPrivate()
                && Usernames.key(message.conversation().peer()).equals(Usernames.key(me.get()))) {
            seenHere = Conversation.with(from);
        } else {
            log.info("Ignoring {}'s message to {}: not for this user", from, message.conversation());
            return;
        }
        acknowledge(link, message);
        ChatEntry entry = ChatEntry.receivedDirectly(message, from, seenHere);
        if (book.find(seenHere).flatMap(conv -> conv.get(entry.key())).isPresent()) {
            return; // sent to us over two links, or already stored
        }
        Held held = new Held(link.credential(), message);
        received.put(entry.key(), held);
        assist.hold(held);
        book.store(entry, true, true);
    }

    /**
     * A message goes to every colleague for the group, and only to its recipient when private. Returns whether this
     * link took it.
     */
    private static boolean offer(PeerLink link, String peer, DirectMessage message) {
        if (!message.conversation().isGroup() && (!message.conversation().isPrivate()
                || !Usernames.key(message.conversation().peer()).equals(Usernames.key(peer)))) {
            return false;
        }
        try {
            link.send(message);
            return true;
        } catch (IOException e) {
            log.info("Could not send {} to {} directly: {}", message.clientMsgId(), peer, e.getMessage());
            return false;
        }
    }

    private static void acknowledge(PeerLink link, DirectMessage message) {
        try {
            link.acknowledge(message.clientMsgId());
        } catch (IOException e) {
            log.info("Could not acknowledge {} to {}: {}", message.clientMsgId(), link.peer(), e.getMessage());
        }
    }

    private List<String> reachable() {
        return links.values().stream().distinct().sorted().toList();
    }
}
