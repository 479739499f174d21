package org.lanchat.client.core;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lanchat.client.core.ClientEvent.EndReason;
import org.lanchat.client.core.net.Connection;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.client.core.net.Connector;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.ServerMessage.ChatMessage;
import org.lanchat.protocol.message.ServerMessage.ConversationInfo;
import org.lanchat.protocol.message.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: one session with one appliance, kept alive across lost connections.
 *
 * <p>All state lives on one thread (the "core" thread): replies and events from the connection, timers,
 * and calls from the UI are all run there in turn, so nothing here needs a lock. Blocking work (opening a
 * socket, the TLS handshake) runs on a virtual thread and hands its result back to the core thread.
 *
 * <p>After a lost connection the client reconnects with exponential backoff, {@code resume}s with its token,
 * catches up every conversation from history ({@code after} its last contiguous sequence number), and then
 * resends whatever the outbox still holds with the original client message ids, so the appliance commits
 * each message once however often it is sent (PROTOCOL.md §7.3, §7.5).
 */
public final class ChatClient implements ChatService {
    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
    private static final int DEFAULT_MAX_TEXT_CHARS = 4000;

    private final Connector connector;
    private final ClientOptions options;
    private final Backoff backoff;
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    private final ScheduledExecutorService core;
    private final ExecutorService io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lanchat-connect").factory());
    private final List<Registration> listeners = new CopyOnWriteArrayList<>();
    private final Connection.Handler handler = new Handler();
    private volatile Thread coreThread;

    // Everything below is touched on the core thread only (except the volatile fields, read anywhere).
    private Connection connection;
    private CompletableFuture<ServerMessage.Welcome> connecting;
    private ServerMessage.Welcome welcome;
    private volatile Session session;
    private volatile int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
    private String token;
    /**
     * The user of the last session, kept across a lost connection so that messages typed while reconnecting
     * are queued as theirs. Written on the core thread; volatile because {@link #enqueue} reads it on the
     * caller's (the UI's) thread.
     */
    private volatile String lastUser;
    private ConnectionStatus status = ConnectionStatus.OFFLINE;
    /** Logged in and meant to stay so: a lost connection is re-established. */
    private boolean wantOnline;
    private boolean closed;
    private int reconnectAttempt;
    private boolean catchingUp;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> pingTask;
    private ServerMessage.Bye lastBye;
    private final RosterState roster = new RosterState();
    private final Map<String, ConversationLog> logs = new LinkedHashMap<>();
    private String active;
    private final Outbox outbox = new Outbox();
    private final Map<String, AvatarImage> avatars = new HashMap<>();
    private final Set<String> freshAvatars = new HashSet<>();
    private final Map<String, CompletableFuture<AvatarImage>> avatarRequests = new HashMap<>();

