package org.lanchat.appliance.relay;

import java.util.List;

import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.relay.PresenceHub.RosterSnapshot;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.ServerMessage;

/**
 * The seam between this appliance's connections and everyone they talk to. Everything that must reach
 * sessions once it has happened goes through here: committed messages, presence, and an administrator
 * ending a user's connections. {@link LocalRouter} reaches the connections of this appliance; a router
 * for several appliances sharing one database (over NATS) is another implementation of this contract,
 * not a change to the session, log or store code.
 *
 * <p><b>Threads.</b> {@link #route} is called by one thread at a time, the message log's relay thread,
 * never by the commit writer; {@link #announcePresence} by one housekeeping thread; the other methods by
 * any thread. No method may block on another appliance or on a client: a cross-appliance
 * implementation publishes and returns, and what other appliances publish is delivered from its own
 * threads under the same ordering rules.
 *
 * <p><b>Ordering.</b> Messages are routed in commit order. A connection receives the live messages of
 * one conversation in rising {@code seq} order: an implementation hands each connection its frames in the
 * order of the {@code route} calls (through {@link ClientLink#lane()}, which runs tasks in order), and a
 * cross-appliance one delivers each remote appliance's messages in that appliance's commit order.
 *
 * <p><b>Buffers.</b> The arguments carry no buffers. The router encodes each message once per point of
 * view, owns the frames it encodes, and gives each connection its own reference with
 * {@link ClientLink#deliver}, which takes ownership of it; every frame is released exactly once, also when
 * the connection is gone.
 */
public interface MessageRouter {
    /**
     * Delivers a committed message to everyone who should see it now: for the group, every logged-in
     * connection but the sender's originating one; for a private message, every connection of the
     * recipient and the sender's other connections; for a named room, every connection of its members (looked up by
     * member, never by scanning everyone online) but the sender's originating one. Encodes here, on the caller's thread; must not fail
     * the caller for a connection it cannot reach (the message is committed, clients catch up from history).
     *
     * @param originLinkId the connection the send came from (it gets the {@code ack} instead), 0 for none
     */
    void route(StoredMessage message, long originLinkId);

    /**
     * Whether the user has a logged-in connection anywhere this router reaches. The commit writer asks it
     * for each private message, to keep one for offline delivery when the answer is no, so it must answer
     * from memory.
     */
    boolean isOnline(long userId);

    /**
     * Compares who is online everywhere this router reaches with what was last announced and, if anything
     * changed, sends one {@code presence} event with the difference to every logged-in connection of this
     * appliance. Called every presence interval.
     */
    void announcePresence();

    /** The online set as last announced, which a roster plus the presence events after it add up to. */
    RosterSnapshot roster();

    /**
     * Ends every connection of the user, on every appliance this router reaches, with a {@code bye}. The
     * connections close shortly after this returns. Used when an administrator disables the account
     * ({@code account_disabled}) or resets its password ({@code token_invalid}).
     *
     * @return how many connections of this appliance were told to close
     */
    int disconnectUser(long userId, ErrorCode reason, String message);

    /**
     * Tells every logged-in connection, on every appliance this router reaches, that the user set or cleared
     * their display name ({@code displayName} null): a {@code profile} event (PROTOCOL §6.16).
     */
    void announceProfile(long userId, String username, String displayName);

    /**
     * A user chose a presence state or status text (PROTOCOL §7.20), already stored: every appliance records it and
     * carries it in its next {@code presence} event, if the user is online.
     */
    void announceState(String username, UserState state);

    /**
     * Where the clients of every user online on any appliance this router reaches take peer links, but
     * {@code exceptUserId}'s: one entry per connection that said so (PROTOCOL §7.15).
     */
    List<PeerEndpoint> peerEndpoints(long exceptUserId);

    /**
     * Delivers an event that is never stored ({@code read}, {@code typing}; PROTOCOL §7.18) to every connection
     * of one user, on every appliance this router reaches, but {@code excludeLinkId} (0 for none). Best effort:
     * a user who is offline or unreachable misses it. Any thread; encodes on the caller's.
     */
    void signal(long userId, ServerMessage event, long excludeLinkId);

    /**
     * Delivers an event that is never stored to every logged-in connection, on every appliance this router
     * reaches, of every user but {@code excludeUserId}. Best effort, like {@link #signal}.
     */
    void signalEveryone(ServerMessage event, long excludeUserId);

    /**
     * Delivers an event that is never stored ({@code typing}) to every connection of the named room's members but
     * {@code excludeUserId}'s, on every appliance this router reaches. Best effort, like {@link #signal}.
     */
    void signalRoom(long roomId, ServerMessage event, long excludeUserId);

    /**
     * A named room's members or details changed and the change is stored (PROTOCOL §7.23): every appliance this
     * router reaches forgets what it remembered of the room, then delivers {@code event} ({@code room_event}) to every
     * connection of the room's members and of {@code alsoUserId} (who left or was removed; null for none). Any thread;
     * may read the room from the database.
     */
    void roomChanged(long roomId, ServerMessage event, Long alsoUserId);
}
