package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanchat.protocol.ErrorCode;

/**
 * Replies and events the appliance sends. Replies echo the request's {@code id}; events ({@code message},
 * {@code presence}, pushed {@code roster}, {@code bye}) have none. {@link #replyId()} tells them apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerMessage.Welcome.class),
    @JsonSubTypes.Type(ServerMessage.SessionStarted.class),
    @JsonSubTypes.Type(ServerMessage.Ok.class),
    @JsonSubTypes.Type(ServerMessage.Ack.class),
    @JsonSubTypes.Type(ServerMessage.ChatMessage.class),
    @JsonSubTypes.Type(ServerMessage.Presence.class),
    @JsonSubTypes.Type(ServerMessage.Roster.class),
    @JsonSubTypes.Type(ServerMessage.HistoryPage.class),
    @JsonSubTypes.Type(ServerMessage.ConversationList.class),
    @JsonSubTypes.Type(ServerMessage.Avatar.class),
    @JsonSubTypes.Type(ServerMessage.Pong.class),
    @JsonSubTypes.Type(ServerMessage.PeerCredentialIssued.class),
    @JsonSubTypes.Type(ServerMessage.PeerList.class),
    @JsonSubTypes.Type(ServerMessage.Profile.class),
    @JsonSubTypes.Type(ServerMessage.Profiles.class),
    @JsonSubTypes.Type(ServerMessage.ReadMarks.class),
    @JsonSubTypes.Type(ServerMessage.Read.class),
    @JsonSubTypes.Type(ServerMessage.Typing.class),
    @JsonSubTypes.Type(ServerMessage.SearchResults.class),
    @JsonSubTypes.Type(ServerMessage.Room.class),
    @JsonSubTypes.Type(ServerMessage.RoomList.class),
    @JsonSubTypes.Type(ServerMessage.RoomMembers.class),
    @JsonSubTypes.Type(ServerMessage.RoomEvent.class),
    @JsonSubTypes.Type(ServerMessage.UploadStatus.class),
    @JsonSubTypes.Type(ServerMessage.FileChunk.class),
    @JsonSubTypes.Type(ServerMessage.Thumbnail.class),
    @JsonSubTypes.Type(ServerMessage.TransferTicket.class),
    @JsonSubTypes.Type(ServerMessage.TransferReady.class),
    @JsonSubTypes.Type(ServerMessage.Error.class),
    @JsonSubTypes.Type(ServerMessage.Bye.class),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage extends Message {

    /**
     * A message that only ever answers a request, so always echoes its {@code id}. {@link Roster} and
     * {@link Error} answer requests too but also come unasked (a pushed roster; an error about a frame whose
     * id could not be read), so they are not {@code Reply}s: ask {@link #replyId()} instead.
     */
    sealed interface Reply extends ServerMessage
            permits Welcome, SessionStarted, Ok, Ack, HistoryPage, ConversationList, Avatar, Pong, PeerCredentialIssued,
                    PeerList, Profiles, ReadMarks, SearchResults, Room, RoomList, RoomMembers, UploadStatus, FileChunk,
                    Thumbnail, TransferTicket, TransferReady {
        String id();
    }

    /**
     * The {@code id} of the request this message answers: always present for a {@link Reply}, present for a
     * {@code roster} or {@code error} that answers a request, and empty for events ({@code message},
     * {@code presence}, a pushed {@code roster}, {@code bye}, an {@code error} about an unreadable frame).
     */
    default Optional<String> replyId() {
        return switch (this) {
            case Reply reply -> Optional.ofNullable(reply.id());
            case Roster roster -> Optional.ofNullable(roster.id());
            case Profile profile -> Optional.ofNullable(profile.id());
            case Error error -> Optional.ofNullable(error.id());
            case ChatMessage message -> Optional.empty();
            case Presence presence -> Optional.empty();
            case Bye bye -> Optional.empty();
            case Read read -> Optional.empty();
            case Typing typing -> Optional.empty();
            case RoomEvent event -> Optional.empty();
        };
    }

    /**
     * What the appliance accepts, announced in {@code welcome} so clients can check before sending.
     * {@code avatarSize} is the side, in pixels, of the square every avatar is scaled to.
     */
    /**
     * What the appliance accepts (§6.1). {@code maxFileBytes} and {@code chunkBytes} (§7.24) are absent from appliances
     * that predate files; {@code rawTransfers} ({@code true}: it issues {@code transfer_ticket}s, §7.25) from those that
     * predate raw transfers.
     */
    record Limits(int maxFrameBytes, int maxTextChars, int maxAvatarBytes, int avatarSize,
                  int historyPageMax, int idleTimeoutSeconds, Long maxFileBytes, Integer chunkBytes,
                  Boolean rawTransfers) {
        /** Without files. */
        public Limits(int maxFrameBytes, int maxTextChars, int maxAvatarBytes, int avatarSize, int historyPageMax,
                      int idleTimeoutSeconds) {
            this(maxFrameBytes, maxTextChars, maxAvatarBytes, avatarSize, historyPageMax, idleTimeoutSeconds, null, null);
        }

        /** With chunked files only, as appliances before raw transfers announce them. */
        public Limits(int maxFrameBytes, int maxTextChars, int maxAvatarBytes, int avatarSize, int historyPageMax,
                      int idleTimeoutSeconds, Long maxFileBytes, Integer chunkBytes) {
            this(maxFrameBytes, maxTextChars, maxAvatarBytes, avatarSize, historyPageMax, idleTimeoutSeconds, maxFileBytes,
                    chunkBytes, null);
        }

        /** Whether the appliance offers raw transfer connections (§7.25); false for one that does not say. */
        @JsonIgnore
        public boolean offersRawTransfers() {
            return Boolean.TRUE.equals(rawTransfers);
        }
    }

    /** A sticker the appliance accepts: {@code code} goes in {@code send}, {@code emoji} is what it shows. */
    record Sticker(String code, String emoji, String name) {
    }

    /**
     * One conversation the user takes part in. {@code readThrough} is the user's own read mark and
     * {@code peerReadThrough}, for a private conversation, the other member's (§7.18); both are absent from
     * appliances that predate read marks, and {@code peerReadThrough} from the group.
     */
    record ConversationInfo(Conversation conversation, long lastSeq, long clearedThrough, Long readThrough,
                            Long peerReadThrough) {
        /** Without read marks. */
        public ConversationInfo(Conversation conversation, long lastSeq, long clearedThrough) {
            this(conversation, lastSeq, clearedThrough, null, null);
        }
    }

    /** Reply to {@code hello}. */
    @JsonTypeName("welcome")
    record Welcome(String id, int protocol, String applianceName, String applianceVersion, Limits limits,
                   List<Sticker> stickers) implements Reply {
        public Welcome {
            stickers = List.copyOf(stickers);
        }
    }

    /**
     * Reply to {@code register}, {@code login} and {@code resume}: the connection is now logged in.
     * {@code deviceCookie} (after {@code register} and {@code login} only) is for the client to keep and
     * send with its next {@code login} from this device.
     */
    @JsonTypeName("session")
    record SessionStarted(String id, String username, String token, long tokenExpiresAt, String deviceCookie)
            implements Reply {
        @Override
        public String toString() {
            return "SessionStarted[id=" + id + ", username=" + username + ", token=<hidden>"
                    + (deviceCookie == null ? "" : ", deviceCookie=<hidden>") + "]";
        }
    }

    /** Success without a payload ({@code logout}, {@code clear_history}, {@code set_avatar}). */
    @JsonTypeName("ok")
    record Ok(String id) implements Reply {
    }

    /**
     * Reply to {@code send}: the message is committed to history. {@code duplicate} is true when this
     * {@code clientMsgId} had already been accepted and this is the original acknowledgement again.
     */
    @JsonTypeName("ack")
    record Ack(String id, String clientMsgId, long messageId, Conversation conversation, long seq, long sentAt,
               boolean duplicate) implements Reply {
    }

    /**
     * An entry of a conversation, pushed live and returned in history pages: a message, or a change to an earlier one
     * (docs/PROTOCOL.md §6.5, §7.19). Exactly one of text and sticker is set, on every entry: on a change it is what a
     * client that does not know changes shows. At most one of {@code edits}, {@code deletes} and {@code reactsTo} is
     * set, and {@code replyTo} only on a message; each holds the sequence number of the message concerned.
     *
     * @param edits          this entry replaces that message's text with {@code text}
     * @param deletes        this entry deletes that message; {@code text} is {@link #DELETED_FALLBACK}
     * @param reactsTo       this entry adds {@code reaction} from {@code from} to that message, or withdraws it when
     *                       {@code removeReaction} is true (absent otherwise); {@code text} is the fallback of §6.5
     */
    @JsonTypeName("message")
    record ChatMessage(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
                       String text, String sticker, long sentAt, Long replyTo, Long edits, Long deletes,
                       Long reactsTo, String reaction, Boolean removeReaction, Attachment attachment)
            implements ServerMessage {
        /** An entry without a file. */
        public ChatMessage(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
                           String text, String sticker, long sentAt, Long replyTo, Long edits, Long deletes,
                           Long reactsTo, String reaction, Boolean removeReaction) {
            this(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, replyTo, edits, deletes,
                    reactsTo, reaction, removeReaction, null);
        }

        /** The text of a delete entry, for clients that do not know deletes. */
        public static final String DELETED_FALLBACK = "message deleted";

        /** A message that answers none in particular. */
        public ChatMessage(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
                           String text, String sticker, long sentAt) {
            this(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, null, null, null, null, null,
                    null);
        }

        /** The fallback text of a reaction entry (§6.5): the emoji, or for a withdrawn one, what says so. */
        public static String reactionFallback(String emoji, boolean removed) {
            return removed ? "withdrew " + emoji : emoji;
        }

        /** Whether this entry changes an earlier message rather than being one. Not a member of the JSON. */
        @JsonIgnore
        public boolean isChange() {
            return edits != null || deletes != null || reactsTo != null;
        }

        public boolean removesReaction() {
            return Boolean.TRUE.equals(removeReaction);
        }
    }

    /**
     * Who came online ({@code joined}) or went offline ({@code left}) since the last event, and the new count.
     * {@code displayNames} maps each user in {@code joined} who has a display name to it (§7.17); absent when
     * none has. {@code states} maps each user in {@code joined} whose state is not plain available, and each
     * user online whose state or status text changed since the last event, to their state (§7.20); absent when
     * there is none, so a chat where nobody uses states sends what it sent before them.
     */
    @JsonTypeName("presence")
    record Presence(List<String> joined, List<String> left, int count,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> displayNames,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, UserState> states)
            implements ServerMessage {
        public Presence {
            joined = List.copyOf(joined);
            left = List.copyOf(left);
            displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
            states = UserState.sorted(states);
        }

        public Presence(List<String> joined, List<String> left, int count, Map<String, String> displayNames) {
            this(joined, left, count, displayNames, Map.of());
        }

        public Presence(List<String> joined, List<String> left, int count) {
            this(joined, left, count, Map.of(), Map.of());
        }
    }

    /**
     * Everyone online, sorted by name; {@code id} is absent when pushed. {@code displayNames} maps each listed
     * user who has a display name to it (§7.17); absent when none has. {@code states} maps each listed user whose
     * state is not plain available (§7.20); absent when there is none.
     */
    @JsonTypeName("roster")
    record Roster(String id, List<String> users, int count,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> displayNames,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, UserState> states)
            implements ServerMessage {
        public Roster {
            users = List.copyOf(users);
            displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
            states = UserState.sorted(states);
        }

        public Roster(String id, List<String> users, int count, Map<String, String> displayNames) {
            this(id, users, count, displayNames, Map.of());
        }

        public Roster(String id, List<String> users, int count) {
            this(id, users, count, Map.of(), Map.of());
        }
    }

    /**
     * One user's presence state in {@code roster} and {@code presence} (§7.20): {@code state} is a
     * {@link PresenceState} wire name (read it with {@link PresenceState#reported}, which shows a state this
     * client does not know as available); {@code statusText} is absent when the user has none.
     */
    record UserState(String state, String statusText) {
        /** What a user who never chose a state has; {@code roster} and {@code presence} leave it out. */
        public static final UserState DEFAULT = new UserState(PresenceState.AVAILABLE.wireName(), null);

        public static UserState of(PresenceState state, String statusText) {
            return new UserState(state.wireName(), statusText);
        }

        public PresenceState presenceState() {
            return PresenceState.reported(state);
        }

        @JsonIgnore
        public boolean isDefault() {
            return DEFAULT.equals(this);
        }

        /** Sorted by login name, so one roster always encodes to the same bytes. */
        static Map<String, UserState> sorted(Map<String, UserState> states) {
            return states == null || states.isEmpty() ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(states));
        }
    }

    /**
     * A user's display name (§7.17): the reply to {@code set_profile}, with its {@code id}, and the event
     * pushed to every logged-in connection when a user sets or clears theirs, without one.
     * {@code displayName} is absent when the user has none (the login name is shown).
     */
    @JsonTypeName("profile")
    record Profile(String id, String username, String displayName) implements ServerMessage {
    }

    /** One user's display name in {@code profiles}; {@code displayName} absent when the user has none. */
    record UserProfile(String username, String displayName) {
    }

    /** Reply to {@code get_profiles}: one entry per existing user asked about, in the order asked; unknown names are left out. */
    @JsonTypeName("profiles")
    record Profiles(String id, List<UserProfile> profiles) implements Reply {
        public Profiles {
            profiles = List.copyOf(profiles);
        }
    }

    /** Reply to {@code history}. */
    @JsonTypeName("history_page")
    record HistoryPage(String id, Conversation conversation, List<ChatMessage> messages, boolean hasMore,
                       long clearedThrough) implements Reply {
        public HistoryPage {
            messages = List.copyOf(messages);
        }
    }

    /** Reply to {@code conversations}. */
    @JsonTypeName("conversations")
    record ConversationList(String id, List<ConversationInfo> conversations) implements Reply {
        public ConversationList {
            conversations = List.copyOf(conversations);
        }
    }

    /**
     * Reply to {@code get_avatar}. {@code hash} (SHA-256 of the image, hex) identifies the picture for
     * caching; {@code image} is absent when it equals the request's {@code ifNoneMatch}.
     * {@code generated} is true for the default avatar of a user who never set one.
     */
    @JsonTypeName("avatar")
    record Avatar(String id, String username, String hash, String contentType, byte[] image, boolean generated)
            implements Reply {
    }

    @JsonTypeName("pong")
    record Pong(String id) implements Reply {
    }

    /** Where another user's client takes peer links: the address it is connected from and the port it gave. */
    record PeerAddress(String username, String address, int port) {
    }

    /** Reply to {@code peers}: every other user online whose client gave a peer port (§7.15). */
    @JsonTypeName("peers")
    record PeerList(String id, List<PeerAddress> peers) implements Reply {
        public PeerList {
            peers = List.copyOf(peers);
        }
    }

    /** Reply to {@code peer_credential}: the signed credential for the logged-in user and the key sent. */
    @JsonTypeName("peer_credential")
    record PeerCredentialIssued(String id, PeerCredential credential) implements Reply {
    }

    /**
     * A request failed, or the connection is about to close. {@code id} echoes the request when known;
     * {@code retryAfterMs}, when present, is how long to wait before trying again ({@code rate_limited},
     * most {@code busy} answers, {@code store_unavailable}).
     */
    @JsonTypeName("error")
    record Error(String id, ErrorCode code, String message, Long retryAfterMs) implements ServerMessage {
        public static Error of(String id, ErrorCode code, String message) {
            return new Error(id, code, message, null);
        }
    }

    /**
     * The appliance is about to close this connection on purpose: {@code shutting_down},
     * {@code idle_timeout}, {@code login_timeout} or {@code too_many_errors}. (A client that stops reading
     * is closed without one: it would never read it.)
     */
    @JsonTypeName("bye")
    record Bye(ErrorCode reason, String message) implements ServerMessage {
    }

    /** How far one member has read a conversation: every message with a sequence number up to {@code seq}. */
    record ReadMark(String user, long seq) {
    }

    /**
     * Reply to {@code read_marks}: the read mark of every member of the conversation who has one above 0,
     * sorted by name, the requester included (§7.18).
     */
    @JsonTypeName("read_marks")
    record ReadMarks(String id, Conversation conversation, List<ReadMark> marks) implements Reply {
        public ReadMarks {
            marks = List.copyOf(marks);
        }
    }

    /**
     * {@code reader} has read {@code conversation} (named from the receiver's side) up to {@code seq}. Sent to
     * the other member of a private conversation and to the reader's own other connections (§7.18).
     */
    @JsonTypeName("read")
    record Read(Conversation conversation, String reader, long seq) implements ServerMessage {
    }

    /**
     * {@code user} is typing in {@code conversation} (named from the receiver's side). The indicator goes away
     * after {@code expiresInMs} unless another {@code typing} renews it, or when a message from that user
     * arrives in the conversation (§7.18). Never stored.
     */
    @JsonTypeName("typing")
    record Typing(Conversation conversation, String user, int expiresInMs) implements ServerMessage {
        /** How long an indicator lasts without renewal: two resend intervals, so one lost event does not blink it. */
        public static final int EXPIRES_IN_MS = 2 * ConversationRequest.Typing.RESEND_INTERVAL_MS;
    }

    /**
     * One message found by {@code search} (§6.19): where it is ({@code conversation} from the requester's side,
     * {@code seq}), who sent it when, and a {@code snippet} of its current text around the first match.
     */
    record SearchHit(long messageId, Conversation conversation, long seq, String from, long sentAt, String snippet) {
    }

    /**
     * Reply to {@code search}: hits newest first; {@code hasMore} when more lie beyond the last one, which the next
     * page asks for with {@code before} = its {@code messageId} (§7.22).
     */
    @JsonTypeName("search_results")
    record SearchResults(String id, List<SearchHit> hits, boolean hasMore) implements Reply {
        public SearchResults {
            hits = List.copyOf(hits);
        }
    }

    // ---- Named rooms (docs/PROTOCOL.md §6.20 to §6.23, §7.23) ----

    /**
     * A named room as everyone who may see it sees it: {@code conversation} ({@code "#<id>"}) names it in every other
     * message, {@code name} and {@code topic} (absent when none) are what people read, {@code visibility} a
     * {@link RoomVisibility} wire name, {@code creator} the login name of the user who may manage it, {@code members}
     * how many members it has, {@code archived} whether it is closed to new messages and members.
     */
    record RoomInfo(Conversation conversation, String name, String topic, String visibility, String creator,
                    int members, boolean archived) {
        /** Not a member of the JSON. */
        @JsonIgnore
        public boolean isPrivate() {
            return RoomVisibility.fromWire(visibility) == RoomVisibility.PRIVATE;
        }
    }

    /** Reply to {@code create_room}, {@code join_room} and {@code update_room}: the room as it is now. */
    @JsonTypeName("room")
    record Room(String id, RoomInfo room) implements Reply {
    }

    /**
     * Reply to {@code rooms}: {@code joined}, the rooms the user is a member of (archived ones too), and
     * {@code open}, the public rooms not archived that the user is not a member of; each sorted by name, then id.
     */
    @JsonTypeName("rooms")
    record RoomList(String id, List<RoomInfo> joined, List<RoomInfo> open, boolean hasMore, String next)
            implements Reply {
        public RoomList {
            joined = List.copyOf(joined);
            open = List.copyOf(open);
        }

        /** Every room in one reply: the last page, or all pages put together. */
        public RoomList(String id, List<RoomInfo> joined, List<RoomInfo> open) {
            this(id, joined, open, false, null);
        }
    }

    /**
     * Reply to {@code room_members}: the login names of the room's members, sorted ignoring case, a page at a time
     * ({@code hasMore}: ask again with {@code after} = the last name).
     */
    @JsonTypeName("room_members")
    record RoomMembers(String id, Conversation room, String creator, List<String> members, boolean hasMore)
            implements Reply {
        public RoomMembers {
            members = List.copyOf(members);
        }

        /** Every member in one reply: the last page, or all pages put together. */
        public RoomMembers(String id, Conversation room, String creator, List<String> members) {
            this(id, room, creator, members, false);
        }
    }

    /**
     * Something happened to a room (§6.23): {@code change} is one of {@link #JOINED}, {@link #LEFT}, {@link #INVITED},
     * {@link #REMOVED} (these four name the member concerned in {@code user}), {@link #UPDATED} or {@link #ARCHIVED}.
     * {@code by} is who did it, absent when it was the appliance's administrator. {@code room} is the room as it is
     * after the change. Sent to every member's connections, and to the user who left or was removed.
     */
    @JsonTypeName("room_event")
    record RoomEvent(Conversation conversation, String change, String user, String by, RoomInfo room)
            implements ServerMessage {
        public static final String JOINED = "joined";
        public static final String LEFT = "left";
        public static final String INVITED = "invited";
        public static final String REMOVED = "removed";
        public static final String UPDATED = "updated";
        public static final String ARCHIVED = "archived";
    }

    /**
     * The file a message carries (§6.5, §7.24); its name is the message's {@code text}. {@code width} and
     * {@code height} are set only for a picture the appliance decoded, which also has a thumbnail (§5.39).
     */
    record Attachment(String fileId, long size, String mediaType, Integer width, Integer height) {
        /** Whether the appliance checked this file as a picture and keeps a thumbnail of it. */
        @JsonIgnore
        public boolean isPicture() {
            return width != null && height != null;
        }
    }

    /**
     * Reply to {@code upload_begin} and {@code upload_chunk}, §6.24: the appliance holds the first {@code offset}
     * bytes of the file; {@code complete} once it holds all {@code size} bytes and their SHA-256 matched.
     * {@code chunkBytes} is the most one {@code upload_chunk} or {@code file_chunk} carries.
     */
    @JsonTypeName("upload_status")
    record UploadStatus(String id, String fileId, long size, long offset, boolean complete, int chunkBytes)
            implements Reply {
    }

    /** Reply to {@code download}, §6.25: the bytes of the file {@code fileId} ({@code size} in all) from {@code offset}. */
    @JsonTypeName("file_chunk")
    record FileChunk(String id, String fileId, long size, long offset, byte[] data) implements Reply {
        @Override
        public String toString() {
            return "FileChunk[id=" + id + ", fileId=" + fileId + ", size=" + size + ", offset=" + offset + ", data="
                    + (data == null ? 0 : data.length) + " bytes]";
        }
    }

    /** Reply to {@code get_thumbnail}, §6.26: a PNG at most 256 pixels on its longer side. */
    @JsonTypeName("thumbnail")
    record Thumbnail(String id, String fileId, String contentType, byte[] image) implements Reply {
    }

    /**
     * Reply to {@code transfer_ticket}, §6.27. {@code ticket} (absent when {@code complete}: an upload the appliance
     * already holds completely from this user, nothing to send) is redeemed once, within {@code expiresInMs}, by a
     * {@code transfer} frame on a new connection; the bytes it moves are {@code length} bytes of the file from
     * {@code offset}.
     */
    @JsonTypeName("transfer_ticket")
    record TransferTicket(String id, String direction, String fileId, long size, long offset, long length,
                          boolean complete, String ticket, Long expiresInMs) implements Reply {
        @Override
        public String toString() {
            return "TransferTicket[id=" + id + ", direction=" + direction + ", fileId=" + fileId + ", size=" + size
                    + ", offset=" + offset + ", length=" + length + ", complete=" + complete
                    + (ticket == null ? "" : ", ticket=<hidden>") + "]";
        }
    }

    /**
     * The appliance's answer to {@code transfer}, §6.28: the ticket was good, and from the next byte on the connection
     * carries the {@code length} raw bytes of the file {@code fileId} from {@code offset} (§7.25).
     */
    @JsonTypeName("transfer_ready")
    record TransferReady(String id, String direction, String fileId, long size, long offset, long length)
            implements Reply {
    }
}
