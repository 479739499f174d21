package org.lanchat.appliance.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.ServerMessage.Ack;
import org.lanchat.protocol.message.ServerMessage.ChatMessage;
import org.lanchat.protocol.message.ServerMessage.ConversationInfo;
import org.lanchat.protocol.message.ServerMessage.ConversationList;
import org.lanchat.protocol.message.ServerMessage.HistoryPage;
import org.lanchat.protocol.message.ServerMessage.SessionStarted;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A well-behaved client as docs/PROTOCOL.md §7 describes it, built to survive faults: it pings, notices a
 * dead connection, reconnects with its resume token (with backoff), catches up with {@code conversations}
 * + {@code history}, and resends every unacknowledged send with its original {@code clientMsgId}. It
 * remembers everything it saw — each message by id, every live event per connection, every ack — so
 * {@link InvariantChecker} can compare it with the database afterwards.
 *
 * <p>Nothing here sleeps to synchronize: replies complete futures, retries and pings run on a timer.
 */
public final class ChatParticipant implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatParticipant.class);
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);
    private static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("participant-timer-", 0).daemon(true).factory());
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);

    /** Where the appliance is; asked again before every reconnect (a restarted appliance may have moved). */
    public record Endpoint(String host, int port, CertificateFingerprint pin) {
    }

    /** One message until its ack arrives; {@code transmissions} counts how often it went out. */
    private record Outgoing(String clientMsgId, Conversation conversation, String text, AtomicInteger transmissions) {
        Outgoing(String clientMsgId, Conversation conversation, String text) {
            this(clientMsgId, conversation, text, new AtomicInteger());
        }
    }

    private final String username;
    private final String password;
    private final InetAddress localAddress;
    private volatile Supplier<Endpoint> endpoint;
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger serials = new AtomicInteger();
    private volatile Link link;
    private volatile String token;
    private volatile boolean closed;
    private volatile boolean autoReconnect;
    private volatile Duration pingEvery = Duration.ofSeconds(20);
    private volatile boolean reconnecting;
    /** Completed while replies are read; a pending future holds every connection's reader (see {@link #holdReading}). */
    private volatile CompletableFuture<Void> readable = CompletableFuture.completedFuture(null);
    private final Semaphore window;

    // Everything below is guarded by "this".
    private final Map<Long, InvariantChecker.Seen> store = new HashMap<>();
    private final Map<String, TreeMap<Long, Long>> bySeq = new HashMap<>();
    private final List<Long> liveIds = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final LinkedHashMap<String, Outgoing> outbox = new LinkedHashMap<>();
    private final Map<String, Outgoing> everSent = new LinkedHashMap<>();
    private final Map<String, Ack> acks = new LinkedHashMap<>();
    private final Map<ErrorCode, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicLong crossDuplicates = new AtomicLong();
    private final AtomicLong historyMessages = new AtomicLong();
    private final AtomicLong duplicateAcks = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicInteger tokenRefusals = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong lastSessionNanos = new AtomicLong();

    public ChatParticipant(String username, String password, InetAddress localAddress, Supplier<Endpoint> endpoint,
                           int window) {
        this.username = username;
        this.password = password;
        this.localAddress = localAddress;
        this.endpoint = endpoint;
        this.window = new Semaphore(window);
    }

    public String username() {
        return username;
    }

    public String token() {
        return token;
    }

    /** Lets a participant start from a token obtained elsewhere (a stalled socket, a seeded database). */
    public void useToken(String resumeToken) {
        this.token = resumeToken;
    }

    public void endpoint(Supplier<Endpoint> where) {
        this.endpoint = where;
    }

    /** How often to ping when otherwise silent; a third of the appliance's idle timeout (§4.2). */
    public void pingEvery(Duration interval) {
        this.pingEvery = interval;
    }

    public boolean isConnected() {
        Link l = link;
        return l != null && !l.lost.isDone();
    }

    public int sessions() {
        return sessions.get();
    }

    public long lastSessionNanos() {
        return lastSessionNanos.get();
    }

    // ------------------------------------------------------------------ connecting

    public void register() {
        start(l -> l.call(new ClientMessage.Register(nextId(), username, password, null)));
    }

    public void login() {
        start(l -> l.call(new ClientMessage.Login(nextId(), username, password)));
    }

    /**
     * Logs in with the resume token, then catches up and resends. If the token is refused it logs in with
     * the password, as a real client would after asking its user (§7.12) — but in these scenarios a token
     * must always survive, so a refusal is also recorded as a violation: a broken token path cannot hide
     * behind the password fallback.
     */
    public void resume() {
        start(l -> {
            ServerMessage reply = l.call(new ClientMessage.Resume(nextId(), token));
            if (reply instanceof ServerMessage.Error e && e.code() == ErrorCode.TOKEN_INVALID) {
                tokenRefusals.incrementAndGet();
                violation("resume token refused (" + e.message() + "); fell back to the password");
                return l.call(new ClientMessage.Login(nextId(), username, password));
            }
            return reply;
        });
        catchUp();
        resendOutbox();
    }

    /** After a loss, keep trying {@link #resume()} on a timer (with backoff) until it works or we close. */
    public void reconnectAutomatically() {
        autoReconnect = true;
    }

    private interface Authenticate {
        ServerMessage run(Link link) throws IOException;
    }

    private void start(Authenticate how) {
        Link l = open();
        try {
            ServerMessage welcome = l.call(new ClientMessage.Hello(nextId(), Protocol.VERSION, "fault-participant"));
            if (!(welcome instanceof ServerMessage.Welcome)) {
                throw new Refusal("hello", welcome);
            }
            ServerMessage reply = how.run(l);
            if (!(reply instanceof SessionStarted session)) {
                throw new Refusal("login of " + username, reply);
            }
            token = session.token();
            link = l;
            sessions.incrementAndGet();
            lastSessionNanos.set(System.nanoTime());
            schedulePing(l);
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The appliance refused a step; carries its error so callers can decide to retry. */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ServerMessage reply;

        Refusal(String what, ServerMessage reply) {
            super(what + " refused: " + reply, null, false, false);
            this.reply = reply;
        }

        public Optional<ErrorCode> code() {
            return reply instanceof ServerMessage.Error e ? Optional.of(e.code()) : Optional.empty();
        }
    }

    private Link open() {
        Endpoint where = endpoint.get();
        try {
            SSLContext tls = SSLContext.getInstance("TLSv1.3");
            tls.init(null, new TrustManager[] {new Pin(where.pin())}, new SecureRandom());
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(where.host(), where.port()), 10_000);
            socket.setSoTimeout(0);
            socket.startHandshake();
            return new Link(socket, serials.incrementAndGet());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(username + " cannot connect to " + where.host() + ":" + where.port() + ": " + e.getMessage(), e);
        }
    }

    private void schedulePing(Link l) {
        Duration every = pingEvery;
        TIMERS.schedule(() -> {
            if (closed || l.lost.isDone()) {
                return;
            }
            CompletableFuture<ServerMessage> pong = l.request(new ClientMessage.Ping(nextId()));
            // A ping left unanswered for another interval means the connection is dead (§4.2).
            pong.orTimeout(every.toMillis() * 2, TimeUnit.MILLISECONDS).whenComplete((r, failure) -> {
                if (failure instanceof TimeoutException) {
                    log.info("{}: ping unanswered, dropping connection {}", username, l.serial);
                    l.close();
                } else if (failure == null) {
                    schedulePing(l);
                }
            });
        }, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onLost(Link l) {
        if (closed || !autoReconnect || link != l) {
            return;
        }
        scheduleReconnect(Duration.ofMillis(100), System.nanoTime() + TimeUnit.MINUTES.toNanos(5));
    }

    private synchronized void scheduleReconnect(Duration delay, long deadlineNanos) {
        if (reconnecting || closed) {
            return;
        }
        reconnecting = true;
        TIMERS.schedule(() -> Thread.ofVirtual().start(() -> {
            synchronized (this) {
                reconnecting = false;
            }
            if (closed || isConnected()) {
                return;
            }
            try {
                resume();
                log.info("{}: reconnected (connection {})", username, link.serial);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadlineNanos) {
                    log.warn("{}: gave up reconnecting: {}", username, e.getMessage());
                    return;
                }
                Link failed = link;
                if (failed != null && !failed.lost.isDone()) {
                    failed.close(); // logged in but the catch-up failed: start over on a fresh connection
                }
                log.debug("{}: reconnect failed ({}), retrying", username, e.getMessage());
                scheduleReconnect(Duration.ofMillis(Math.min(2000, delay.toMillis() * 2)), deadlineNanos);
            }
        }), delay.toMillis() + (long) (delay.toMillis() * Math.random()), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ sending

    /**
     * Queues a message and sends it if connected; blocks while {@code window} sends await their ack.
     *
     * @return its clientMsgId
     */
    public String send(Conversation conversation, String text) {
        try {
            if (!window.tryAcquire(2, TimeUnit.MINUTES)) {
                throw new AssertionError(username + ": no ack for two minutes; outbox " + outboxSize());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
        Outgoing o = new Outgoing(UUID.randomUUID().toString(), conversation, text);
        synchronized (this) {
            outbox.put(o.clientMsgId(), o);
            everSent.put(o.clientMsgId(), o);
        }
        transmit(o);
        return o.clientMsgId();
    }

    private void transmit(Outgoing o) {
        Link l = link;
        if (l == null || l.lost.isDone() || closed) {
            return; // resent after the next login
        }
        if (o.transmissions().getAndIncrement() > 0) {
            resends.incrementAndGet();
        }
        ClientMessage.Send request = new ClientMessage.Send(nextId(), o.clientMsgId(), o.conversation(), o.text(), null);
        l.request(request).whenComplete((reply, failure) -> {
            if (failure != null) {
                return; // connection lost: the message stays in the outbox
            }
            if (reply instanceof Ack ack) {
                onAck(o, ack);
            } else if (reply instanceof ServerMessage.Error e) {
                refusals.merge(e.code(), 1, Integer::sum);
                switch (e.code()) {
                    case STORE_UNAVAILABLE, BUSY, SHUTTING_DOWN -> {
                        long wait = e.retryAfterMs() == null ? 500 : e.retryAfterMs();
                        TIMERS.schedule(() -> {
                            if (link == l && stillOutstanding(o)) {
                                transmit(o);
                            }
                        }, wait, TimeUnit.MILLISECONDS);
                    }
                    default -> violation("send " + o.clientMsgId() + " refused unexpectedly: " + e);
                }
            }
        });
    }

    private synchronized boolean stillOutstanding(Outgoing o) {
        return outbox.containsKey(o.clientMsgId());
    }

    private void onAck(Outgoing o, Ack ack) {
        boolean first;
        synchronized (this) {
            Ack earlier = acks.get(o.clientMsgId());
            first = earlier == null;
            if (first) {
                acks.put(o.clientMsgId(), ack);
            } else if (earlier.messageId() != ack.messageId() || earlier.seq() != ack.seq()) {
                violation("two different acks for " + o.clientMsgId() + ": " + earlier + " and " + ack);
            }
            if (ack.duplicate()) {
                duplicateAcks.incrementAndGet();
            }
            outbox.remove(o.clientMsgId());
            remember(InvariantChecker.Seen.of(ack.messageId(), ack.conversation().value(), ack.seq(), username,
                    o.clientMsgId(), o.text()), false);
        }
        if (first) {
            window.release();
        }
    }

    /** Sends again everything not yet acknowledged, with the same clientMsgIds (§7.3). */
    public void resendOutbox() {
        List<Outgoing> again;
        synchronized (this) {
            again = List.copyOf(outbox.values());
        }
        again.forEach(this::transmit);
    }

    public synchronized int ackCount() {
        return acks.size();
    }

    public synchronized int outboxSize() {
        return outbox.size();
    }

    /** Sends that went out at least once and have no ack yet: in flight, as far as this client knows. */
    public synchronized int unacknowledgedTransmitted() {
        return (int) outbox.values().stream().filter(o -> o.transmissions().get() > 0).count();
    }

    public long resends() {
        return resends.get();
    }

    public long duplicateAcks() {
        return duplicateAcks.get();
    }

    /** Resume tokens the appliance refused (each also recorded as a violation). */
    public int tokenRefusals() {
        return tokenRefusals.get();
    }

    /**
     * Stops reading from the socket, as a client whose process is busy or swapped out would: replies and
     * events pile up in the kernel's buffers and then in the appliance's outbound queue; nothing is
     * processed, so acks that were sent are not seen. Applies to every connection until {@link #resumeReading}.
     */
    public void holdReading() {
        if (readable.isDone()) {
            readable = new CompletableFuture<>();
        }
    }

    public void resumeReading() {
        readable.complete(null);
    }

    // ------------------------------------------------------------------ catching up

    /** §7.5: for every conversation, fetch what lies beyond the contiguous part we hold. */
    public void catchUp() {
        Link l = requireLink();
        ServerMessage reply = l.callUnchecked(new ClientMessage.ConversationsRequest(nextId()));
        if (!(reply instanceof ConversationList list)) {
            throw new Refusal("conversations", reply);
        }
        for (ConversationInfo info : list.conversations()) {
            String conversation = info.conversation().value();
            long from = contiguous(conversation);
            while (info.lastSeq() > from) {
                ServerMessage page = l.callUnchecked(new ClientMessage.HistoryRequest(nextId(), info.conversation(), null, from, 200));
                if (!(page instanceof HistoryPage p)) {
                    throw new Refusal("history", page);
                }
                synchronized (this) {
                    for (ChatMessage m : p.messages()) {
                        historyMessages.incrementAndGet();
                        remember(seen(m), false);
                    }
                }
                if (p.messages().isEmpty()) {
                    break;
                }
                from = p.messages().get(p.messages().size() - 1).seq();
                if (!p.hasMore()) {
                    break;
                }
            }
        }
    }

    private synchronized long contiguous(String conversation) {
        TreeMap<Long, Long> seqs = bySeq.getOrDefault(conversation, new TreeMap<>());
        long expect = 1;
        for (long seq : seqs.keySet()) {
            if (seq != expect) {
                break;
            }
            expect++;
        }
        return expect - 1;
    }

    private void onLive(Link l, ChatMessage m) {
        synchronized (this) {
            Long previous = l.lastLiveSeq.put(m.conversation().value(), m.seq());
            if (previous != null && m.seq() <= previous) {
                violation("connection " + l.serial + " received seq " + m.seq() + " of " + m.conversation()
                        + " after seq " + previous + " (live events must rise within one connection)");
            }
            liveIds.add(m.messageId());
            remember(seen(m), true);
        }
    }

    private static InvariantChecker.Seen seen(ChatMessage m) {
        return InvariantChecker.Seen.of(m.messageId(), m.conversation().value(), m.seq(), m.from(), m.clientMsgId(),
                m.text() != null ? m.text() : "sticker:" + m.sticker());
    }

    /** Guarded by this. */
    private void remember(InvariantChecker.Seen s, boolean live) {
        InvariantChecker.Seen known = store.get(s.messageId());
        if (known != null) {
            if (!known.equals(s)) {
                violation("message " + s.messageId() + " seen as " + known + " and as " + s);
            }
            if (live) {
                crossDuplicates.incrementAndGet();
            }
            return;
        }
        store.put(s.messageId(), s);
        Long other = bySeq.computeIfAbsent(s.conversation(), c -> new TreeMap<>()).put(s.seq(), s.messageId());
        if (other != null && other != s.messageId()) {
            violation(s.conversation() + " seq " + s.seq() + " is both message " + other + " and " + s.messageId());
        }
    }

    private synchronized void violation(String what) {
        violations.add(what);
        log.warn("{}: VIOLATION {}", username, what);
    }

    // ------------------------------------------------------------------ results

    public synchronized InvariantChecker.Snapshot snapshot(boolean requireLive) {
        Map<String, InvariantChecker.Sent> sent = new LinkedHashMap<>();
        everSent.forEach((id, o) -> sent.put(id, new InvariantChecker.Sent(o.conversation().value(), o.text())));
        Map<String, InvariantChecker.Acked> acked = new LinkedHashMap<>();
        acks.forEach((id, a) -> acked.put(id, new InvariantChecker.Acked(a.messageId(), a.conversation().value(), a.seq())));
        Map<String, Integer> refused = new TreeMap<>();
        refusals.forEach((code, n) -> refused.put(code.wireName(), n));
        return new InvariantChecker.Snapshot(username, requireLive, sent, acked, List.copyOf(store.values()),
                List.copyOf(liveIds), crossDuplicates.get(), historyMessages.get(), duplicateAcks.get(), resends.get(),
                outbox.size(), sessions.get(), refused, List.copyOf(violations));
    }

    public synchronized int storedMessages() {
        return store.size();
    }

    public synchronized boolean hasMessageWithText(String text) {
        String digest = InvariantChecker.digest(text);
        return store.values().stream().anyMatch(s -> s.textDigest().equals(digest));
    }

    /** A request on the current connection; the reply whatever it is (errors included). */
    public ServerMessage call(ClientMessage request) {
        return requireLink().callUnchecked(request);
    }

    public String nextId() {
        return username + "-" + ids.incrementAndGet();
    }

    private Link requireLink() {
        Link l = link;
        if (l == null || l.lost.isDone()) {
            throw new IllegalStateException(username + " is not connected");
        }
        return l;
    }

    /** Drops the connection as a network failure would (no logout). */
    public void dropConnection() {
        Link l = link;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        dropConnection();
    }

    // ------------------------------------------------------------------ one connection

    private final class Link {
        final Socket socket;
        final OutputStream out;
        final int serial;
        final Map<String, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
        final CompletableFuture<Void> lost = new CompletableFuture<>();
        /** Guarded by the participant. */
        final Map<String, Long> lastLiveSeq = new HashMap<>();

        Link(Socket socket, int serial) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.serial = serial;
            Thread.ofVirtual().name("participant-" + username + "-" + serial).start(this::read);
        }

        CompletableFuture<ServerMessage> request(ClientMessage message) {
            CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
            pending.put(message.id(), reply);
            if (lost.isDone()) {
                reply.completeExceptionally(new IOException("connection lost"));
                return reply;
            }
            try {
                byte[] frame = CODEC.encodeFrame(message);
                synchronized (out) {
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                close();
            }
            return reply;
        }

        ServerMessage call(ClientMessage message) throws IOException {
            try {
                return request(message).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException(username + ": " + message.getClass().getSimpleName() + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                close();
                throw new IOException(username + ": no reply to " + message.getClass().getSimpleName() + " within " + REQUEST_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        ServerMessage callUnchecked(ClientMessage message) {
            try {
                return call(message);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private void read() {
            try {
                FrameReader reader = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT);
                while (true) {
                    CompletableFuture.anyOf(readable, lost).join();
                    if (lost.isDone()) {
                        break; // dropped while reading was held: whatever was buffered is gone with the socket
                    }
                    Optional<byte[]> body = reader.next();
                    if (body.isEmpty()) {
                        break;
                    }
                    ServerMessage m = CODEC.decodeServer(body.get());
                    String id = replyId(m);
                    if (id != null) {
                        CompletableFuture<ServerMessage> waiting = pending.remove(id);
                        if (waiting != null) {
                            waiting.complete(m);
                        }
                    } else if (m instanceof ChatMessage chat) {
                        onLive(this, chat);
                    } else if (m instanceof ServerMessage.Bye bye) {
                        log.info("{}: bye on connection {}: {}", username, serial, bye.reason().wireName());
                    }
                }
            } catch (IOException | ProtocolException e) {
                log.debug("{}: connection {} ended: {}", username, serial, e.getMessage());
            } finally {
                close();
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            if (lost.complete(null)) {
                IOException gone = new IOException("connection lost");
                pending.values().forEach(f -> f.completeExceptionally(gone));
                pending.clear();
                onLost(this);
            }
        }
    }

    static String replyId(ServerMessage m) {
        return switch (m) {
            case ServerMessage.Welcome w -> w.id();
            case ServerMessage.SessionStarted s -> s.id();
            case ServerMessage.Ok o -> o.id();
            case ServerMessage.Ack a -> a.id();
            case ServerMessage.Roster r -> r.id();
            case ServerMessage.HistoryPage h -> h.id();
            case ServerMessage.ConversationList c -> c.id();
            case ServerMessage.Avatar a -> a.id();
            case ServerMessage.Pong p -> p.id();
            case ServerMessage.Error e -> e.id();
            case ServerMessage.ChatMessage c -> null;
            case ServerMessage.Presence p -> null;
            case ServerMessage.Bye b -> null;
        };
    }

    /** Trusts exactly the pinned certificate (§1.2). */
    static final class Pin implements X509TrustManager {
        private final CertificateFingerprint pin;

        Pin(CertificateFingerprint pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                if (!CertificateFingerprint.ofDer(chain[0].getEncoded()).equals(pin)) {
                    throw new CertificateException("certificate does not match the pinned fingerprint");
                }
            } catch (CertificateEncodingException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** For scenarios that must cancel a scheduled task explicitly. */
    static ScheduledFuture<?> later(Runnable task, Duration delay) {
        return TIMERS.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
