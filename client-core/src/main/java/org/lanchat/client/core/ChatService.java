package org.lanchat.client.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.PresenceState;

/**
 * What a client program asks of the client core: the desktop app's view-models, a command line, a test.
 * {@link ChatClient} is the real one; view-model tests use a fake.
 *
 * <p>No method blocks: calls that talk to the appliance, or read the client's state, return futures,
 * completed on the client's own thread (hop to the UI thread before touching UI state). Futures fail with
 * {@link ChatException} when the appliance refuses, with an {@link java.io.IOException} when it cannot be
 * reached, and with {@link org.lanchat.discovery.trust.CertificateMismatchException} when it is not the
 * trusted appliance. What happens unasked (messages, presence, the connection status) comes as
 * {@link ClientEvent}s to the listeners.
 */
public interface ChatService extends AutoCloseable {

    /** Connects if needed and logs in with a password. */
    CompletableFuture<Session> login(String username, String password);

    /** Connects if needed, creates the account and logs in. {@code avatar} is image bytes, or null for none. */
    CompletableFuture<Session> register(String username, String password, byte[] avatar);

    /**
     * As {@link #register(String, String, byte[])}, with a display name (PROTOCOL.md §7.17), or null for none. A
     * refused display name creates no account. A service that knows no display names registers without it.
     */
    default CompletableFuture<Session> register(String username, String password, byte[] avatar, String displayName) {
        return register(username, password, avatar);
    }

    /**
     * Connects if needed and logs in with the token of an earlier session ({@link Session#token()}), without
     * the password. Fails with {@link ChatException} {@code token_invalid} once the token expired or was
     * revoked: then ask for the password.
     */
    CompletableFuture<Session> resume(String token);

    /** The session, while logged in. */
    Optional<Session> session();

    /**
     * Completes once the client has fetched what it missed since its last session ({@link ClientEvent.CaughtUp}):
     * at once if it has after the current login, else after the next. A connection lost meanwhile only delays it
     * (the client catches up after resuming); it fails if the catch-up fails otherwise or the session ends.
     */
    CompletableFuture<Void> caughtUp();

    /** Who is online now (what the last {@link ClientEvent.RosterChanged} said). */
    CompletableFuture<OnlineUsers> online();

    /**
     * Queues a text message and sends it as soon as the client is online; never loses it: on a lost
     * connection it is resent, with the same client message id, after the reconnect.
     *
     * @return the pending entry (its key stays the same once delivered)
     * @throws IllegalArgumentException if the text is blank or longer than the appliance accepts
     */
    ChatEntry sendText(Conversation conversation, String text);

    /** Queues a sticker, like {@link #sendText}. */
    ChatEntry sendSticker(Conversation conversation, String code);

    /**
     * Queues a text message that answers the message {@code replyTo} (its sequence number) of the same conversation,
     * like {@link #sendText}. A reply sent directly while the appliance is away (§7.14) arrives as a plain message.
     */
    ChatEntry reply(Conversation conversation, long replyTo, String text);

    /**
     * Replaces the text of one of the user's own messages, for everyone (PROTOCOL.md §7.19). Unlike a message it is not
     * queued: it fails at once when the appliance cannot be reached, and with {@link ChatException} when the appliance
     * refuses ({@code not_your_message}, {@code edit_window_closed}, {@code unknown_target}). Completes with the message
     * as it now stands here, if the client holds it.
     */
    CompletableFuture<Optional<ChatEntry>> edit(Conversation conversation, long seq, String text);

    /** Deletes one of the user's own messages for everyone, like {@link #edit}. */
    CompletableFuture<Optional<ChatEntry>> delete(Conversation conversation, long seq);

    /** Adds the user's reaction {@code emoji} to a message, or withdraws it when {@code remove}, like {@link #edit}. */
    CompletableFuture<Optional<ChatEntry>> react(Conversation conversation, long seq, String emoji, boolean remove);

    /**
     * Completes with the message as the appliance acknowledged it (committed, with its sequence number), at
     * once if it already was. Fails with {@link MessageNotSentException} if the appliance refused it for good
     * or the user logged out first. It waits as long as the message does: across lost connections and
     * reconnects; bound it with {@link CompletableFuture#orTimeout} if need be.
     *
     * @param sent what {@link #sendText} or {@link #sendSticker} returned
     */
    CompletableFuture<ChatEntry> delivered(ChatEntry sent);

