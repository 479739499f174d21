package org.lanchat.client.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** What changed in the client, in the order it happened. Delivered on the listener's executor. */
public sealed interface ClientEvent {

    /**
     * The connection status changed.
     *
     * @param detail  English, for logs ("Connection lost: ...; retrying in 2 s"); a UI words {@code problem} itself
     * @param retryIn when {@link ConnectionStatus#RECONNECTING}, how long until the next attempt
     * @param problem what went wrong, when the change is a failure's doing
     */
    record StatusChanged(ConnectionStatus status, String detail, Optional<Duration> retryIn, Optional<ClientProblem> problem)
            implements ClientEvent {
        public StatusChanged {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(retryIn, "retryIn");
            Objects.requireNonNull(problem, "problem");
        }

        public StatusChanged(ConnectionStatus status, String detail, Optional<Duration> retryIn) {
            this(status, detail, retryIn, Optional.empty());
        }
    }

    /** Logged in; {@code resumed} after an automatic reconnect. */
    record SessionStarted(Session session, boolean resumed) implements ClientEvent {
    }

    /**
     * The client has fetched what it missed since its last session (or, after a first login, the newest page
     * of each conversation): from here on, messages arrive live. Once per login and per resume.
     */
    record CaughtUp() implements ClientEvent {
    }

    /**
     * The session is over and will not come back by itself: the user must log in again (or cannot).
     *
     * @param message English, for logs
     * @param problem the failure that ended it, when one did, for a UI to word
     */
    record SessionEnded(EndReason reason, String message, Optional<ClientProblem> problem) implements ClientEvent {
        public SessionEnded {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(problem, "problem");
        }

        public SessionEnded(EndReason reason, String message) {
            this(reason, message, Optional.empty());
        }
    }

    /** Why a session ended. */
    enum EndReason {
        LOGGED_OUT,
        /** The resume token is no longer valid: ask for the password. */
        TOKEN_INVALID,
        /** The appliance now presents a certificate this computer does not trust. */
        CERTIFICATE_CHANGED,
        ACCOUNT_DISABLED,
        /** Client and appliance speak different protocol versions. */
        UNSUPPORTED_VERSION
    }

    /**
     * Who is online.
     *
     * @param online everyone online, sorted ignoring case
     * @param count  the appliance's count (authoritative)
     * @param joined who came online with this change (empty for a whole roster)
     * @param left   who went offline with this change
     */
    record RosterChanged(List<String> online, int count, List<String> joined, List<String> left) implements ClientEvent {
        public RosterChanged {
            online = List.copyOf(online);
            joined = List.copyOf(joined);
            left = List.copyOf(left);
        }
    }

    /**
     * A user set or cleared their display name (PROTOCOL.md §7.17): show it wherever the user is shown, old
     * messages included. Empty when cleared: show the login name.
     */
    record DisplayNameChanged(String username, Optional<String> displayName) implements ClientEvent {
    }

    /**
     * A user online chose another presence state or status text (PROTOCOL.md §7.20), or one who came online has a
     * state other than plain available: show it beside their name until the next change or until they leave
     * (offline is offline, whatever the state). Also for the user themself, on every device.
     */
    record PresenceStateChanged(String username, UserState state) implements ClientEvent {
    }

    /**
     * A message new to the client.
     *
     * @param live true if it arrived as it was sent (worth a notification), false if loaded from history
     */
    record MessageAdded(ChatEntry entry, boolean live) implements ClientEvent {
    }

    /**
     * The appliance has not answered for a while and this client chats directly with the colleagues it can reach
     * ({@code active}, with their names), or it answers again ({@code !active}; what was sent directly is then
     * handed to it). PROTOCOL.md §7.14, §10.
     */
    record PeerModeChanged(boolean active, List<String> reachable) implements ClientEvent {
        public PeerModeChanged {
            reachable = List.copyOf(reachable);
        }
    }

    /**
     * A message changed state: one of the user's own (acknowledged, failed, queued again, sent directly), or one
     * received directly that the appliance now has. Same {@link ChatEntry#key()}.
     */
    record MessageUpdated(ChatEntry entry) implements ClientEvent {
    }

    /**
     * Someone edited, deleted or reacted to a message (PROTOCOL.md §7.19): {@code change} is the entry that did it
     * ({@link ChatEntry#isChange()}), {@code live} as for {@link MessageAdded}. The message itself, with the change
     * applied, comes as {@link MessageUpdated} when the client holds it; a view showing messages needs only that.
     */
    record MessageChanged(ChatEntry change, boolean live) implements ClientEvent {
    }

    /** A conversation's unread count or newest message changed, or the conversation is new. */
    record ConversationChanged(ConversationSummary summary) implements ClientEvent {
    }

    /** Messages up to {@code through} are hidden (cleared here or from another computer). */
    record ConversationCleared(Conversation conversation, long through) implements ClientEvent {
    }

    /**
     * {@code reader} has read {@code conversation} up to {@code seq} (PROTOCOL.md §7.18): the other member of a
     * private conversation ("read" under the user's own messages up to there), or the user themself on another
     * device. Also after each catch-up, for the marks the appliance keeps, so a client that was away knows them.
     */
    record ReadMarkChanged(Conversation conversation, String reader, long seq) implements ClientEvent {
    }

    /**
     * {@code user} is typing in {@code conversation}: show it for {@code expiresIn} unless another notice renews
     * it, and hide it when a message from them arrives there.
     */
    record Typing(Conversation conversation, String user, Duration expiresIn) implements ClientEvent {
    }

    /**
     * Something happened to a room the user is in, or was in until now (docs/PROTOCOL.md §6.23): a member joined,
     * was invited, left or was removed, or the room was renamed or archived. {@code event.room()} is the room now.
     */
    record RoomChanged(org.lanchat.protocol.message.RoomMessage.RoomEvent event) implements ClientEvent {
    }
}
