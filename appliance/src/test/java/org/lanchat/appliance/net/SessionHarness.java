package org.lanchat.appliance.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.lanchat.appliance.account.Accounts;
import org.lanchat.appliance.chat.ChatService.PreparedSend;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.limits.ProfileLimits;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.limits.SendLimits;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.appliance.store.PendingDeliveries;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.Protocol;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Limits;
import org.lanchat.protocol.message.SessionMessage.Welcome;
import org.lanchat.protocol.message.SessionRequest;

/**
 * One client session on Netty's {@link EmbeddedChannel}: no socket, no TLS, no database. Request bodies
 * go in as the frame decoder would hand them over, replies come out decoded. Blocking work waits in a
 * queue until {@link #runWorkers()}, so a test decides what is "in flight"; the clock stands still until
 * {@link #advance}. The accounts, the commit and the pending messages are small fakes the test can see.
 */
final class SessionHarness {
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);
    static final String PASSWORD = "correct horse battery";
    static final Map<Long, String> NAMES = Map.of(1L, "alice", 2L, "bob", 3L, "carol");

    final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    final Queue<Runnable> workers = new ArrayDeque<>();
    final SessionRegistry registry = new SessionRegistry();
    /** Sends waiting for their commit, in the order they were appended. */
    final List<Append> appended = new ArrayList<>();
    final Map<String, CompletableFuture<Accepted>> commits = new HashMap<>();
    /** Messages kept for users while they were offline, and what was forgotten after the hand-over. */
    final Map<Long, List<StoredMessage>> pending = new HashMap<>();
    final List<Long> handedOver = new ArrayList<>();
    /** When set, fetching the pending messages throws it. */
    RuntimeException pendingFailure;
    /** The device cookie each login presented ("none" for none), in order. */
    final List<String> presentedCookies = new ArrayList<>();
    /** What {@code conversations} does; a test may make it fail. */
    Runnable conversationsWork = () -> { };
    /** Answers {@code history}; a test may fill it. */
    Function<ConversationRequest.HistoryRequest, ConversationMessage.HistoryPage> history =
            r -> new ConversationMessage.HistoryPage(r.id(), r.conversation(), List.of(), false, 0);
    final EmbeddedChannel channel;
    private int ids;

    SessionHarness(long maxOutboundBytes) {
        Welcome welcome = new Welcome(null, Protocol.VERSION, "LAN Chat test", "test",
                new Limits(FrameLimits.DEFAULT_MAX_FRAME_BYTES, 4000, 512 * 1024, 128, 200, (int) IDLE_TIMEOUT.toSeconds()),
                List.of());
        ClientSessions sessions = new ClientSessions(codec, workers::add, maxOutboundBytes,
                new SignIn(new FakeAccounts(), welcome, LOGIN_TIMEOUT, address -> true),
                new ClientSessions.Relay(registry, new RosterFrame(() -> new RosterSnapshot(List.of("bob"), 1), codec),
                        new OfflineMessages(new FakePending(), new MessageViews(NAMES::get), codec)),
                new ClientSessions.Requests(new ChatRequests(this::check, this::commit, this::conversations, (c, user) -> { },
                                new SendLimits(new RateLimits(30, 1000, 1_000_000, 1_000_000, false), System::nanoTime),
                                (fileId, user) -> { throw new IllegalStateException("files are tested end to end"); },
                                (user, clientMsgId) -> false),
                        new AvatarRequests(name -> Optional.empty(), (id, name) -> null, (id, image) -> { },
                                new ProfileLimits(RateLimits.DEFAULTS, System::nanoTime)),
                        new HistoryPages(1, (request, user) -> history.apply(request), IDLE_TIMEOUT),
                        null, null, null, null, null, null, null, null, null)); // peer credentials, direct messages, profiles, read marks, presence states, search, rooms, files and transfers are tested end to end
        channel = new EmbeddedChannel(false, false);
        channel.pipeline().addLast(sessions.newSession(channel));
        try {
            channel.register(); // the connection opens: its login timer starts
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        channel.freezeTime(); // a moment after the timer started, so advancing by a timeout passes it

    }

    String nextId() {
        return "r" + ++ids;
    }

    void send(ClientMessage request) {
        sendRaw(codec.encodeBody(request));
    }

    void sendRaw(byte[] body) {
        channel.writeInbound((Object) body);
    }

    /** Says hello and reads the welcome. */
    void hello() {
        send(new SessionRequest.Hello(nextId(), Protocol.VERSION, "test"));
        take(Welcome.class);
    }

    /** Logs in as alice, runs the login and the hand-over, and reads the session and roster replies. */
    void loggedInAsAlice() {
        hello();
        send(new SessionRequest.Login(nextId(), "alice", PASSWORD, null));
        runWorkers();
        List<ServerMessage> out = replies();
        if (out.size() != 2 || !(out.get(0) instanceof SessionMessage.SessionStarted) || !(out.get(1) instanceof ProfileMessage.Roster)) {
            throw new AssertionError("expected the session and the roster, got " + out);
        }
    }

    /** Runs queued blocking work and what it hands back to the connection's thread, until nothing is left. */
    void runWorkers() {
        boolean ran = true;
        while (ran) {
            ran = false;
            for (Runnable work; (work = workers.poll()) != null; ran = true) {
                work.run();
            }
            channel.runPendingTasks();
        }
    }

    void advance(Duration time) {
        channel.advanceTimeBy(time.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** Completes the commit of the send with this client message id, as the message log's relay would. */
    void commit(String clientMsgId, long messageId, long seq) {
        Append a = appended.stream().filter(x -> x.clientMsgId().equals(clientMsgId)).findFirst().orElseThrow();
        commits.get(clientMsgId).complete(new Accepted(new StoredMessage(messageId, a.conversation(), seq, a.senderId(),
                a.recipientId(), a.clientMsgId(), a.text(), a.sticker(), 5L), false));
        channel.runPendingTasks();
    }

    /** Everything written to the client so far, decoded. */
    List<ServerMessage> replies() {
        channel.runPendingTasks();
        List<ServerMessage> out = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readOutbound()) != null; ) {
            try {
                if (frame.isReadable()) {
                    byte[] bytes = ByteBufUtil.getBytes(frame);
                    out.add(codec.decodeServer(Arrays.copyOfRange(bytes, 4, bytes.length)));
                }
            } finally {
                frame.release();
            }
        }
        return out;
    }

    /** The only reply written since the last look, of this type. */
    <T extends ServerMessage> T take(Class<T> type) {
        List<ServerMessage> out = replies();
        if (out.size() != 1 || !type.isInstance(out.get(0))) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", got " + out);
        }
        return type.cast(out.get(0));
    }

    private Optional<PreparedSend> check(Posting posting, long senderId, long linkId, boolean mayQueryDatabase) {
        Posting.Send send = (Posting.Send) posting; // the harness knows only sends
        if (send.text() == null || send.text().isBlank()) {
            throw new Refused(ErrorCode.EMPTY_MESSAGE, "the message is empty");
        }
        if (send.conversation().isGroup()) {
            return Optional.of(new PreparedSend(new Append(senderId, ConversationKey.GROUP, null, send.clientMsgId(), send.text(),
                    null, linkId), Conversation.GROUP));
        }
        if (!mayQueryDatabase) {
            return Optional.empty(); // as if the recipient were not in the in-memory directory
        }
        long peer = NAMES.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(send.conversation().peer()))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new Refused(ErrorCode.UNKNOWN_RECIPIENT, "there is no user called '" + send.conversation().peer() + "'"));
        return Optional.of(new PreparedSend(new Append(senderId, ConversationKey.direct(senderId, peer), peer, send.clientMsgId(),
                send.text(), null, linkId), Conversation.with(NAMES.get(peer))));
    }

    private CompletableFuture<Accepted> commit(Append append) {
        appended.add(append);
        CompletableFuture<Accepted> result = new CompletableFuture<>();
        commits.put(append.clientMsgId(), result);
        return result;
    }

    private List<ConversationInfo> conversations(long userId) {
        conversationsWork.run();
        return List.of(new ConversationInfo(Conversation.GROUP, 0, 0));
    }

    /**
     * Alice (1), bob (2) and carol (3), all with {@link #PASSWORD}. A login gets the device cookie
     * {@code "cookie-<name>"}.
     */
    private final class FakeAccounts implements Accounts {
        @Override
        public Authenticated register(String username, String password, byte[] avatarUpload, String displayName,
                                      String address) {
            throw new Refused(ErrorCode.USERNAME_TAKEN, "the username '" + username + "' is taken");
        }

        @Override
        public Authenticated login(String username, String password, String deviceCookie, String address) {
            presentedCookies.add(deviceCookie == null ? "none" : deviceCookie);
            return NAMES.entrySet().stream()
                    .filter(e -> e.getValue().equalsIgnoreCase(username) && PASSWORD.equals(password))
                    .findFirst()
                    .map(e -> new Authenticated(e.getKey(), e.getValue(), "token-" + e.getValue(), 99L, "cookie-" + e.getValue()))
                    .orElseThrow(() -> new Refused(ErrorCode.AUTH_FAILED, "wrong username or password"));
        }

        @Override
        public Authenticated resume(String token, String address) {
            throw new Refused(ErrorCode.TOKEN_INVALID, "the session has expired or was ended; log in again");
        }

        @Override
        public void logout(String token) {
        }
    }

    private final class FakePending implements PendingDeliveries {
        @Override
        public List<StoredMessage> pendingFor(long userId, int limit) {
            if (pendingFailure != null) {
                throw pendingFailure;
            }
            // As the database: what was forgotten is no longer pending, and a batch is the oldest few.
            return pending.getOrDefault(userId, List.of()).stream().filter(m -> !handedOver.contains(m.id())).limit(limit)
                    .toList();
        }

        @Override
        public void deletePending(long userId, Collection<Long> messageIds) {
            handedOver.addAll(messageIds);
        }
    }
}
