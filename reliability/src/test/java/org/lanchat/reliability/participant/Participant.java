package org.lanchat.reliability.participant;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.reliability.invariant.InvariantChecker;

/**
 * One user of a fault scenario: the real client core ({@link ChatClient}, which users run) behind a
 * {@link WireTap}. The client does what it always does — pings, notices a dead connection, reconnects with
 * backoff, resumes with its token, catches up from history, resends its outbox with the original clientMsgIds —
 * and the participant only drives it and keeps the books: what it sent, what the wire showed, and in the end
 * what it holds, for {@link InvariantChecker}.
 */
public final class Participant implements AutoCloseable {
    /** Logins hash a password while the machine is loaded: generous. Reconnects come quickly, as in a test. */
    static final ClientOptions OPTIONS = new ClientOptions("LAN Chat reliability participant", Duration.ofSeconds(45),
            Duration.ofMillis(100), Duration.ofSeconds(2), 50);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final int PAGE = 200;

    private final String username;
    private final String password;
    private final Path home;
    private final WireLog wire;
    private final WireTap tap;
    private final ChatClient client;
    private final Semaphore window;
    private final Map<String, InvariantChecker.Sent> sent = new ConcurrentHashMap<>();
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong lastSessionNanos = new AtomicLong();
    private volatile ConnectionStatus status = ConnectionStatus.OFFLINE;
    private volatile boolean closing;

    /** @param window how many sends may wait for their ack before {@link #send} blocks */
    public Participant(String username, String password, Supplier<Endpoint> endpoint, int window) {
        this.username = username;
        this.password = password;
        this.window = new Semaphore(window);
        this.wire = new WireLog(username);
        try {
            this.home = Files.createTempDirectory("lanchat-participant-");
            PinStore pins = PinStore.open(home);
            pins.pin(ApplianceId.random(), "LAN Chat under test", endpoint.get().pin());
            this.tap = new WireTap(new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(10)), () -> {
                Endpoint where = endpoint.get();
                return TrustTarget.manual(new InetSocketAddress(where.host(), where.port()));
            }), wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.client = new ChatClient(tap, OPTIONS);
        client.addListener(this::onEvent, Runnable::run);
    }

    public String username() {
        return username;
    }

    /** The client itself, for what a scenario asks of it directly (history while the database is gone). */
    public ChatClient client() {
        return client;
    }

    // ------------------------------------------------------------------ connecting

    /** Creates the account and logs in; returns once the client has caught up. */
    public void register() {
        started(client.register(username, password, null));
    }

    public void login() {
        started(client.login(username, password));
    }

    /** Logs in with the token of a session started elsewhere (a stalled raw connection, another process). */
    public void resume(String token) {
        started(client.resume(token));
    }

    private void started(CompletableFuture<Session> login) {
        get(login, "log in " + username);
        get(client.caughtUp(), username + " catching up after login");
    }

    public Optional<String> token() {
        return client.session().map(s -> s.token().value());
    }

    /** Logged in on an open connection. */
    public boolean isConnected() {
        return status == ConnectionStatus.ONLINE;
    }

    /** Logins on this client: the first one plus every automatic reconnect. */
    public int sessions() {
        return sessions.get();
    }

    public long lastSessionNanos() {
        return lastSessionNanos.get();
    }

    /** Resume tokens the appliance refused (each also recorded as a violation). */
    public int tokenRefusals() {
        return wire.tokenRefusals();
    }

    private void onEvent(ClientEvent event) {
        switch (event) {
            case ClientEvent.StatusChanged s -> status = s.status();
            case ClientEvent.SessionStarted s -> {
                sessions.incrementAndGet();
                lastSessionNanos.set(System.nanoTime());
            }
            case ClientEvent.SessionEnded end -> {
                if (!closing) {
                    wire.violation("session ended: " + end.reason() + " (" + end.message() + ")");
                }
            }
            case ClientEvent.MessageAdded added -> know(added.entry().conversation());
            case ClientEvent.ConversationChanged changed -> know(changed.summary().conversation());
            default -> {
            }
        }
    }

    private void know(Conversation conversation) {
        conversations.putIfAbsent(conversation.value().toLowerCase(java.util.Locale.ROOT), conversation);
    }

    // ------------------------------------------------------------------ misbehaving machine

    /** The client process stops reading (busy, swapped out): see {@link WireTap#holdReading}. */
    public void holdReading() {
        tap.holdReading();
    }

    public void resumeReading() {
        tap.resumeReading();
    }

    /** The network drops the connection (no logout); the client must notice and come back by itself. */
    public void dropConnection() {
        tap.dropConnection();
    }

    // ------------------------------------------------------------------ sending