    public ChatClient(Connector connector, ClientOptions options) {
        this.connector = connector;
        this.options = options;
        this.backoff = new Backoff(options.firstRetry(), options.maxRetry());
        this.core = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = Thread.ofPlatform().name("lanchat-core").daemon().unstarted(runnable);
            coreThread = thread;
            return thread;
        });
    }

    // ------------------------------------------------------------------ public API

    @Override
    public void addListener(ClientListener listener, Executor executor) {
        listeners.add(new Registration(listener, executor));
    }

    @Override
    public CompletableFuture<Session> login(String username, String password) {
        return authenticate(id -> new ClientMessage.Login(id, username, password));
    }

    @Override
    public CompletableFuture<Session> register(String username, String password, byte[] avatar) {
        return authenticate(id -> new ClientMessage.Register(id, username, password, avatar));
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** The current connection status; for tests and logs (the UI follows {@link ClientEvent.StatusChanged}). */
    public ConnectionStatus status() {
        return call(() -> status);
    }

    /** Who is online now; for tests (the UI follows {@link ClientEvent.RosterChanged}). */
    public List<String> online() {
        return call(roster::users);
    }

    /**
     * Whether the client is still catching up after its last login (fetching what it missed); for tests that
     * need a message to arrive live rather than in the catch-up.
     */
    public boolean catchingUp() {
        return call(() -> catchingUp || logs.values().stream().anyMatch(ConversationLog::syncing));
    }

    /** Unread count of a conversation; for tests. */
    public int unread(Conversation conversation) {
        return call(() -> Optional.ofNullable(logs.get(key(conversation))).map(ConversationLog::unread).orElse(0));
    }

    /** How many messages wait in the outbox; for tests. */
    public int outboxSize() {
        return call(outbox::size);
    }

    @Override
    public ChatEntry sendText(Conversation conversation, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty message is not sent");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxTextChars) {
            throw new IllegalArgumentException("the message is " + length + " characters long; the appliance accepts at most " + maxTextChars);
        }
        return enqueue(conversation, text, null);
    }

    @Override
    public ChatEntry sendSticker(Conversation conversation, String code) {
        return enqueue(conversation, null, code);
    }

    @Override
    public void retry(ChatEntry failed) {
        core.execute(() -> outbox.get(failed.clientMsgId()).ifPresent(item -> {
            item.entry = item.entry.withDelivery(Delivery.PENDING, Optional.empty());
            store(item.entry, false, false);
            flushOutbox();
        }));
    }

    @Override
    public void activate(Conversation conversation) {
        core.execute(() -> {
            ConversationLog conv = logFor(conversation);
            active = key(conversation);
            if (conv.unread() > 0) {
                conv.markRead();
            }
            emit(new ClientEvent.ConversationChanged(conv.summary()));
            if (conv.lastSeenSeq().isEmpty() && !conv.syncing() && status == ConnectionStatus.ONLINE) {
                loadNewest(conv);
            }
        });
    }

    @Override
    public CompletableFuture<List<ChatEntry>> messages(Conversation conversation) {
        return CompletableFuture.supplyAsync(() -> {
            ConversationLog conv = logs.get(key(conversation));
            return conv == null ? List.<ChatEntry>of() : conv.entries();
        }, core);
    }

    @Override
    public CompletableFuture<HistorySlice> history(Conversation conversation, long beforeSeq, int limit) {
        return onCore(() -> historyPage(conversation, beforeSeq > 0 ? beforeSeq : null, null, limit)
                .thenApply(page -> {
                    List<ChatEntry> entries = new ArrayList<>();
                    String me = currentUser();
                    for (ChatMessage m : page.messages()) {
                        entries.addFirst(ChatEntry.received(m, me));
                    }
                    return new HistorySlice(page.conversation() == null ? conversation : page.conversation(), entries,
                            page.hasMore(), page.clearedThrough());
                }));
    }

    @Override
    public CompletableFuture<Void> clearHistory(Conversation conversation) {
        return onCore(() -> request(id -> new ClientMessage.ClearHistory(id, conversation), ServerMessage.Ok.class)
                .thenCompose(ok -> request(ClientMessage.ConversationsRequest::new, ServerMessage.ConversationList.class))
                .thenAccept(list -> list.conversations().stream()
                        .filter(info -> key(info.conversation()).equals(key(conversation)))
                        .findFirst()
                        .ifPresent(info -> applyClear(logFor(info.conversation()), info.clearedThrough()))));
    }

    @Override
    public CompletableFuture<AvatarImage> avatar(String username) {
        return onCore(() -> {
            String k = Usernames.key(username);
            AvatarImage cached = avatars.get(k);
            if (cached != null && freshAvatars.contains(k)) {
                return CompletableFuture.completedFuture(cached);
            }
            CompletableFuture<AvatarImage> inFlight = avatarRequests.get(k);
            if (inFlight != null) {
                return inFlight;
            }
            CompletableFuture<AvatarImage> fetched = request(
                    id -> new ClientMessage.GetAvatar(id, username, cached == null ? null : cached.hash()),
                    ServerMessage.Avatar.class)
                    .thenApply(reply -> {
                        AvatarImage image = reply.image() == null && cached != null ? cached
                                : new AvatarImage(reply.username() == null ? username : reply.username(), reply.hash(),
                                        reply.contentType(), reply.image(), reply.generated());
                        avatars.put(k, image);
                        freshAvatars.add(k);
                        return image;
                    });
            avatarRequests.put(k, fetched);
            fetched.whenComplete((image, failure) -> avatarRequests.remove(k));
            return fetched;
        });
    }

    @Override
    public CompletableFuture<Void> logout() {
        return onCore(() -> {
            CompletableFuture<Void> done = connection == null || session == null
                    ? CompletableFuture.completedFuture(null)
                    : request(ClientMessage.Logout::new, ServerMessage.Ok.class).thenAccept(ok -> { });
            return done.handle((ok, failure) -> {
                endSession(EndReason.LOGGED_OUT, "Logged out.");
                for (ChatEntry dropped : outbox.drain()) {
                    store(dropped.withDelivery(Delivery.FAILED, Optional.of("not sent: you logged out")), false, false);
                }
                token = null;
                closeConnection();
                return null;
            });
        });
    }

    @Override
    public void close() {
        try {
            core.submit(() -> {
                closed = true;
                wantOnline = false;
                cancelTimers();
                closeConnection();
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Closing the client: {}", e.toString());
        }
        core.shutdown();
        io.shutdownNow();
    }

    // ------------------------------------------------------------------ logging in and staying connected

    private CompletableFuture<Session> authenticate(Function<String, ClientMessage> build) {
        return onCore(() -> {
            cancelReconnect();
            setStatus(ConnectionStatus.CONNECTING, "Connecting…", Optional.empty());
            return ensureConnected()
                    .thenCompose(w -> request(build, ServerMessage.SessionStarted.class))
                    .thenApply(started -> startSession(started, false))
                    .whenComplete((s, failure) -> {
                        if (failure != null && status != ConnectionStatus.ONLINE) {
                            setStatus(ConnectionStatus.OFFLINE, describe(unwrap(failure)), Optional.empty());
                        }
                    });
        });
    }

    private CompletableFuture<ServerMessage.Welcome> ensureConnected() {
        if (connection != null && connection.isOpen() && welcome != null) {
            return CompletableFuture.completedFuture(welcome);
        }
        if (connecting != null && !connecting.isDone()) {
            return connecting;
        }
        closeConnection();
        CompletableFuture<ServerMessage.Welcome> attempt = CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return connector.open();
                    } catch (IOException | CertificateMismatchException e) {
                        throw new CompletionException(e);
                    }
                }, io)
                .thenApplyAsync(this::adopt, core)
                .thenCompose(opened -> request(id -> new ClientMessage.Hello(id, Protocol.VERSION, options.clientName()),
                        ServerMessage.Welcome.class))
                .thenApply(w -> {
                    welcome = w;
                    maxTextChars = w.limits().maxTextChars();
                    return w;
                });
        attempt = confined(attempt);
        connecting = attempt;
        return attempt;
    }

    private Connection adopt(Socket socket) {
        if (closed) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            throw new CompletionException(new ConnectionClosedException("the client is closed"));
        }
        try {
            lastBye = null;
            connection = Connection.start(socket, codec, core, handler, options.requestTimeout());
            return connection;
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private Session startSession(ServerMessage.SessionStarted started, boolean resumed) {
        if (lastUser != null && !Usernames.key(lastUser).equals(Usernames.key(started.username()))) {
            forgetConversations();
        }
        lastUser = started.username();
        token = started.token();
        Session current = new Session(started.username(), welcome.applianceName(), welcome.applianceVersion(),
                welcome.limits(), welcome.stickers());
        session = current;
        wantOnline = true;
        reconnectAttempt = 0;
        outbox.allOffTheWire();
        setStatus(ConnectionStatus.ONLINE, "Connected to " + welcome.applianceName(), Optional.empty());
        emit(new ClientEvent.SessionStarted(current, resumed));
        startPing(welcome.limits().idleTimeoutSeconds());
        catchingUp = true;
        catchUp().whenComplete((v, failure) -> {
            catchingUp = false;
            if (failure != null) {
                log.warn("Catching up after login failed: {}", unwrap(failure).toString());
            }
            flushOutbox();
        });
        return current;
    }

    private void onLost(Optional<Throwable> cause) {
        connection = null;
        welcome = null;
        stopPing();
        outbox.allOffTheWire();
        String why = lastBye != null ? "the appliance closed the connection (" + lastBye.reason().wireName() + ")"
                : cause.map(c -> "connection lost (" + c.getMessage() + ")").orElse("connection closed");
        if (wantOnline && !closed && lastBye != null && lastBye.reason() == ErrorCode.ACCOUNT_DISABLED) {
            // An administrator disabled the account: reconnecting could only be refused again.
            endSession(EndReason.ACCOUNT_DISABLED, lastBye.message());
        } else if (wantOnline && !closed) {
            scheduleReconnect(why, Optional.empty());
        } else if (status != ConnectionStatus.OFFLINE && status != ConnectionStatus.CONNECTING) {
            setStatus(ConnectionStatus.OFFLINE, why, Optional.empty());
        }
    }

    private void scheduleReconnect(String why, Optional<Duration> hint) {
        if (reconnectTask != null && !reconnectTask.isDone()) {
            return;
        }
        Duration delay = hint.orElseGet(() -> backoff.delay(reconnectAttempt));
        reconnectAttempt++;
        String detail = capitalise(why) + ". Reconnecting in " + seconds(delay) + "…";
        setStatus(ConnectionStatus.RECONNECTING, detail, Optional.of(delay));
        reconnectTask = core.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        reconnectTask = null;
        if (!wantOnline || closed || token == null) {
            return;
        }
        String resumeToken = token;
        ensureConnected()
                .thenCompose(w -> request(id -> new ClientMessage.Resume(id, resumeToken), ServerMessage.SessionStarted.class))
                .whenComplete((started, failure) -> {
                    if (failure == null) {
                        startSession(started, true);
                        return;
                    }
                    Throwable cause = unwrap(failure);
                    Optional<EndReason> permanent = permanentFailure(cause);
                    if (permanent.isPresent()) {
                        endSession(permanent.get(), describe(cause));
                        closeConnection();
                        return;
                    }
                    Optional<Duration> hint = cause instanceof ChatException chat ? chat.retryAfter() : Optional.empty();
                    scheduleReconnect(describe(cause), hint);
                    if (!(cause instanceof ChatException)) {
                        closeConnection();
                    }
                });
    }

    private static Optional<EndReason> permanentFailure(Throwable cause) {
        if (cause instanceof CertificateMismatchException) {
            return Optional.of(EndReason.CERTIFICATE_CHANGED);
        }
        if (cause instanceof ChatException chat) {
            return switch (chat.code()) {
                case TOKEN_INVALID -> Optional.of(EndReason.TOKEN_INVALID);
                case ACCOUNT_DISABLED -> Optional.of(EndReason.ACCOUNT_DISABLED);
                case UNSUPPORTED_VERSION -> Optional.of(EndReason.UNSUPPORTED_VERSION);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private void endSession(EndReason reason, String message) {
        wantOnline = false;
        cancelTimers();
        session = null;
        if (reason == EndReason.TOKEN_INVALID) {
            token = null;
        }
        roster.clear();
        setStatus(ConnectionStatus.OFFLINE, message, Optional.empty());
        emit(new ClientEvent.SessionEnded(reason, message));
    }

    private void startPing(int idleTimeoutSeconds) {
        stopPing();
        long every = Math.max(1, idleTimeoutSeconds * 1000L / 3);
        pingTask = core.scheduleAtFixedRate(() -> {
            Connection current = connection;
            if (current == null) {
                return;
            }
            // Anything sent resets the appliance's idle timer; a ping is only needed when we have been quiet.
            request(ClientMessage.Ping::new, ServerMessage.Pong.class)
                    .orTimeout(every, TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> {
                        if (unwrap(failure) instanceof TimeoutException && current.isOpen()) {
                            current.abort(new IOException("the appliance did not answer a ping within " + every + " ms"));
                        }
                        return null;
                    });
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void stopPing() {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
    }

    private void cancelReconnect() {
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
            reconnectTask = null;
        }
    }

    private void cancelTimers() {
        cancelReconnect();
        stopPing();
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        welcome = null;
        if (current != null) {
            current.close();
        }
    }

    // ------------------------------------------------------------------ catching up (PROTOCOL.md §7.5)

    private CompletableFuture<Void> catchUp() {
        return request(ClientMessage.ConversationsRequest::new, ServerMessage.ConversationList.class)
                .thenCompose(list -> {
                    List<CompletableFuture<Void>> syncs = new ArrayList<>();
                    for (ConversationInfo info : list.conversations()) {
                        syncs.add(sync(info));
                    }
                    for (ConversationLog conv : new ArrayList<>(logs.values())) {
                        // A conversation opened here that the appliance does not list yet has no messages.
                        if (conv.lastSeenSeq().isEmpty() && !conv.syncing() && key(conv.conversation()).equals(active)) {
                            syncs.add(loadNewest(conv));
                        }
                    }
                    return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
                });
    }

    private CompletableFuture<Void> sync(ConversationInfo info) {
        ConversationLog conv = logFor(info.conversation());
        conv.canonical(info.conversation());
        applyClear(conv, info.clearedThrough());
        if (conv.syncing()) {
            return CompletableFuture.completedFuture(null);
        }
        if (conv.lastSeenSeq().isEmpty()) {
            return loadNewest(conv);
        }
        long from = Math.max(conv.lastSeenSeq().get(), conv.clearedThrough());
        if (info.lastSeq() <= from) {
            return CompletableFuture.completedFuture(null);
        }
        return fetchAfter(conv, from);
    }

    /** The newest page of a conversation new to this client: shown, not counted as unread. */
    private CompletableFuture<Void> loadNewest(ConversationLog conv) {
        return loadNewest(conv, Long.MAX_VALUE);
    }

    /**
     * The newest page of a conversation new to this client, counting as unread only what came after
     * {@code countAfter}: when a live message opened the conversation, those after it arrived while the
     * page was on its way and may be in the page before they arrive live.
     */
    private CompletableFuture<Void> loadNewest(ConversationLog conv, long countAfter) {
        conv.syncing(true);
        return historyPage(conv.conversation(), null, null, options.initialPageSize())
                .thenAccept(page -> {
                    applyClear(conv, page.clearedThrough());
                    List<ChatMessage> oldestFirst = new ArrayList<>(page.messages());
                    java.util.Collections.reverse(oldestFirst);
                    String me = currentUser();
                    long newest = 0;
                    for (ChatMessage m : oldestFirst) {
                        store(ChatEntry.received(m, me), false, m.seq() > countAfter);
                        newest = Math.max(newest, m.seq());
                    }
                    conv.seenThrough(Math.max(newest, page.clearedThrough()));
                    emit(new ClientEvent.ConversationChanged(conv.summary()));
                })
                .whenComplete((v, failure) -> conv.syncing(false));
    }

    /** Everything after {@code from}, page by page: what was missed while away; counted as unread. */
    private CompletableFuture<Void> fetchAfter(ConversationLog conv, long from) {
        conv.syncing(true);
        int limit = welcome == null ? 200 : welcome.limits().historyPageMax();
        return historyPage(conv.conversation(), null, from, limit)
                .thenCompose(page -> {
                    String me = currentUser();
                    long last = from;
                    for (ChatMessage m : page.messages()) {
                        store(ChatEntry.received(m, me), false, true);
                        last = Math.max(last, m.seq());
                    }
                    if (page.hasMore() && last > from) {
                        return fetchAfter(conv, last);
                    }
                    conv.seenThrough(last);
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .whenComplete((v, failure) -> conv.syncing(false));
    }

    /** One history page, halving the limit while the appliance says the page would not fit in a frame. */
    private CompletableFuture<ServerMessage.HistoryPage> historyPage(Conversation conversation, Long before, Long after,
            int limit) {
        return request(id -> new ClientMessage.HistoryRequest(id, conversation, before, after, limit),
                ServerMessage.HistoryPage.class)
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof ChatException chat && chat.code() == ErrorCode.FRAME_TOO_LARGE && limit > 1) {
                        return historyPage(conversation, before, after, limit / 2);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private void applyClear(ConversationLog conv, long through) {
        if (conv.clear(through)) {
            emit(new ClientEvent.ConversationCleared(conv.conversation(), through));
            emit(new ClientEvent.ConversationChanged(conv.summary()));
        }
    }

    // ------------------------------------------------------------------ receiving

    private void onEvent(ServerMessage message) {
        switch (message) {
            case ChatMessage m -> receive(m);
            case ServerMessage.Roster r -> {
                roster.replace(r.users(), r.count());
                emit(new ClientEvent.RosterChanged(roster.users(), roster.count(), List.of(), List.of()));
            }
            case ServerMessage.Presence p -> {
                RosterState.Change change = roster.apply(p.joined(), p.left(), p.count());
                change.joined().forEach(name -> freshAvatars.remove(Usernames.key(name)));
                emit(new ClientEvent.RosterChanged(roster.users(), roster.count(), change.joined(), change.left()));
            }
            case ServerMessage.Bye bye -> {
                log.info("The appliance is closing the connection: {} ({})", bye.reason().wireName(), bye.message());
                lastBye = bye;
            }
            case ServerMessage.Error error -> log.warn("Error from the appliance: {} {}", error.code().wireName(), error.message());
            default -> log.debug("Ignoring a late reply: {}", message);
        }
    }

    private void receive(ChatMessage m) {
        ConversationLog conv = logFor(m.conversation());
        conv.canonical(m.conversation());
        ChatEntry entry = ChatEntry.received(m, currentUser());
        store(entry, true, true);
        if (conv.syncing()) {
            return;
        }
        if (conv.lastSeenSeq().isEmpty()) {
            loadNewest(conv, m.seq());
        } else if (m.seq() > conv.lastSeenSeq().get() + 1) {
            fetchAfter(conv, conv.lastSeenSeq().get());
        }
    }

    /** Adds or updates an entry and tells listeners; {@code countUnread} for messages the user has not seen. */
    private void store(ChatEntry entry, boolean live, boolean countUnread) {
        ConversationLog conv = logFor(entry.conversation());
        switch (conv.put(entry)) {
            case ADDED -> {
                if (countUnread && !entry.own() && !key(entry.conversation()).equals(active)) {
                    conv.incrementUnread();
                }
                emit(new ClientEvent.MessageAdded(entry, live));
                emit(new ClientEvent.ConversationChanged(conv.summary()));
            }
            case UPDATED -> {
                emit(new ClientEvent.MessageUpdated(entry));
                emit(new ClientEvent.ConversationChanged(conv.summary()));
            }
            case UNCHANGED, HIDDEN -> {
            }
        }
    }

    // ------------------------------------------------------------------ sending

    private ChatEntry enqueue(Conversation conversation, String text, String sticker) {
        // Called on the UI thread: read each shared field once.
        Session current = session;
        String from = current != null ? current.username() : lastUser;
        if (from == null) {
            throw new IllegalStateException("log in before sending");
        }
        ChatEntry entry = new ChatEntry(0, conversation, 0, from, UUID.randomUUID().toString(), text, sticker,
                System.currentTimeMillis(), true, Delivery.PENDING, Optional.empty());
        core.execute(() -> {
            outbox.add(entry);
            store(entry, false, false);
            flushOutbox();
        });
        return entry;
    }

    private void flushOutbox() {
        if (status != ConnectionStatus.ONLINE || connection == null) {
            return;
        }
        for (Outbox.Item item : outbox.waiting()) {
            transmit(item);
        }
    }

    private void transmit(Outbox.Item item) {
        item.inFlight = true;
        ChatEntry entry = item.entry;
        Connection via = connection;
        request(id -> new ClientMessage.Send(id, entry.clientMsgId(), entry.conversation(), entry.text(), entry.sticker()),
                ServerMessage.Ack.class)
                .whenComplete((ack, failure) -> {
                    item.inFlight = false;
                    if (failure == null) {
                        outbox.remove(entry.clientMsgId());
                        ChatEntry delivered = new ChatEntry(ack.messageId(), ack.conversation(), ack.seq(), entry.from(),
                                entry.clientMsgId(), entry.text(), entry.sticker(), ack.sentAt(), true, Delivery.DELIVERED,
                                Optional.empty());
                        ConversationLog conv = logFor(entry.conversation());
                        conv.canonical(ack.conversation());
                        store(delivered, false, false);
                        return;
                    }
                    Throwable cause = unwrap(failure);
                    if (cause instanceof ChatException chat && !chat.transientFailure()) {
                        item.entry = entry.withDelivery(Delivery.FAILED, Optional.of(chat.getMessage()));
                        store(item.entry, false, false);
                    } else if (cause instanceof ChatException chat) {
                        Duration wait = chat.retryAfter().orElse(Duration.ofSeconds(1));
                        core.schedule(this::flushOutbox, wait.toMillis(), TimeUnit.MILLISECONDS);
                    } else if (via != null && via == connection && via.isOpen()) {
                        // Timed out on a live connection: send again (the same id cannot be committed twice).
                        core.schedule(this::flushOutbox, 1, TimeUnit.SECONDS);
                    }
                    // Otherwise the connection is gone; the message waits for the reconnect.
                });
    }

    // ------------------------------------------------------------------ plumbing

    private <T extends ServerMessage> CompletableFuture<T> request(Function<String, ClientMessage> build, Class<T> expected) {
        Connection current = connection;
        if (current == null) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("not connected to the appliance"));
        }
        return confined(current.request(build)).thenApply(reply -> {
            if (reply instanceof ServerMessage.Error error) {
                throw new CompletionException(new ChatException(error.code(), error.message(),
                        Optional.ofNullable(error.retryAfterMs()).map(Duration::ofMillis)));
            }
            if (!expected.isInstance(reply)) {
                throw new CompletionException(new IOException("the appliance answered " + reply.getClass().getSimpleName()
                        + " where " + expected.getSimpleName() + " was expected"));
            }
            return expected.cast(reply);
        });
    }

    /**
     * The same outcome, delivered on the core thread: replies complete there already, but failures (a write
     * error, a timeout, a refused connect) complete on whichever thread noticed them.
     */
    private <T> CompletableFuture<T> confined(CompletableFuture<T> future) {
        CompletableFuture<T> onCore = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            Runnable deliver = () -> {
                if (failure != null) {
                    onCore.completeExceptionally(unwrap(failure));
                } else {
                    onCore.complete(value);
                }
            };
            if (Thread.currentThread() == coreThread) {
                deliver.run();
            } else {
                try {
                    core.execute(deliver);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    onCore.completeExceptionally(new ConnectionClosedException("the client is closed"));
                }
            }
        });
        return onCore;
    }

    private ConversationLog logFor(Conversation conversation) {
        return logs.computeIfAbsent(key(conversation), k -> {
            ConversationLog created = new ConversationLog(conversation);
            emit(new ClientEvent.ConversationChanged(created.summary()));
            return created;
        });
    }

    private void forgetConversations() {
        logs.clear();
        active = null;
        for (ChatEntry dropped : outbox.drain()) {
            log.info("Dropping unsent message {} of the previous user", dropped.clientMsgId());
        }
    }

    private String currentUser() {
        Session current = session;
        return current != null ? current.username() : lastUser;
    }

    private static String key(Conversation conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }

    private void setStatus(ConnectionStatus newStatus, String detail, Optional<Duration> retryIn) {
        status = newStatus;
        emit(new ClientEvent.StatusChanged(newStatus, detail, retryIn));
    }

    private void emit(ClientEvent event) {
        for (Registration registration : listeners) {
            registration.executor.execute(() -> {
                try {
                    registration.listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.error("A listener failed on {}", event, e);
                }
            });
        }
    }

    private <T> CompletableFuture<T> onCore(Supplier<CompletableFuture<T>> work) {
        try {
            return CompletableFuture.supplyAsync(work, core).thenCompose(Function.identity());
        } catch (RejectedExecutionException e) {
            // After close() the core accepts no work; a view still repainting (an avatar beside a message
            // event already queued for it) gets a failed future like every other request, not an exception.
            return CompletableFuture.failedFuture(new ConnectionClosedException("the client is closed"));
        }
    }

    private <T> T call(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, core).join();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A sentence for the user about why something failed. */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatException chat) {
            return chat.getMessage();
        }
        if (cause instanceof CertificateMismatchException) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return "the appliance did not answer in time";
        }
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.NoRouteToHostException
                || cause instanceof java.net.UnknownHostException || cause instanceof java.net.SocketTimeoutException) {
            return "the appliance cannot be reached (" + cause.getMessage() + ")";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String seconds(Duration delay) {
        long ms = delay.toMillis();
        return ms < 1000 ? ms + " ms" : (ms + 500) / 1000 + " s";
    }

    private record Registration(ClientListener listener, Executor executor) {
    }

    private final class Handler implements Connection.Handler {
        @Override
        public void onMessage(Connection from, ServerMessage message) {
            if (from == connection) {
                onEvent(message);
            }
        }

        @Override
        public void onClosed(Connection from, Optional<Throwable> cause) {
            if (from == connection) {
                onLost(cause);
            }
        }
    }
}
