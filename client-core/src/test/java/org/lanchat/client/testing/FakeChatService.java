package org.lanchat.client.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lanchat.client.core.AvatarImage;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatService;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientListener;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.core.InvalidInputException;
import org.lanchat.client.core.OnlineUsers;
import org.lanchat.client.core.ResumeToken;
import org.lanchat.client.core.Session;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.SessionMessage.Limits;
import org.lanchat.protocol.message.SessionMessage.Sticker;

/**
 * A {@link ChatService} for view-model tests: records calls, answers with futures the test completes, and
 * fires whatever events the test wants, on the executor each listener registered with.
 */
public final class FakeChatService implements ChatService {
    public static final Limits LIMITS = new Limits(1 << 20, 4000, 512 * 1024, 128, 200, 90);
    public static final List<Sticker> STICKERS = List.of(new Sticker("smile", "\uD83D\uDE00", "Smile"),
            new Sticker("party", "\uD83C\uDF89", "Party"));

    public CompletableFuture<Session> authResult = new CompletableFuture<>();
    public final List<String> logins = new ArrayList<>();
    public final List<String> registrations = new ArrayList<>();
    public final List<ChatEntry> sent = new ArrayList<>();
    public final List<Conversation> activated = new ArrayList<>();
    public final List<ChatEntry> retried = new ArrayList<>();
    public final Deque<CompletableFuture<HistorySlice>> historyAnswers = new ArrayDeque<>();
    public final List<Long> historyBefore = new ArrayList<>();
    public CompletableFuture<Void> clearResult = new CompletableFuture<>();
    public final List<Conversation> cleared = new ArrayList<>();
    public int reconnectNowCalls;
    /** Display names the fake knows, by login name as written (PROTOCOL.md §7.17). */
    public final java.util.Map<String, String> displayNames = new java.util.concurrent.ConcurrentHashMap<>();
    public final List<String> displayNamesSet = new ArrayList<>();
    public CompletableFuture<java.util.Optional<String>> setDisplayNameResult;
    /** Each edit, delete and reaction asked for, as "edit 7 new text", "delete 7", "react 7 👍" or "unreact 7 👍". */
    public final List<String> changes = new ArrayList<>();
    /** What those calls complete with; a test may fail it to play the appliance refusing. */
    public CompletableFuture<Optional<ChatEntry>> changeResult = CompletableFuture.completedFuture(Optional.empty());
    /** Every {@code markRead}, as "conversation:seq"; none while sending read marks is off. */
    public final List<String> marked = new ArrayList<>();
    public final List<Conversation> typed = new ArrayList<>();
    public boolean sendingReadMarks = true;
    public CompletableFuture<List<ReadMark>> readMarksAnswer = new CompletableFuture<>();
    /** Each search asked for, and the answer every search gets until a test replaces it. */
    public final List<ConversationRequest.Search> searches = new ArrayList<>();
    public CompletableFuture<ConversationMessage.SearchResults> searchAnswer = new CompletableFuture<>();
    /** Answers for the next searches, one each, before {@link #searchAnswer}: pages in the order asked for. */
    public final Deque<CompletableFuture<ConversationMessage.SearchResults>> searchAnswers = new ArrayDeque<>();
    private final List<Registration> listeners = new ArrayList<>();
    private Session session;
    private String me = "alice";

    public static Session session(String username) {
        return new Session(username, "Office", "0.1.0", LIMITS, STICKERS,
                new ResumeToken("token-of-" + username, Instant.parse("2030-01-01T00:00:00Z")));
    }

    /** Logs in as {@code username} as far as the view-models can tell. */
    public void loggedInAs(String username) {
        loggedInAs(username, LIMITS);
    }

    /** Logs in as {@code username} to an appliance that announced {@code limits}. */
    public void loggedInAs(String username, Limits limits) {
        me = username;
        session = new Session(username, "Office", "0.1.0", limits, STICKERS,
                new ResumeToken("token-of-" + username, Instant.parse("2030-01-01T00:00:00Z")));
        fire(new ClientEvent.SessionStarted(session, false));
    }

    public void fire(ClientEvent event) {
        for (Registration r : List.copyOf(listeners)) {
            r.executor().execute(() -> r.listener().onEvent(event));
        }
    }

    /** A message from someone else. */
    public static ChatEntry from(String from, Conversation conversation, long seq, String text) {
        return new ChatEntry(1000 + seq, conversation, seq, from, UUID.randomUUID().toString(), text, null,
                1_700_000_000_000L + seq * 60_000, false, Delivery.DELIVERED, Optional.empty());
    }

    @Override
    public CompletableFuture<Session> login(String username, String password) {
        logins.add(username + ":" + password);
        return authResult;
    }

    @Override
    public CompletableFuture<Session> register(String username, String password, byte[] avatar) {
        registrations.add(username + ":" + password + ":" + (avatar == null ? "no avatar" : avatar.length + " bytes"));
        return authResult;
    }

    @Override
    public CompletableFuture<Session> register(String username, String password, byte[] avatar, String displayName) {
        if (displayName == null) {
            return register(username, password, avatar);
        }
        registrations.add(username + ":" + password + ":" + (avatar == null ? "no avatar" : avatar.length + " bytes")
                + ":" + displayName);
        return authResult;
    }

