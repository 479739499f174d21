package org.lanchat.discovery.responder;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsQuestion;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.dns.DnsType;
import org.lanchat.discovery.dns.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one host name and one DNS-SD service on one interface, with one of its addresses, as RFC 6762 asks:
 *
 * <ol>
 *   <li><b>Probing</b> (§8.1): after 0-250 ms, three probes 250 ms apart ask whether anyone has our names;
 *       250 ms after the third without a conflicting answer, they are ours, about 0.75 s in all. A conflict
 *       renames the name that lost ("Name (2)", "host-2") and probes again, again after 0-250 ms; after 15 conflicts in 10 s,
 *       only every 5 s until names are won (§8.1, {@code ConflictPacing}). Two hosts probing at once are settled by the tiebreak of §8.2.</li>
 *   <li><b>Announcing</b> (§8.3): every record, twice, a second apart. Then {@link #isAnnounced()}.</li>
 *   <li><b>Answering</b> (see {@code Answerer}); a newcomer's probe for our names is answered at once, so
 *       the one that was there first keeps them (§8.1). An answer another host has just given is not given again
 *       (§7.4, {@code DuplicateAnswers}). Nothing is sent unasked after the announcements.</li>
 *   <li><b>Defending</b> (§9): another host's response that contradicts our records sends us back to
 *       probing the same names; only if it then answers our probes do we rename. Another host's goodbye for
 *       one of our records is answered by announcing that record again (§10.1; see {@code ForeignGoodbyes}).
 *       "Another host" includes another responder on this machine (§15): only our own datagrams, known by their
 *       bytes, are ignored, not everything from our address.</li>
 *   <li><b>Moving</b> (§8.4) with {@link #moveTo}: to another address of the interface, when the one advertised
 *       goes away; a goodbye for the old address record, then the announcements with the new one.</li>
 *   <li><b>Goodbye</b> (§10.1) on {@link #close()}: every record once more with TTL 0.</li>
 * </ol>
 *
 * <p>All state lives on one thread; the socket's thread only decodes and hands over.
 */
public final class LinkResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkResponder.class);
    private static final long PROBE_INTERVAL_MS = 250;
    private static final int PROBES = 3;
    private static final long LOST_TIEBREAK_WAIT_MS = 1000;
    private static final long ANNOUNCE_INTERVAL_MS = 1000;
    private static final long LOG_PERIOD_MS = 60_000;

    private enum Phase { PROBING, ANNOUNCED, CLOSED }

    private static final long MOVE_TIMEOUT_MS = 5000;
    /** Datagrams from each socket waiting for the responder thread; more are dropped. */
    private static final int MAX_WAITING = 256;

    private final NetworkInterface nif;
    private final LinkMap links;
    private final ResponderThread thread;
    /** Known answers in the packets that follow a truncated query (§7.2). */
    private final TruncatedQueries truncated = new TruncatedQueries();
    private final MulticastHistory history = new MulticastHistory();
    private final ConflictPacing pacing = new ConflictPacing(new SplittableRandom());
    /** The host label last announced (or asked for), so that a new one is logged once it is won. */
    private String announcedHostLabel;
    private final LogLimiter logLimiter = new LogLimiter(LOG_PERIOD_MS, System::currentTimeMillis);
    private final AtomicInteger multicastWaiting = new AtomicInteger();
    private final AtomicInteger unicastWaiting = new AtomicInteger();
    // Replaced on the responder thread by a move; closed by close() once that thread has stopped.
    private volatile LinkSocket socket;
    private volatile Inet4Address address;

    // Confined to the responder thread.
    private Claim claim;
    private volatile Phase phase = Phase.PROBING;
    private int probesSent;
    private ScheduledFuture<?> step;

    // Read by other threads.
    private volatile String instanceLabel;
    private volatile String hostLabel;
    private boolean announced;

    private LinkResponder(NetworkInterface nif, Claim claim, LinkMap links) {
        this.nif = nif;
        this.address = claim.address();
        this.claim = claim;
        this.links = links;
        this.instanceLabel = claim.instanceLabel();
        this.hostLabel = claim.hostLabel();
        this.announcedHostLabel = claim.hostLabel();
        this.thread = new ResponderThread("lanchat-mdns-" + nif.getName(), this::stepFailed);
    }

    /**
     * Opens the sockets and starts probing for the names; returns at once (see {@link #awaitAnnounced}).
     *
     * @param serviceType   e.g. {@code _lanchat._tcp.local}
     * @param instanceLabel the DNS-SD instance name, up to 63 bytes of UTF-8, dots and all
     * @param txt           the TXT record's rdata: length-prefixed strings
     * @throws IOException              if the address is no longer on the interface, or port 5353 cannot be had
     * @throws IllegalArgumentException if a name cannot be a DNS label
     */
    public static LinkResponder start(NetworkInterface nif, Inet4Address address, String hostLabel,
            String instanceLabel, String serviceType, int port, byte[] txt, LinkMap links) throws IOException {
        Claim claim = new Claim(hostLabel, instanceLabel, DnsName.parse(serviceType), address, port, txt);
        int prefix = prefixLength(nif, address);
        LinkResponder responder = new LinkResponder(nif, claim, links);
        links.add(address, prefix);
        try {
            responder.socket = responder.openSocket(nif, address);
        } catch (IOException | RuntimeException e) {
            links.remove(address);
            responder.thread.shutdownNow();
            throw e;
        }
        responder.thread.execute(responder::startProbing);
        return responder;
    }

    private static int prefixLength(NetworkInterface nif, Inet4Address address) throws IOException {
        return nif.getInterfaceAddresses().stream().filter(a -> address.equals(a.getAddress()))
                .mapToInt(InterfaceAddress::getNetworkPrefixLength).findFirst()
                .orElseThrow(() -> new IOException(address.getHostAddress() + " is no longer on " + nif.getName()));
    }

    private LinkSocket openSocket(NetworkInterface current, Inet4Address on) throws IOException {
        return LinkSocket.open(current, on, this::received, "lanchat-mdns-" + current.getName() + "-in");
    }

    /**
     * Moves to another address of the same interface, keeping the names: the interface is the link, and the names
     * were won on it. As RFC 6762 §8.4 asks when an address changes, no new probing: a goodbye for the old address
     * record (sent from the new address: the old one is usually gone, and the kernel sends nothing from an address
     * it no longer has), then the two announcements of every record, with the new address. While still probing, the
     * probes simply go on with the new address. Returns once moved.
     *
     * @param current the interface as it is now (a {@link NetworkInterface} is a snapshot of its addresses)
     * @throws IOException if the new address is not on the interface, its sockets cannot be opened, or this
     *                     responder is closed; the responder then goes on as it was
     */
    public void moveTo(NetworkInterface current, Inet4Address newAddress) throws IOException {
        int prefix = prefixLength(current, newAddress);
        try {
            thread.call(() -> {
                switchTo(current, newAddress, prefix);
                return null;
            }).get(MOVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (RejectedExecutionException | TimeoutException e) {
            throw new IOException("cannot move " + link() + " to " + newAddress.getHostAddress() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while moving " + link(), e);
        }
    }

    private void switchTo(NetworkInterface current, Inet4Address newAddress, int prefix) throws IOException {
        if (phase == Phase.CLOSED) {
            throw new IOException(link() + " is closed");
        }
        LinkSocket newSocket = openSocket(current, newAddress);
        DnsRecord oldAddressRecord = claim.addressRecord();
        Inet4Address oldAddress = address;
        LinkSocket oldSocket = socket;
        links.add(newAddress, prefix);
        socket = newSocket;
        address = newAddress;
        claim = claim.withAddress(newAddress);
        oldSocket.close();
        links.remove(oldAddress);
        log.debug("mDNS on {}: moved from {}", link(), oldAddress.getHostAddress());
        if (phase == Phase.ANNOUNCED) {
            multicast(DnsMessage.response(List.of(oldAddressRecord.with(0, oldAddressRecord.cacheFlush())), List.of()));
            announce(true);
        }
    }

    /**
     * Probes for the names again and, once they are still ours, announces them again: what RFC 6762 §8 asks after a
     * link change, when other hosts on the link may have claimed the names or flushed our records meanwhile.
     */
    public void probeAgain() {
        try {
            thread.execute(() -> {
                if (phase != Phase.CLOSED) {
                    startProbing();
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing to announce
        }
    }

    /** The instance name in use: the one asked for unless a conflict made it "Name (2)". */
    public String instanceName() {
        return instanceLabel;
    }

    /** The host name's label in use: the one asked for unless a conflict made it "label-2". */
    public String hostLabel() {
        return hostLabel;
    }

    public Inet4Address address() {
        return address;
    }

    /** Whether the names are ours and announced; false again while a conflict is being settled. */
    public synchronized boolean isAnnounced() {
        return announced;
    }

    /** Waits until {@link #isAnnounced()}, at most {@code timeout}; returns whether it is. */
    public synchronized boolean awaitAnnounced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!announced && phase != Phase.CLOSED) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return announced;
    }

    private synchronized void setAnnounced(boolean value) {
        announced = value;
        notifyAll();
    }

    // ------------------------------------------------------------------------------------------ probing

    private void startProbing() {
        startProbing(ThreadLocalRandom.current().nextLong(PROBE_INTERVAL_MS));
    }

    private void startProbing(long delayMillis) {
        phase = Phase.PROBING;
        setAnnounced(false);
        probesSent = 0;
        reschedule(this::probeStep, delayMillis);
    }

    private void probeStep() {
        if (phase != Phase.PROBING) {
            return;
        }
        if (probesSent == PROBES) {
            announce(true);
            return;
        }
        // The first probe asks for unicast answers (§8.1): a defender's answer then reaches us alone.
        boolean qu = probesSent == 0;
        DnsMessage probe = DnsMessage.query(List.of(
                new DnsQuestion(claim.hostName(), DnsType.ANY, DnsType.CLASS_IN, qu),
                new DnsQuestion(claim.instanceName(), DnsType.ANY, DnsType.CLASS_IN, qu)), List.of(), claim.proposed());
        multicast(probe);
        probesSent++;
        reschedule(this::probeStep, PROBE_INTERVAL_MS);
    }

    private void announce(boolean first) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.ANNOUNCED;
        List<DnsRecord> all = claim.all();
        List<DnsRecord> answers = all.stream().filter(r -> r.type() != DnsType.NSEC).toList();
        List<DnsRecord> nsecs = all.stream().filter(r -> r.type() == DnsType.NSEC).toList();
        multicast(DnsMessage.response(answers, nsecs));
        history.sent(all, System.currentTimeMillis());
        if (first) {
            pacing.won();
            if (!claim.hostLabel().equals(announcedHostLabel)) {
                // Conflict reports are limited to one a minute, and the advertiser logs a new instance name itself;
                // a new host name, which also shows in the SRV record, would otherwise go unsaid.
                log.warn("mDNS on {}: another device has the host name {}.local; this appliance is {} there now",
                        link(), announcedHostLabel, claim.hostName());
                announcedHostLabel = claim.hostLabel();
            }
            log.debug("mDNS on {}: \"{}\" and {} announced", link(), claim.instanceLabel(), claim.hostName());
            setAnnounced(true);
            reschedule(() -> announce(false), ANNOUNCE_INTERVAL_MS);
        } else {
            log.debug("mDNS on {}: announced a second time; from now on it answers when asked", link());
        }
    }

    /** A step that threw was skipped; said at warn level, since the names may now go unannounced or unanswered. */
    private void stepFailed(RuntimeException e) {
        long heldBack = logLimiter.permit("step");
        if (heldBack >= 0) {
            log.warn("mDNS on {}: a step failed and was skipped ({} more since the last report)", link(), heldBack, e);
        }
    }

    private void reschedule(Runnable task, long delayMillis) {
        if (step != null) {
            step.cancel(false);
        }
        step = thread.schedule(task, delayMillis);
    }

    // ---------------------------------------------------------------------------------------- receiving

    /** On the socket's thread: decode, then hand over to the responder thread. */
    private void received(byte[] data, int length, InetSocketAddress source, boolean unicast) {
        if (links.isOwnDatagram(source, data, length)) {
            // Ours come back: multicast looped back (for this machine's browsers), or a unicast to another responder
            // here that the kernel gave to our socket bound to the same address and port.
            return;
        }
        DnsMessage message;
        try {
            message = DnsCodec.decode(data, length);
        } catch (MalformedMessageException e) {
            long heldBack = logLimiter.permit("malformed");
            if (heldBack >= 0) {
                log.debug("mDNS on {}: ignoring a malformed datagram from {}: {} ({} more since the last report)",
                        link(), source.getAddress().getHostAddress(), e.getMessage(), heldBack);
            }
            return;
        }
        AtomicInteger queue = unicast ? unicastWaiting : multicastWaiting;
        if (queue.incrementAndGet() > MAX_WAITING) {
            // A flood: drop, as a full socket buffer would, instead of queueing without bound. Each socket has its
            // own share, so queries sent to our address still get through a flood of multicast.
            queue.decrementAndGet();
            long heldBack = logLimiter.permit("flood");
            if (heldBack >= 0) {
                log.debug("mDNS on {}: more datagrams than can be answered; dropping some ({} more since the last report)",
                        link(), heldBack);
            }
            return;
        }
        try {
            thread.execute(() -> {
                queue.decrementAndGet();
                handle(message, source, unicast);
            });
        } catch (RejectedExecutionException e) {
            queue.decrementAndGet(); // closing: nothing more to answer
        }
    }

    private void handle(DnsMessage message, InetSocketAddress source, boolean unicast) {
        // Anything whose source is not on this link: a unicast datagram too, since the own socket receives what is
        // sent to our address over any interface (see LinkMap). A datagram from one of our addresses that is not our
        // own (those never get here) is another program on this machine, a browser, a second appliance, Avahi: heard
        // like another host's, as RFC 6762 §15 asks, so that it is answered, defended against and deferred to.
        //
        // One exception: multicast from a source on no subnet of ours at all (a 169.254 fallback, a second subnet on
        // the same wire). RFC 6762 §11 counts whatever is sent to the group as on the link, and Avahi believes such a
        // device: left alone it took our names, and browsers went to its address. So it is heard for our names only:
        // its claims to them are contested and its probes for them answered, by multicast (it has no route back but
        // the link); nothing else of it is answered. It may also be a device on a network we do not advertise on,
        // which Java cannot tell apart: then our defence goes out on our link, where it does no harm, and a conflict
        // makes us probe our names there again, which nobody contests.
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean onLink = links.isOnLinkOf(address, source.getAddress());
        if (!onLink && (unicast || source.getPort() != Answerer.MDNS_PORT || !links.isOffEveryLink(source.getAddress()))) {
            return;
        }
        if (message.isResponse()) {
            // §11: responses must come from port 5353; anything else is not multicast DNS.
            if (source.getPort() == Answerer.MDNS_PORT) {
                Set<DnsName> lost = Conflicts.inResponse(message, claim);
                if (!lost.isEmpty()) {
                    conflict(lost, source);
                } else if (phase == Phase.ANNOUNCED) {
                    if (onLink) {
                        history.sent(DuplicateAnswers.ofOurRecords(message, claim), System.currentTimeMillis());
                    }
                    announceAgain(ForeignGoodbyes.ofOurRecords(message, claim));
                }
            }
            return;
        }
        if (phase == Phase.PROBING) {
            if (!message.authorities().isEmpty()) {
                tiebreak(message);
            }
            return;
        }
        if (!onLink) {
            if (!message.authorities().isEmpty()) { // a probe for our names: defended, by multicast only
                Answerer.answer(message, source.getPort(), false, claim, history, System.currentTimeMillis(),
                        ThreadLocalRandom.current())
                        .filter(reply -> reply.destination() == Answerer.Destination.MULTICAST)
                        .ifPresent(reply -> sendWhenDue(reply, source));
            }
            return;
        }
        truncated.heard(source.getAddress(), message);
        Answerer.answer(message, source.getPort(), unicast, claim, history, System.currentTimeMillis(),
                ThreadLocalRandom.current()).ifPresent(reply -> {
                    if (message.isTruncated() && reply.delayMillis() > 0) {
                        truncated.awaitFollowUps(source.getAddress());
                    }
                    sendWhenDue(reply, source);
                });
    }

    private void sendWhenDue(Answerer.Reply reply, InetSocketAddress querier) {
        if (reply.delayMillis() == 0) {
            send(reply, querier);
            return;
        }
        Claim answering = claim;
        thread.schedule(() -> {
            // A re-announcement has no querier (null); an answer leaves out what a truncated query's follow-ups knew.
            Answerer.Reply due = querier == null ? reply : new Answerer.Reply(reply.destination(), 0,
                    truncated.withoutKnown(querier.getAddress(), reply.message()));
            if (phase == Phase.ANNOUNCED && claim == answering) {
                send(stillDue(due), querier);
            }
        }, reply.delayMillis());
    }

    /**
     * Another host said goodbye for records that are still ours (§10.1): caches that heard it drop them in a
     * second, so they are multicast again, as Avahi does, at once or as soon as the once-a-second limit of §6 lets
     * each of them go out again.
     */
    private void announceAgain(List<DnsRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        long delay = records.stream()
                .mapToLong(r -> history.millisUntilFree(r, Answerer.MULTICAST_AT_MOST_EVERY_MS, now)).max().orElse(0);
        log.debug("mDNS on {}: another host said goodbye for our {}; announcing them again in {} ms", link(), records,
                delay);
        sendWhenDue(new Answerer.Reply(Answerer.Destination.MULTICAST, delay, DnsMessage.response(records, List.of())),
                null);
    }

    /**
     * A delayed multicast reply without the records that went out while it waited (another querier's answer,
     * an announcement): those have been given, and none may go out twice within a second.
     */
    private Answerer.Reply stillDue(Answerer.Reply reply) {
        if (reply.destination() != Answerer.Destination.MULTICAST) {
            return reply;
        }
        long now = System.currentTimeMillis();
        List<DnsRecord> due = reply.message().answers().stream()
                .filter(r -> !history.within(r, Answerer.MULTICAST_AT_MOST_EVERY_MS, now)).toList();
        return new Answerer.Reply(reply.destination(), 0, DnsMessage.response(due,
                Answerer.notRecent(reply.message().additionals(), history, now)));
    }

    private void send(Answerer.Reply reply, InetSocketAddress querier) {
        if (reply.message().answers().isEmpty()) {
            return;
        }
        if (reply.destination() == Answerer.Destination.MULTICAST) {
            multicast(reply.message());
            long now = System.currentTimeMillis();
            history.sent(reply.message().answers(), now);
            history.sent(reply.message().additionals(), now);
        } else {
            try {
                byte[] datagram = DnsCodec.encode(reply.message());
                if (querier.getPort() == Answerer.MDNS_PORT && links.isOwnAddress(querier.getAddress())) {
                    links.sending(datagram); // to another responder on this machine: our own socket may get it instead
                }
                socket.sendUnicast(datagram, querier);
            } catch (IOException e) {
                sendFailed(e);
            }
        }
    }

    private void multicast(DnsMessage message) {
        try {
            byte[] datagram = DnsCodec.encode(message);
            links.sending(datagram);
            socket.sendMulticast(datagram);
        } catch (IOException e) {
            sendFailed(e);
        }
    }

    private void sendFailed(IOException e) {
        // Usual while an address is being removed; the address watcher moves or replaces this responder.
        long heldBack = logLimiter.permit("send");
        if (heldBack >= 0) {
            log.debug("mDNS on {}: sending failed: {} ({} more since the last report)", link(), e.toString(), heldBack);
        }
    }

    // ---------------------------------------------------------------------------------------- conflicts

    /** §8.2: another host probes for our names while we do; the lexicographically later proposal wins. */
    private void tiebreak(DnsMessage probe) {
        for (DnsName name : List.of(claim.hostName(), claim.instanceName())) {
            List<DnsRecord> theirs = probe.authorities().stream().filter(r -> r.name().equals(name)).toList();
            if (theirs.isEmpty()) {
                continue;
            }
            List<DnsRecord> ours = claim.proposed().stream().filter(r -> r.name().equals(name)).toList();
            if (Conflicts.tiebreak(ours, theirs) < 0) {
                log.debug("mDNS on {}: lost the simultaneous-probe tiebreak for {}; probing again in 1 s", link(), name);
                startProbing(LOST_TIEBREAK_WAIT_MS);
                return;
            }
        }
    }

    private void conflict(Set<DnsName> names, InetSocketAddress from) {
        if (phase == Phase.ANNOUNCED) {
            // §9: ours until proven otherwise; probe the same names again and rename only if they answer.
            reportConflict("{} contradicts our records for {}; probing them again", from, names);
            startProbing();
            return;
        }
        Claim before = claim;
        if (names.contains(claim.hostName())) {
            claim = claim.withHostLabel(Conflicts.nextHostLabel(claim.hostLabel()));
        }
        if (names.contains(before.instanceName())) {
            claim = claim.withInstanceLabel(Conflicts.nextInstanceLabel(claim.instanceLabel()));
        }
        instanceLabel = claim.instanceLabel();
        hostLabel = claim.hostLabel();
        reportConflict("{} already has {}; trying " + claim.instanceName() + " on host " + claim.hostName(), from,
                names);
        startProbing(pacing.conflicted(System.currentTimeMillis()));
    }

    private void reportConflict(String format, InetSocketAddress from, Set<DnsName> names) {
        long heldBack = logLimiter.permit("conflict");
        if (heldBack >= 0) {
            log.info("mDNS on " + link() + ": " + format + " (" + heldBack + " more conflicts since the last report)",
                    from.getAddress().getHostAddress(), names);
        }
    }

    private String link() {
        return nif.getName() + "/" + address.getHostAddress();
    }

    // ---------------------------------------------------------------------------------------- stopping

    /** Says goodbye if the names were announced, then stops both threads; returns when they are stopped. */
    @Override
    public void close() {
        try {
            thread.call(() -> {
                if (phase == Phase.ANNOUNCED) {
                    multicast(DnsMessage.response(claim.all().stream().map(r -> r.with(0, r.cacheFlush())).toList(),
                            List.of()));
                }
                phase = Phase.CLOSED;
                history.clear();
                truncated.clear();
                return null;
            }).get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.debug("mDNS on {}: goodbye not sent: {}", link(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        socket.close();
        links.remove(address);
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            phase = Phase.CLOSED;
            announced = false;
            notifyAll();
        }
    }
}
