package org.lanchat.client.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lanchat.protocol.message.Conversation;

/**
 * What the view-models ask of the client. {@link ChatClient} is the real one; view-model tests use a fake.
 *
 * <p>No method blocks: calls that talk to the appliance return futures, completed on the client's own
 * thread (hop to the UI thread before touching UI state). Futures fail with {@link ChatException} when the
 * appliance refuses, with an {@link java.io.IOException} when it cannot be reached, and with
 * {@link org.lanchat.discovery.trust.CertificateMismatchException} when it is not the trusted appliance.
 */
public interface ChatService extends AutoCloseable {

    /** Connects if needed and logs in with a password. */
    CompletableFuture<Session> login(String username, String password);

    /** Connects if needed, creates the account and logs in. {@code avatar} is image bytes, or null for none. */
    CompletableFuture<Session> register(String username, String password, byte[] avatar);

    /** The session, while logged in. */
    Optional<Session> session();

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

    /** A user's avatar, from the cache or the appliance. */
    CompletableFuture<AvatarImage> avatar(String username);

    /** Registers a listener; events reach it on {@code executor}, in order. */
    void addListener(ClientListener listener, Executor executor);

    /** Logs out (revoking the resume token) and disconnects. */
    CompletableFuture<Void> logout();

    /** Disconnects without logging out. */
    @Override
    void close();
}
