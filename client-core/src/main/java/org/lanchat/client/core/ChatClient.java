package org.lanchat.client.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lanchat.client.core.ClientEvent.EndReason;
import org.lanchat.client.core.net.Connector;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.Reactions;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.lanchat.protocol.message.SessionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: one session with one appliance, kept alive across lost connections. This class only wires the
 * parts together and hands calls to them; each part does one job:
 * <ul>
 * <li>{@code Link} — the connection: connect, {@code hello}, requests and replies, ping, word of a loss;</li>
 * <li>{@code SessionKeeper} — login, registration, resume; the status; reconnecting with backoff;</li>
 * <li>{@code CatchUp} — what was missed, from history, after every login and at every gap (PROTOCOL.md §7.5);</li>
 * <li>{@code OutboxSender} — sending, acknowledging and resending with stable client message ids (§7.3);</li>
 * <li>{@code ConversationBook} — the conversations, their messages and unread counts;</li>
 * <li>{@code AvatarCache} and {@code RosterState} — avatars, and who is online;</li>
 * <li>{@code PeerAssist} — for when the appliance is away: this client's peer key, signed anew at every session
 * start, its peer-link node, and where colleagues take theirs (§7.13, §7.15, §10).</li>
 * </ul>
 *
 * <p><b>Threading.</b> All state lives on the client's loop: one thread at a time runs replies and events from
 * the connection, timers, and the calls made here, in turn, so no part takes a lock. The public methods may
 * be called from any thread; they queue their work on the loop and return at once (a future where there is an
 * answer to wait for), and nothing the loop runs ever blocks on a future. Blocking work (opening the socket,
 * the TLS handshake, reading and writing) runs on virtual threads and hands its result to the loop. By default
 * the loop is the client's own single-thread executor on a virtual thread, so a JVM can run thousands of
 * clients; {@link #ChatClient(Connector, ClientOptions, ScheduledExecutorService)} runs it on an executor the
 * caller owns instead, which several clients may share. Futures complete on the loop: hop to your own thread
 * before touching state of your own. Listeners hear {@link ClientEvent}s in order on the executor they chose.
 *
 * <p>After a lost connection the client reconnects with exponential backoff, {@code resume}s with its token,
 * catches up every conversation from history ({@code after} its last contiguous sequence number), and then
 * resends whatever the outbox still holds with the original client message ids, so the appliance commits
 * each message once however often it is sent.
 */
public final class ChatClient implements ChatService {
    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
    private static final int DEFAULT_MAX_TEXT_CHARS = 4000;
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);

    private final CoreLoop loop;
    private final Listeners listeners = new Listeners();
    private final Link link;
    private final Rooms rooms;
    private final SessionKeeper keeper;
    private final ConversationBook book;
    private final CatchUp catchUp;
    private final OutboxSender outbox;
    private final AvatarCache avatars;
    private final RosterState roster = new RosterState();
    private final RosterParts rosterParts = new RosterParts();
    private final StateBook states = new StateBook();
    private final DisplayNameBook displayNames;
    private final PeerAssist peers;
    private final PeerMode peerMode;
    private final ChangeRequests changes;
    private final ReadMarkSender readMarks;
    private final TypingSender typing;
    private final FileTransfers files;
    private final SessionReturn sessionReturn = new SessionReturn();
    private final Thumbnails thumbnails;
    /** From the last welcome; read on the caller's thread to refuse an overlong message at once. */
    private volatile int maxTextChars = DEFAULT_MAX_TEXT_CHARS;

    /**
     * A client on a loop of its own (one virtual thread), keeping device cookies in memory only: for one that
     * keeps them on disk, as a program on a user's computer should, see {@link ClientHome#clientFor}.
     */
    public ChatClient(Connector connector, ClientOptions options) {
        this(connector, options, DeviceCookies.inMemory());
    }

    /** A client on a loop of its own, presenting and keeping the device cookies in {@code cookies}. */
    public ChatClient(Connector connector, ClientOptions options, DeviceCookies cookies) {
        this(connector, options, CoreLoop.own(), cookies, PeerSupport.NONE);
    }

    /**
     * As {@link #ChatClient(Connector, ClientOptions, DeviceCookies)}, keeping the peer credential and what goes
     * directly on disk and finding colleagues on the LAN (PROTOCOL.md §10), as a program on a user's computer should.
     */
    public ChatClient(Connector connector, ClientOptions options, DeviceCookies cookies, PeerSupport peerSupport) {
        this(connector, options, CoreLoop.own(), cookies, peerSupport);
    }

    /**
     * A client whose loop runs on {@code loop}, which must run one task at a time (a single-thread executor);
     * several clients may share it. The caller shuts it down, after closing the clients. Device cookies are
     * kept in memory only.
     */
    public ChatClient(Connector connector, ClientOptions options, ScheduledExecutorService loop) {
        this(connector, options, CoreLoop.on(loop), DeviceCookies.inMemory(), PeerSupport.NONE);
    }

    private ChatClient(Connector connector, ClientOptions options, CoreLoop loop, DeviceCookies cookies,
            PeerSupport peerSupport) {
        this.loop = loop;
        this.link = new Link(connector, options, loop, this::onEvent, this::onLost);
        this.book = new ConversationBook(listeners);
        this.catchUp = new CatchUp(link, book, listeners, options.initialPageSize(),
                () -> link.welcome().map(w -> w.limits().historyPageMax()).orElse(options.initialPageSize()));
        this.keeper = new SessionKeeper(link, loop, new Backoff(options.firstRetry(), options.maxRetry()), listeners,
                new Lifecycle(), cookies);
        this.peers = new PeerAssist(link, loop, Optional.ofNullable(options.peerLinks()), link::appliance,
                peerSupport.store());
        this.peerMode = new PeerMode(loop, peers, peerSupport.discovery(), book, listeners, link, keeper::online,
                () -> keeper.user().orElse(""),
                this::flushOutbox);
        peers.listenWith(peerMode);
        this.outbox = new OutboxSender(link, book, loop, keeper::online, peerMode);
        this.avatars = new AvatarCache(link);
        this.displayNames = new DisplayNameBook(link);
        this.changes = new ChangeRequests(link, book, keeper::user);
        this.readMarks = new ReadMarkSender(link, loop);
        this.typing = new TypingSender(link, loop);
        this.rooms = new RoomCalls(link, loop);
        this.thumbnails = new Thumbnails(link);
        this.files = new FileTransfers(new Requests() {
            @Override
            public <T extends ServerMessage> CompletableFuture<T> request(
                    Function<String, ClientMessage> build, Class<T> expected) {
                return loop.call(() -> link.request(build, expected));
            }
        }, () -> options.rawTransfers() && loop.call(() -> CompletableFuture.completedFuture(link.welcome()
                .map(w -> w.limits().offersRawTransfers()).orElse(false))).join(),
                new TransferLine(() -> openTransferSocket(connector), options.requestTimeout()),
                () -> loop.call(sessionReturn::next));
    }

    /** A new connection to the appliance for a raw transfer (PROTOCOL.md §7.25), trusted as the chat connection is. */
    private static java.net.Socket openTransferSocket(Connector connector) throws IOException {
        try {
            return connector.open();
        } catch (org.lanchat.discovery.trust.CertificateMismatchException e) {
            throw new IOException("the appliance's certificate is not the trusted one: " + e.getMessage(), e);
        }
    }

    /**
     * Uploads {@code file} (resuming after a lost connection, §7.24) and then sends it to {@code conversation} under its
     * name, like a typed message: the entry returned is pending until the appliance commits it ({@link #delivered}).
     * Blocks while uploading, so never call it on the client's loop or a UI thread. Throws {@link ChatException} when
     * the appliance refuses the file (too large, quota, a hostile picture), {@link IOException} when the file cannot be
     * read or the connection never comes back.
     */
    public ChatEntry sendFile(Conversation conversation, Path file, TransferProgress progress)
            throws ChatException, IOException, InterruptedException {
        String from = keeper.user().orElseThrow(NotLoggedInException::new);
        FileTransfers.Uploaded uploaded = files.upload(file, progress);
        ChatEntry entry = ChatEntry.pendingFile(conversation, from, uploaded.name(), uploaded.attachment());
        loop.post(() -> outbox.add(entry));
        return entry;
    }

    /**
     * The message {@code seq} of {@code conversation}, which carries a file: its {@code text} is the file's name as
     * the sender gave it (save under {@link FileNames#safe} of it). Blocking. Throws {@link ChatException}
     * {@code no_such_attachment} when there is no such message with a file this user can read.
     */
    public ChatMessage fileMessage(Conversation conversation, long seq) throws ChatException, InterruptedException {
        return files.message(conversation, seq);
    }

    /**
     * Downloads the file of the message {@code seq} of {@code conversation} to {@code target}, through
     * {@code target.part}: resumed after a lost connection, checked against its SHA-256 and fetched again when it does
     * not match. The file appears under {@code target} only complete and checked. Blocking.
     */
    public void downloadFile(Conversation conversation, long seq, Path target, TransferProgress progress)
            throws ChatException, IOException, InterruptedException {
        files.download(conversation, seq, target, progress);
    }

    @Override
    public CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
        return loop.call(() -> thumbnails.get(conversation, seq));
    }

    @Override
    public void addListener(ClientListener listener, Executor executor) {
        listeners.add(listener, executor);
    }

    @Override
    public CompletableFuture<Session> login(String username, String password) {
        return loop.call(() -> keeper.login(username, password));
    }

    @Override
    public CompletableFuture<Session> register(String username, String password, byte[] avatar) {
        return authenticate(id -> new SessionRequest.Register(id, username, password, avatar));
    }

    /** Registers with a display name (PROTOCOL.md §7.17) as well; null for none. */
    @Override
    public CompletableFuture<Session> register(String username, String password, byte[] avatar, String displayName) {
        return authenticate(id -> new SessionRequest.Register(id, username, password, avatar, displayName));
    }

    /**
     * Sets the logged-in user's display name, or clears it for null or blank (PROTOCOL.md §7.17). Completes with
     * the name as the appliance stored it (normalized), empty when cleared; fails with a {@link ChatException}
     * whose code is {@code invalid_display_name} or {@code display_name_taken} when refused.
     */
    @Override
    public CompletableFuture<Optional<String>> setDisplayName(String displayName) {
        return loop.call(() -> link.request(id -> new ProfileRequest.SetProfile(id, displayName), ProfileMessage.Profile.class)
                .thenApply(reply -> {
                    displayNames.changed(reply.username(), reply.displayName());
                    return Optional.ofNullable(reply.displayName());
                }));
    }

    @Override
    public CompletableFuture<Void> setPresence(PresenceState state, String statusText) {
        return loop.call(() -> link.request(id -> new ProfileRequest.SetPresence(id, state.wireName(), statusText),
                SessionMessage.Ok.class).thenApply(ok -> null));
    }

    /**
     * The display names of these users, online or not, keyed by the names as given; empty for a user without one
     * (or no such user): show the login name then. Known names are answered from memory, the others asked of the
     * appliance once; changes arrive as {@link ClientEvent.DisplayNameChanged}.
     */
    @Override
    public CompletableFuture<Map<String, Optional<String>>> displayNames(Collection<String> usernames) {
        List<String> asked = List.copyOf(usernames);
        return loop.call(() -> displayNames.of(asked));
    }

    @Override
    public CompletableFuture<Session> resume(String token) {
        return authenticate(id -> new SessionRequest.Resume(id, token));
    }

    @Override
    public Optional<Session> session() {
        return keeper.session();
    }

    @Override
    public CompletableFuture<Void> caughtUp() {
        return loop.call(catchUp::done);
    }

    /**
     * The appliance's signature on this client's peer key for the logged-in user, once it has answered at a
     * session start; kept while the appliance is away, until the session ends.
     */
    public CompletableFuture<Optional<PeerCredential>> peerCredential() {
        return onLoop(peers::current);
    }

    /** Where the other users online take peer links, as the appliance last said (§7.15); kept while it is away. */
    public CompletableFuture<List<PeerLinkMessage.PeerAddress>> knownPeers() {
        return onLoop(peers::knownPeers);
    }

    /** Where this client takes colleagues' peer links, when {@link ClientOptions#peerLinks()} is set. */
    public CompletableFuture<Optional<InetSocketAddress>> peerLinkAddress() {
        return onLoop(peers::listening);
    }

    @Override
    public CompletableFuture<OnlineUsers> online() {
        return onLoop(() -> new OnlineUsers(roster.users(), roster.count(), states.chosen(roster.users())));
    }

    @Override
    public ChatEntry sendText(Conversation conversation, String text) {
        checkText(text);
        return enqueue(conversation, text, null);
    }

    private void checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(ClientProblem.Kind.EMPTY_MESSAGE, "an empty message is not sent");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxTextChars) {
            throw new InvalidInputException(ClientProblem.Kind.TEXT_TOO_LONG,
                    "the message is " + length + " characters long; the appliance accepts at most " + maxTextChars,
                    length, maxTextChars);
        }
    }

    @Override
    public ChatEntry sendSticker(Conversation conversation, String code) {
        return enqueue(conversation, null, code);
    }

    @Override
    public ChatEntry reply(Conversation conversation, long replyTo, String text) {
        checkText(text);
        if (replyTo < 1) {
            throw new InvalidInputException(ClientProblem.Kind.NO_SUCH_MESSAGE,
                    "a reply names a message by its sequence number, from 1");
        }
        String from = keeper.user().orElseThrow(NotLoggedInException::new);
        ChatEntry entry = ChatEntry.pending(conversation, from, text, null, replyTo);
        loop.post(() -> outbox.add(entry));
        return entry;
    }

    @Override
    public CompletableFuture<Optional<ChatEntry>> edit(Conversation conversation, long seq, String text) {
        checkText(text);
        return loop.call(() -> changes.edit(conversation, seq, text));
    }

    @Override
    public CompletableFuture<Optional<ChatEntry>> delete(Conversation conversation, long seq) {
        return loop.call(() -> changes.delete(conversation, seq));
    }

    @Override
    public CompletableFuture<Optional<ChatEntry>> react(Conversation conversation, long seq, String emoji, boolean remove) {
        if (!Reactions.isReaction(emoji)) {
            throw new InvalidInputException(ClientProblem.Kind.NOT_ONE_EMOJI, "a reaction is one emoji, such as \uD83D\uDC4D");
        }
        return loop.call(() -> changes.react(conversation, seq, emoji, remove));
    }

    @Override
    public CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
        return loop.call(() -> outbox.delivered(sent));
    }

    @Override
    public void retry(ChatEntry failed) {
        loop.post(() -> outbox.retry(failed.clientMsgId()));
    }

    @Override
    public void activate(Conversation conversation) {
        loop.post(() -> {
            ConversationLog conv = book.activate(conversation);
            if (keeper.online()) {
                catchUp.opened(conv);
            }
        });
    }

    @Override
    public CompletableFuture<List<ChatEntry>> messages(Conversation conversation) {
        return onLoop(() -> book.entries(conversation));
    }

    @Override
    public CompletableFuture<HistorySlice> history(Conversation conversation, long beforeSeq, int limit) {
        return loop.call(() -> catchUp.older(conversation, beforeSeq, limit));
    }

    /**
     * One page of history newer than {@code afterSeq} (0: from the start), oldest first, straight from the
     * appliance: for a program that reads on from the last message it saw. {@link HistorySlice#hasMore()} says
     * whether newer messages exist beyond the page.
     */
    public CompletableFuture<HistorySlice> historyAfter(Conversation conversation, long afterSeq, int limit) {
        return loop.call(() -> catchUp.newer(conversation, afterSeq, limit));
    }

    @Override
    public CompletableFuture<Void> clearHistory(Conversation conversation) {
        return loop.call(() -> link.request(id -> new ConversationRequest.ClearHistory(id, conversation), SessionMessage.Ok.class)
                .thenCompose(ok -> catchUp.refreshClear(conversation)));
    }

    @Override
    public void markRead(Conversation conversation, long seq) {
        loop.post(() -> {
            if (keeper.online()) {
                readMarks.markRead(conversation, seq);
            }
        });
    }

    @Override
    public void sendReadMarks(boolean on) {
        loop.post(() -> readMarks.enabled(on));
    }

    @Override
    public void typing(Conversation conversation) {
        loop.post(() -> {
            if (keeper.online()) {
                typing.typing(conversation);
            }
        });
    }

    @Override
    public CompletableFuture<List<ConversationMessage.ReadMark>> readMarks(Conversation conversation) {
        return loop.call(() -> link.request(id -> new ConversationRequest.ReadMarksRequest(id, conversation),
                ConversationMessage.ReadMarks.class).thenApply(ConversationMessage.ReadMarks::marks));
    }

    @Override
    public CompletableFuture<ConversationMessage.SearchResults> search(String text, Conversation conversation, Long before,
                                                                 int limit) {
        return loop.call(() -> link.request(id -> new ConversationRequest.Search(id, text, conversation, before, limit),
                ConversationMessage.SearchResults.class));
    }

    @Override
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public CompletableFuture<AvatarImage> avatar(String username) {
        return loop.call(() -> avatars.get(username));
    }

    @Override
    public void reconnectNow() {
        loop.post(keeper::reconnectNow);
    }

    @Override
    public CompletableFuture<Void> logout() {
        return loop.call(keeper::logout);
    }

    @Override
    public void close() {
        loop.runAndWait(() -> {
            keeper.close();
            link.close();
            peerMode.close();
            peers.close();
            catchUp.abandon("the client is closed");
            sessionReturn.ended("the client is closed");
        }, CLOSE_PATIENCE);
        loop.shutdown();
    }

    /**
     * Why something failed, in English, for logs and developers. A user interface words
     * {@link ClientProblem#of(Throwable)} from its own bundle instead.
     */
    public static String describe(Throwable failure) {
        return Failures.describe(failure);
    }

    private CompletableFuture<Session> authenticate(Function<String, ClientMessage> build) {
        return loop.call(() -> keeper.authenticate(build));
    }

    private ChatEntry enqueue(Conversation conversation, String text, String sticker) {
        String from = keeper.user().orElseThrow(NotLoggedInException::new);
        ChatEntry entry = ChatEntry.pending(conversation, from, text, sticker);
        loop.post(() -> outbox.add(entry));
        return entry;
    }

    private <T> CompletableFuture<T> onLoop(Supplier<T> query) {
        return loop.call(() -> CompletableFuture.completedFuture(query.get()));
    }

    /** What the appliance sends unasked. On the loop. */
    private void onEvent(ServerMessage message) {
        switch (message) {
            case ConversationMessage.ChatMessage m -> catchUp.live(m);
            case ProfileMessage.Roster part -> rosterParts.add(part).ifPresent(r -> {
                displayNames.learned(r.users(), r.displayNames());
                roster.replace(r.users(), r.count());
                Map<String, UserState> restated = states.replace(r.users(), r.states());
                listeners.onEvent(new ClientEvent.RosterChanged(roster.users(), roster.count(), List.of(), List.of()));
                restated.forEach((user, state) -> listeners.onEvent(new ClientEvent.PresenceStateChanged(user, state)));
            });
            case ProfileMessage.Presence p -> {
                displayNames.learned(p.joined(), p.displayNames());
                RosterState.Change change = roster.apply(p.joined(), p.left(), p.count());
                change.joined().forEach(avatars::stale);
                if (!change.joined().isEmpty()) {
                    peers.colleaguesJoined(change.joined());
                }
                Map<String, UserState> restated = states.apply(p.left(), p.states());
                if (!p.joined().isEmpty() || !p.left().isEmpty()) { // an event carrying only states changes nobody's being online
                    listeners.onEvent(new ClientEvent.RosterChanged(roster.users(), roster.count(), change.joined(), change.left()));
                }
                restated.forEach((user, state) -> listeners.onEvent(new ClientEvent.PresenceStateChanged(user, state)));
            }
            case ProfileMessage.Profile p -> {
                if (displayNames.changed(p.username(), p.displayName())) {
                    listeners.onEvent(new ClientEvent.DisplayNameChanged(p.username(), Optional.ofNullable(p.displayName())));
                }
            }
            case ConversationMessage.Read read -> {
                if (read.reader().equalsIgnoreCase(book.owner())) {
                    book.ownMark(read.conversation(), read.seq());
                }
                listeners.onEvent(new ClientEvent.ReadMarkChanged(read.conversation(), read.reader(), read.seq()));
            }
            case ConversationMessage.Typing t -> listeners.onEvent(new ClientEvent.Typing(t.conversation(), t.user(),
                    Duration.ofMillis(t.expiresInMs())));
            case RoomMessage.RoomEvent event -> listeners.onEvent(new ClientEvent.RoomChanged(event));
            case SessionMessage.Error error -> log.warn("Error from the appliance: {} {}", error.code().wireName(), error.message());
            default -> log.debug("Ignoring {}", message.getClass().getSimpleName());
        }
    }

    private void flushOutbox() {
        outbox.flush();
    }

    private void onLost(String why, Optional<Bye> bye) {
        keeper.lost(why, bye);
    }

    /** What a session's start and end mean for the other parts. On the loop. */
    private final class Lifecycle implements SessionKeeper.Observer {
        @Override
        public void sessionStarted(Session session, boolean newUser) {
            if (newUser) {
                readMarks.forget();
                outbox.dropAll();
                peerMode.ended();
            } else {
                peerMode.sessionStarted();
            }
            book.owner(session.username(), newUser);
            displayNames.forget(); // names changed while this client was away were announced to others only
            maxTextChars = session.limits().maxTextChars();
            outbox.offTheWire();
            catchUp.run().whenComplete((v, failure) -> outbox.flush());
            readMarks.sessionStarted();
            peers.sessionStarted(session);
            sessionReturn.started();
        }

        @Override
        public void connectionLost() {
            rosterParts.clear();
            outbox.offTheWire();
            peerMode.connectionLost();
            sessionReturn.lost();
        }

        @Override
        public void sessionEnded(EndReason reason, String message) {
            roster.clear();
            rosterParts.clear();
            states.clear();
            peerMode.ended();
            peers.forgetForGood();
            catchUp.abandon(message);
            sessionReturn.ended(message);
            if (reason == EndReason.LOGGED_OUT) {
                outbox.failAll(ClientProblem.of(ClientProblem.Kind.LOGGED_OUT, "not sent: you logged out"));
            }
        }
    }
}