    /** Queues a failed message again (same client message id). */
    void retry(ChatEntry failed);

    /** Opens a conversation (loading its newest messages if the client has none) and makes it the active one. */
    void activate(Conversation conversation);

    /** The messages the client holds for a conversation, oldest first. */
    CompletableFuture<List<ChatEntry>> messages(Conversation conversation);

    /** One page of history older than {@code beforeSeq} (0: the newest page), straight from the appliance. */
    CompletableFuture<HistorySlice> history(Conversation conversation, long beforeSeq, int limit);

    /** Hides the conversation's messages so far, for this user only. */
    CompletableFuture<Void> clearHistory(Conversation conversation);

    /**
     * Marks the conversation read up to {@code seq} (PROTOCOL.md §7.18): call it when messages are on screen.
     * Coalesced, at most one mark per conversation a second; nothing is sent while sending read marks is off.
     */
    void markRead(Conversation conversation, long seq);

    /** Turns sending read marks on (the default) or off; other members' marks still arrive either way. */
    void sendReadMarks(boolean on);

    /** The user is typing in the conversation: call it on every key; at most one notice leaves every 3 seconds. */
    void typing(Conversation conversation);

    /** How far each member has read the conversation, sorted by name (for "read by k" in a room). */
    CompletableFuture<List<ConversationMessage.ReadMark>> readMarks(Conversation conversation);

    /**
     * One page of messages whose current text contains {@code text}, newest first, from every conversation the user
     * is a member of or only {@code conversation} when not null (docs/PROTOCOL.md §7.22). {@code before} is null for
     * the first page, then the last hit's {@code messageId}. Each hit names the conversation and {@code seq} to open.
     */
    CompletableFuture<ConversationMessage.SearchResults> search(String text, Conversation conversation, Long before, int limit);

    /** Named rooms (docs/PROTOCOL.md §7.23). A service that knows no rooms refuses every call. */
    default Rooms rooms() {
        throw new UnsupportedOperationException("this chat service has no rooms");
    }

    /** A user's avatar, from the cache or the appliance. */
    CompletableFuture<AvatarImage> avatar(String username);

    /**
     * The display names (PROTOCOL.md §7.17) of these users, keyed by the names as given; empty for a user without
     * one, who is shown by login name. Changes arrive as {@link ClientEvent.DisplayNameChanged}. A service that
     * knows no display names answers every user with empty.
     */
    default CompletableFuture<Map<String, Optional<String>>> displayNames(Collection<String> usernames) {
        Map<String, Optional<String>> none = new LinkedHashMap<>();
        usernames.forEach(user -> none.put(user, Optional.empty()));
        return CompletableFuture.completedFuture(none);
    }

    /**
     * Sets the logged-in user's display name, or clears it for null or blank; completes with the name as stored.
     * Fails with a {@link ChatException} ({@code invalid_display_name}, {@code display_name_taken}) when refused.
     */
    default CompletableFuture<Optional<String>> setDisplayName(String displayName) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("display names are not supported here"));
    }

    /**
     * Sets the logged-in user's presence state and status text (PROTOCOL.md §7.20; null or blank for none), for
     * all their devices; completes once stored. Others see it with the next presence event, as
     * {@link ClientEvent.PresenceStateChanged}. Fails with a {@link ChatException} ({@code invalid_status_text})
     * when refused.
     */
    default CompletableFuture<Void> setPresence(PresenceState state, String statusText) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("presence states are not supported here"));
    }

    /**
     * The thumbnail of the picture the message {@code seq} of {@code conversation} carries (PROTOCOL.md §5.39): PNG
     * bytes, at most 256 × 256 pixels. Fails with {@link ChatException} {@code no_such_attachment} when the message
     * carries no picture this user can read.
     */
    default CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("files are not supported here"));
    }

    /** Registers a listener; events reach it on {@code executor}, in order. */
    void addListener(ClientListener listener, Executor executor);

    /**
     * While waiting to reconnect after a lost connection: tries again now instead of at the end of the
     * backoff, e.g. when the user knows the appliance is back. Does nothing otherwise.
     */
    void reconnectNow();

    /** Logs out (revoking the resume token) and disconnects. */
    CompletableFuture<Void> logout();

    /** Disconnects without logging out. */
    @Override
    void close();
}