    /**
     * Queues a text with the client; blocks while {@code window} of this participant's sends await their ack.
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
            throw new AssertionError("interrupted", e);
        }
        ChatEntry entry = client.sendText(conversation, text);
        sent.put(entry.clientMsgId(), new InvariantChecker.Sent(conversation.value(), text));
        client.delivered(entry).whenComplete((ack, failure) -> {
            if (failure == null) {
                delivered.incrementAndGet();
            } else {
                failed.incrementAndGet();
                wire.violation("send " + entry.clientMsgId() + " failed: " + failure);
            }
            window.release();
        });
        return entry.clientMsgId();
    }

    /** Sends the client reported delivered. */
    public int ackCount() {
        return delivered.get();
    }

    /** Sends neither delivered nor failed yet. */
    public int outboxSize() {
        return sent.size() - delivered.get() - failed.get();
    }

    /** Whether the appliance acknowledged the send with this clientMsgId (as the wire showed). */
    public boolean isAcknowledged(String clientMsgId) {
        return wire.acks().containsKey(clientMsgId);
    }

    /** Sends that went out at least once and have no ack yet: in flight, as far as the wire shows. */
    public int unacknowledgedTransmitted() {
        return wire.unacknowledgedTransmitted();
    }

    // ------------------------------------------------------------------ catching up

    /**
     * Waits until the client holds, in each of its conversations, the newest message the appliance has: the
     * client gets there by itself (live events, filling gaps, catching up after a resume); this only watches.
     */
    public void catchUp() {
        get(client.caughtUp(), username + " catching up");
        for (Conversation conversation : List.copyOf(conversations.values())) {
            long newest = await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> newestSeq(conversation), seq -> seq >= 0);
            await(username + " receives seq " + newest + " of " + conversation).atMost(PATIENCE)
                    .until(() -> held(conversation).stream().anyMatch(e -> e.seq() >= newest));
        }
    }

    private long newestSeq(Conversation conversation) {
        HistorySlice page = get(client.history(conversation, 0, 1), "newest of " + conversation);
        return page.entries().stream().mapToLong(ChatEntry::seq).max().orElse(0);
    }

    private List<ChatEntry> held(Conversation conversation) {
        return get(client.messages(conversation), "messages of " + conversation);
    }

    // ------------------------------------------------------------------ results

    /**
     * What the client holds and what the wire showed. A conversation the client first met after its older
     * messages were sent starts at its newest page (that is how the client shows a conversation new to it); the
     * older pages are read through the client as a user scrolling back would.
     *
     * @param requireLive the client never lost its connection: everything must have reached it live
     */
    public InvariantChecker.Snapshot snapshot(boolean requireLive) {
        List<InvariantChecker.Seen> store = new ArrayList<>();
        for (Conversation conversation : List.copyOf(conversations.values())) {
            List<ChatEntry> held = held(conversation).stream().filter(e -> e.messageId() != 0).toList();
            held.forEach(e -> store.add(seen(e)));
            long oldest = held.stream().mapToLong(ChatEntry::seq).min().orElse(0);
            checkContiguous(conversation, held);
            while (oldest > 1) {
                HistorySlice older = get(client.history(conversation, oldest, PAGE), "history of " + conversation);
                older.entries().forEach(e -> store.add(seen(e)));
                oldest = older.entries().stream().mapToLong(ChatEntry::seq).min().orElse(0);
                if (!older.hasMore()) {
                    break;
                }
            }
        }
        return new InvariantChecker.Snapshot(username, requireLive, new LinkedHashMap<>(sent), wire.acks(), store,
                wire.liveIds(), wire.crossDuplicates(), wire.historyMessages(), wire.duplicateAcks(), wire.resends(),
                outboxSize(), sessions.get(), wire.refusals(), wire.violations());
    }

    private void checkContiguous(Conversation conversation, List<ChatEntry> held) {
        List<Long> seqs = held.stream().map(ChatEntry::seq).sorted(Comparator.naturalOrder()).distinct().toList();
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) != seqs.get(i - 1) + 1) {
                wire.violation(conversation + ": the client holds seq " + seqs.get(i - 1) + " then " + seqs.get(i)
                        + " with nothing between");
                return;
            }
        }
    }

    private static InvariantChecker.Seen seen(ChatEntry e) {
        return InvariantChecker.Seen.of(e.messageId(), e.conversation().value(), e.seq(), e.from(), e.clientMsgId(),
                e.text() != null ? e.text() : "sticker:" + e.sticker());
    }

    private static <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer within " + PATIENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }

    /** Disconnects without logging out. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        tap.resumeReading();
        client.close();
        try (var files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
