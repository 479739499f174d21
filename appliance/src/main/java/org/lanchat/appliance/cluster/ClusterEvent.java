package org.lanchat.appliance.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.relay.PeerEndpoint;

/**
 * What members of a cluster tell each other over the bus, as JSON with a {@code type} field. Every event names
 * the member that sent it, so a member can ignore its own.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClusterEvent.Committed.class, name = "committed"),
    @JsonSubTypes.Type(value = ClusterEvent.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = ClusterEvent.Disconnect.class, name = "disconnect"),
    @JsonSubTypes.Type(value = ClusterEvent.AccountChanged.class, name = "account_changed"),
    @JsonSubTypes.Type(value = ClusterEvent.LoginFailed.class, name = "login_failed"),
    @JsonSubTypes.Type(value = ClusterEvent.LoginSucceeded.class, name = "login_succeeded"),
    @JsonSubTypes.Type(value = ClusterEvent.ProfileChanged.class, name = "profile_changed"),
    @JsonSubTypes.Type(value = ClusterEvent.StateChanged.class, name = "state_changed"),
    @JsonSubTypes.Type(value = ClusterEvent.Signal.class, name = "signal"),
    @JsonSubTypes.Type(value = ClusterEvent.RoomSignal.class, name = "room_signal"),
    @JsonSubTypes.Type(value = ClusterEvent.RoomChanged.class, name = "room_changed"),
})
sealed interface ClusterEvent {
    String member();

    /**
     * A message a member committed; the others relay it to their own connections. {@code kind} and
     * {@code targetSeq} carry its {@link Relation}, both absent for a plain message (and from members that predate
     * relations, which commit only plain ones). {@code attachment} is the message's file in its stored form
     * ({@link AttachedFile#stored()}), absent for a message without one.
     */
    record Committed(String member, long id, String conversation, long seq, long senderId, Long recipientId,
                     String clientMsgId, String text, String sticker, long sentAt, String kind, Long targetSeq,
                     String attachment)
            implements ClusterEvent {
        static Committed of(String member, StoredMessage m) {
            Relation r = m.relation();
            return new Committed(member, m.id(), m.conversation().value(), m.seq(), m.senderId(), m.recipientId(),
                    m.clientMsgId(), m.text(), m.sticker(), m.sentAt(), r == null ? null : r.kind().stored(),
                    r == null ? null : r.targetSeq(), m.attachment() == null ? null : m.attachment().stored());
        }

        StoredMessage message() {
            Relation relation = kind == null || targetSeq == null ? null
                    : new Relation(Relation.Kind.fromStored(kind), targetSeq);
            return new StoredMessage(id, new ConversationKey(conversation), seq, senderId, recipientId, clientMsgId, text,
                    sticker, sentAt, relation, AttachedFile.parse(attachment));
        }
    }

    /** Sent every heartbeat interval: this member is alive, and these users are connected to it now. */
    /** @param peers where this member's clients take peer links (absent from members that predate it) */
    record Heartbeat(String member, String name, String address, long startedAt, int connections,
                     List<OnlineUser> users, List<PeerEndpoint> peers) implements ClusterEvent {
        public Heartbeat {
            users = List.copyOf(users);
            peers = peers == null ? List.of() : List.copyOf(peers);
        }
    }

    record OnlineUser(long id, String name) {
    }

    /** End every connection of this user, on every member ({@code reason} is a protocol error code). */
    record Disconnect(String member, long userId, String reason, String message) implements ClusterEvent {
    }

    /** An administrator changed this account (disabled, enabled): re-read it from the database. */
    record AccountChanged(String member, long userId) implements ClusterEvent {
    }

    /** A user set or cleared their display name ({@code displayName} null): re-read it, and tell the connections. */
    record ProfileChanged(String member, long userId, String username, String displayName) implements ClusterEvent {
    }

    /**
     * A user chose a presence state (PROTOCOL §7.20), already stored: carried whole, so members apply it without
     * reading the database ({@code statusText} null for none).
     */
    record StateChanged(String member, String username, String state, String statusText) implements ClusterEvent {
    }

    /** A password guess failed on a member: every member counts it under the same keys and allowances. */
    record LoginFailed(String member, List<String> keys, List<Integer> allowances) implements ClusterEvent {
        public LoginFailed {
            keys = List.copyOf(keys);
            allowances = List.copyOf(allowances);
        }
    }

    /** A login succeeded on a member: every member clears the (account, address) count. */
    record LoginSucceeded(String member, String pairKey) implements ClusterEvent {
    }

    /**
     * An event that is never stored ({@code read}, {@code typing}) for this member's connections: those of
     * {@code userId}, or when it is null those of everyone but {@code excludeUserId}. {@code event} is the
     * protocol body as the clients receive it.
     */
    record Signal(String member, Long userId, long excludeUserId, String event) implements ClusterEvent {
    }

    /** An event that is never stored ({@code typing}) for the connections of a named room's members but one user's. */
    record RoomSignal(String member, long roomId, long excludeUserId, String event) implements ClusterEvent {
    }

    /**
     * A named room changed (PROTOCOL §7.23), already stored: forget what is remembered of it, then deliver {@code event}
     * ({@code room_event}, as the clients receive it) to its members' connections and {@code alsoUserId}'s.
     */
    record RoomChanged(String member, long roomId, Long alsoUserId, String event) implements ClusterEvent {
    }
}