    @Override
    public CompletableFuture<Session> resume(String token) {
        logins.add("token:" + token);
        return authResult;
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public CompletableFuture<Void> caughtUp() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<OnlineUsers> online() {
        return CompletableFuture.completedFuture(new OnlineUsers(List.of(me), 1));
    }

    @Override
    public CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
        return new CompletableFuture<>();
    }

    @Override
    public ChatEntry sendText(Conversation conversation, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(ClientProblem.Kind.EMPTY_MESSAGE, "an empty message is not sent");
        }
        if (text.length() > 4000) {
            throw new InvalidInputException(ClientProblem.Kind.TEXT_TOO_LONG,
                    "the message is " + text.length() + " characters long; the appliance accepts at most 4000", text.length(), 4000);
        }
        ChatEntry entry = new ChatEntry(0, conversation, 0, me, UUID.randomUUID().toString(), text, null,
                System.currentTimeMillis(), true, Delivery.PENDING, Optional.empty());
        sent.add(entry);
        fire(new ClientEvent.MessageAdded(entry, false));
        return entry;
    }

    @Override
    public ChatEntry reply(Conversation conversation, long replyTo, String text) {
        ChatEntry entry = new ChatEntry(0, conversation, 0, me, UUID.randomUUID().toString(), text, null,
                System.currentTimeMillis(), true, Delivery.PENDING, Optional.empty(), replyTo, false, false, List.of(), null);
        sent.add(entry);
        fire(new ClientEvent.MessageAdded(entry, false));
        return entry;
    }

    @Override
    public CompletableFuture<Optional<ChatEntry>> edit(Conversation conversation, long seq, String text) {
        changes.add("edit " + seq + " " + text);
        return changeResult;
    }

    @Override
    public CompletableFuture<Optional<ChatEntry>> delete(Conversation conversation, long seq) {
        changes.add("delete " + seq);
        return changeResult;
    }

    @Override
    public CompletableFuture<Optional<ChatEntry>> react(Conversation conversation, long seq, String emoji, boolean remove) {
        changes.add((remove ? "unreact " : "react ") + seq + " " + emoji);
        return changeResult;
    }

    @Override
    public ChatEntry sendSticker(Conversation conversation, String code) {
        ChatEntry entry = new ChatEntry(0, conversation, 0, me, UUID.randomUUID().toString(), null, code,
                System.currentTimeMillis(), true, Delivery.PENDING, Optional.empty());
        sent.add(entry);
        fire(new ClientEvent.MessageAdded(entry, false));
        return entry;
    }

    @Override
    public void reconnectNow() {
        reconnectNowCalls++;
    }

    @Override
    public void retry(ChatEntry failed) {
        retried.add(failed);
    }

    @Override
    public void activate(Conversation conversation) {
        activated.add(conversation);
    }

    @Override
    public CompletableFuture<List<ChatEntry>> messages(Conversation conversation) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<HistorySlice> history(Conversation conversation, long beforeSeq, int limit) {
        historyBefore.add(beforeSeq);
        CompletableFuture<HistorySlice> answer = historyAnswers.poll();
        return answer != null ? answer : new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Void> clearHistory(Conversation conversation) {
        cleared.add(conversation);
        return clearResult;
    }

    @Override
    public void markRead(Conversation conversation, long seq) {
        if (sendingReadMarks) {
            marked.add(conversation + ":" + seq);
        }
    }

    @Override
    public void sendReadMarks(boolean on) {
        sendingReadMarks = on;
    }

    @Override
    public void typing(Conversation conversation) {
        typed.add(conversation);
    }

    @Override
    public CompletableFuture<List<ReadMark>> readMarks(Conversation conversation) {
        return readMarksAnswer;
    }

    @Override
    public CompletableFuture<ConversationMessage.SearchResults> search(String text, Conversation conversation, Long before,
                                                                 int limit) {
        searches.add(new ConversationRequest.Search("fake-" + searches.size(), text, conversation, before, limit));
        CompletableFuture<ConversationMessage.SearchResults> answer = searchAnswers.poll();
        return answer != null ? answer : searchAnswer;
    }

    @Override
    public CompletableFuture<AvatarImage> avatar(String username) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<java.util.Map<String, java.util.Optional<String>>> displayNames(java.util.Collection<String> usernames) {
        java.util.Map<String, java.util.Optional<String>> answer = new java.util.LinkedHashMap<>();
        usernames.forEach(user -> answer.put(user, java.util.Optional.ofNullable(displayNames.get(user))));
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletableFuture<java.util.Optional<String>> setDisplayName(String displayName) {
        displayNamesSet.add(displayName);
        return setDisplayNameResult != null ? setDisplayNameResult
                : CompletableFuture.completedFuture(java.util.Optional.ofNullable(displayName));
    }

    /** Each {@code setPresence}, as "busy" or "busy: In a meeting". */
    public final List<String> presenceSet = new ArrayList<>();
    /** What those calls complete with; a test may fail it to play the appliance refusing. */
    public CompletableFuture<Void> setPresenceResult = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> setPresence(org.lanchat.protocol.message.PresenceState state, String statusText) {
        presenceSet.add(state.wireName() + (statusText == null ? "" : ": " + statusText));
        return setPresenceResult;
    }

    @Override
    public void addListener(ClientListener listener, Executor executor) {
        listeners.add(new Registration(listener, executor));
    }

    @Override
    public CompletableFuture<Void> logout() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
    }

    private record Registration(ClientListener listener, Executor executor) {
    }
}
