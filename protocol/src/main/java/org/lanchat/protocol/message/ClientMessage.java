package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Requests a client sends. Each carries a client-chosen {@code id} (1 to 64 characters) that the reply
 * echoes, so a client may pipeline requests and match replies.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ClientMessage.Hello.class),
    @JsonSubTypes.Type(ClientMessage.Register.class),
    @JsonSubTypes.Type(ClientMessage.Login.class),
    @JsonSubTypes.Type(ClientMessage.Resume.class),
    @JsonSubTypes.Type(ClientMessage.Logout.class),
    @JsonSubTypes.Type(ClientMessage.Send.class),
    @JsonSubTypes.Type(ClientMessage.RosterRequest.class),
    @JsonSubTypes.Type(ClientMessage.HistoryRequest.class),
    @JsonSubTypes.Type(ClientMessage.ConversationsRequest.class),
    @JsonSubTypes.Type(ClientMessage.ClearHistory.class),
    @JsonSubTypes.Type(ClientMessage.SetAvatar.class),
    @JsonSubTypes.Type(ClientMessage.GetAvatar.class),
    @JsonSubTypes.Type(ClientMessage.Ping.class),
    @JsonSubTypes.Type(ClientMessage.PeerCredentialRequest.class),
    @JsonSubTypes.Type(ClientMessage.SubmitDirect.class),
    @JsonSubTypes.Type(ClientMessage.PeersRequest.class),
    @JsonSubTypes.Type(ClientMessage.SetProfile.class),
    @JsonSubTypes.Type(ClientMessage.ProfilesRequest.class),
    @JsonSubTypes.Type(ClientMessage.Edit.class),
    @JsonSubTypes.Type(ClientMessage.Delete.class),
    @JsonSubTypes.Type(ClientMessage.React.class),
    @JsonSubTypes.Type(ClientMessage.MarkRead.class),
    @JsonSubTypes.Type(ClientMessage.ReadMarksRequest.class),
    @JsonSubTypes.Type(ClientMessage.Typing.class),
    @JsonSubTypes.Type(ClientMessage.SetPresence.class),
    @JsonSubTypes.Type(ClientMessage.Search.class),
    @JsonSubTypes.Type(ClientMessage.CreateRoom.class),
    @JsonSubTypes.Type(ClientMessage.RoomsRequest.class),
    @JsonSubTypes.Type(ClientMessage.JoinRoom.class),
    @JsonSubTypes.Type(ClientMessage.LeaveRoom.class),
    @JsonSubTypes.Type(ClientMessage.Invite.class),
    @JsonSubTypes.Type(ClientMessage.RemoveMember.class),
    @JsonSubTypes.Type(ClientMessage.UpdateRoom.class),
    @JsonSubTypes.Type(ClientMessage.ArchiveRoom.class),
    @JsonSubTypes.Type(ClientMessage.RoomMembersRequest.class),
    @JsonSubTypes.Type(ClientMessage.UploadBegin.class),
    @JsonSubTypes.Type(ClientMessage.UploadChunk.class),
    @JsonSubTypes.Type(ClientMessage.Download.class),
    @JsonSubTypes.Type(ClientMessage.GetThumbnail.class),
    @JsonSubTypes.Type(ClientMessage.TransferTicketRequest.class),
    @JsonSubTypes.Type(ClientMessage.Transfer.class),
})
public sealed interface ClientMessage extends Message {
    int MAX_PASSWORD_CHARS = 256;
    int MAX_TOKEN_CHARS = 128;
    int MAX_DEVICE_COOKIE_CHARS = 256;
    int MAX_LOGIN_NAME_CHARS = 64;
    int MAX_CLIENT_NAME_CHARS = 64;
    /** Shape bound only; the appliance enforces the (smaller) limit it announces in {@code welcome}. */
    int MAX_TEXT_CHARS_SHAPE = 65_536;
    int MAX_STICKER_CODE_CHARS = 32;
    /** Shape bound only; the appliance's own rules for a display name (§7.17) are stricter. */
    int MAX_DISPLAY_NAME_SHAPE = 256;
    /** How many users one {@code get_profiles} may ask about. */
    int MAX_PROFILES_ASKED = 100;
    /** Shape bound only; the appliance's own rules for a status text (§7.20) are stricter. */
    int MAX_STATUS_TEXT_SHAPE = 256;
    /** Longest file name, in UTF-16 units (§7.24): single line, no control characters. */
    int MAX_FILE_NAME_CHARS = 255;
    /** Longest media type, as {@code type/subtype} (§7.24). */
    int MAX_MEDIA_TYPE_CHARS = 100;
    /** Longest transfer ticket (§5.40): the appliance's are 43 characters; the shape bound leaves room. */
    int MAX_TICKET_CHARS = 128;

    String id();

    /**
     * A request that appends one entry to a conversation: a message ({@code send}) or a change to one
     * ({@code edit}, {@code delete}, {@code react}, docs/PROTOCOL.md §7.19). Each is committed, numbered, relayed and
     * acknowledged with an {@code ack} the same way, and made idempotent by its {@code clientMsgId}.
     */
    sealed interface Posting extends ClientMessage permits Send, Edit, Delete, React {
        String clientMsgId();

        Conversation conversation();
    }

    /** First frame on every connection. */
    @JsonTypeName("hello")
    record Hello(String id, Integer protocol, String client) implements ClientMessage {
        public Hello {
            Fields.id(id, "id");
            Fields.required(protocol, "protocol");
            Fields.name(client, "client", MAX_CLIENT_NAME_CHARS);
        }
    }

    /**
     * Creates an account and logs the connection in. {@code avatar} is optional image bytes (base64 on the wire);
     * {@code displayName}, optional, is the name shown for the account in any script (§7.17).
     */
    @JsonTypeName("register")
    record Register(String id, String username, String password, byte[] avatar, String displayName)
            implements ClientMessage {
        public Register {
            Fields.id(id, "id");
            Fields.name(username, "username", MAX_LOGIN_NAME_CHARS);
            Fields.text(password, "password", MAX_PASSWORD_CHARS);
            Fields.optionalName(displayName, "displayName", MAX_DISPLAY_NAME_SHAPE);
        }

        /** Without a display name, as every client written before §7.17 registers. */
        public Register(String id, String username, String password, byte[] avatar) {
            this(id, username, password, avatar, null);
        }

        @Override
        public String toString() {
            return "Register[id=" + id + ", username=" + username + ", password=<hidden>, avatar="
                    + (avatar == null ? "none" : avatar.length + " bytes")
                    + (displayName == null ? "" : ", displayName=" + displayName) + "]";
        }
    }

    /**
     * Logs in with the password. {@code deviceCookie}, optional, is the one the appliance gave this device
     * at an earlier login ({@link ServerMessage.SessionStarted#deviceCookie()}): with it, guesses made from
     * elsewhere cannot keep the account's owner out (docs/PROTOCOL.md §7.11).
     */
    @JsonTypeName("login")
    record Login(String id, String username, String password, String deviceCookie) implements ClientMessage {
        public Login {
            Fields.id(id, "id");
            Fields.name(username, "username", MAX_LOGIN_NAME_CHARS);
            Fields.text(password, "password", MAX_PASSWORD_CHARS);
            Fields.optionalName(deviceCookie, "deviceCookie", MAX_DEVICE_COOKIE_CHARS);
        }

        @Override
        public String toString() {
            return "Login[id=" + id + ", username=" + username + ", password=<hidden>"
                    + (deviceCookie == null ? "" : ", deviceCookie=<hidden>") + "]";
        }
    }

    /** Logs in with the token from an earlier {@code session} reply instead of the password. */
    @JsonTypeName("resume")
    record Resume(String id, String token) implements ClientMessage {
        public Resume {
            Fields.id(id, "id");
            Fields.name(token, "token", MAX_TOKEN_CHARS);
        }

        @Override
        public String toString() {
            return "Resume[id=" + id + ", token=<hidden>]";
        }
    }

    /** Ends this session and revokes its resume token. */
    @JsonTypeName("logout")
    record Logout(String id) implements ClientMessage {
        public Logout {
            Fields.id(id, "id");
        }
    }

    /**
     * Sends a message to a conversation. Exactly one of {@code text} and {@code sticker} is set.
     * {@code clientMsgId} makes the send idempotent: resending it returns the original acknowledgement.
     * {@code replyTo}, optional, is the sequence number of the message in the same conversation it answers.
     * {@code attachment}, optional, is the id of a file the sender has uploaded (§7.24); the {@code text} is then
     * the file's name, which is what a client that does not know attachments shows.
     */
    @JsonTypeName("send")
    record Send(String id, String clientMsgId, Conversation conversation, String text, String sticker, Long replyTo,
                String attachment)
            implements Posting {
        public Send {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.optionalText(text, "text", MAX_TEXT_CHARS_SHAPE);
            Fields.optionalName(sticker, "sticker", MAX_STICKER_CODE_CHARS);
            if (replyTo != null) {
                Fields.positive(replyTo, "replyTo");
            }
            FileIds.optional(attachment, "attachment");
            if (attachment != null) {
                Fields.name(text, "text", MAX_FILE_NAME_CHARS);
                if (sticker != null) {
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, "a file's message carries its name, not a sticker");
                }
            }
        }

        /** A message that answers none in particular. */
        public Send(String id, String clientMsgId, Conversation conversation, String text, String sticker) {
            this(id, clientMsgId, conversation, text, sticker, null, null);
        }

        /** A message without a file. */
        public Send(String id, String clientMsgId, Conversation conversation, String text, String sticker,
                    Long replyTo) {
            this(id, clientMsgId, conversation, text, sticker, replyTo, null);
        }

        /** A file (already uploaded) sent under its name. */
        public static Send file(String id, String clientMsgId, Conversation conversation, String name, String fileId) {
            return new Send(id, clientMsgId, conversation, name, null, null, fileId);
        }
    }

    /** Replaces the text of one of the user's own text messages ({@code target}, a sequence number), §5.22. */
    @JsonTypeName("edit")
    record Edit(String id, String clientMsgId, Conversation conversation, Long target, String text) implements Posting {
        public Edit {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.positive(target, "target");
            Fields.text(text, "text", MAX_TEXT_CHARS_SHAPE);
        }
    }

    /** Deletes one of the user's own messages ({@code target}, a sequence number) for everyone, §5.23. */
    @JsonTypeName("delete")
    record Delete(String id, String clientMsgId, Conversation conversation, Long target) implements Posting {
        public Delete {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.positive(target, "target");
        }
    }

    /**
     * Adds the user's reaction {@code emoji} to a message ({@code target}, a sequence number), or withdraws it
     * when {@code remove} is true, §5.24. The emoji is one {@link Reactions#isReaction emoji}.
     */
    @JsonTypeName("react")
    record React(String id, String clientMsgId, Conversation conversation, Long target, String emoji, Boolean remove)
            implements Posting {
        public React {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.positive(target, "target");
            Fields.required(emoji, "emoji");
            if (!Reactions.isReaction(emoji)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'emoji' must be one emoji of at most "
                        + Reactions.MAX_CHARS + " UTF-16 units");
            }
        }

        public boolean removes() {
            return Boolean.TRUE.equals(remove);
        }
    }

    /** Asks for the online roster; the appliance also pushes it after login. */
    @JsonTypeName("roster")
    record RosterRequest(String id) implements ClientMessage {
        public RosterRequest {
            Fields.id(id, "id");
        }
    }

    /**
     * Pages through a conversation. With {@code before}: the newest messages with a smaller sequence
     * number, newest first (scrolling back). With {@code after}: the oldest messages with a larger
     * sequence number, oldest first (catching up). With neither: the newest page. Not both.
     */
    @JsonTypeName("history")
    record HistoryRequest(String id, Conversation conversation, Long before, Long after, Integer limit)
            implements ClientMessage {
        public HistoryRequest {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            if (before != null) {
                Fields.nonNegative(before, "before");
            }
            if (after != null) {
                Fields.nonNegative(after, "after");
            }
            if (before != null && after != null) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "give 'before' or 'after', not both");
            }
            if (limit != null && limit < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'limit' must be at least 1");
            }
        }
    }

    /** Lists the conversations the user takes part in with their newest sequence numbers, for catch-up. */
    @JsonTypeName("conversations")
    record ConversationsRequest(String id) implements ClientMessage {
        public ConversationsRequest {
            Fields.id(id, "id");
        }
    }

    /** Hides every message of the conversation sent so far, for this user only. */
    @JsonTypeName("clear_history")
    record ClearHistory(String id, Conversation conversation) implements ClientMessage {
        public ClearHistory {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
        }
    }

    /** Replaces the user's avatar; {@code image} is PNG, JPEG or GIF bytes (base64 on the wire). */
    @JsonTypeName("set_avatar")
    record SetAvatar(String id, byte[] image) implements ClientMessage {
        public SetAvatar {
            Fields.id(id, "id");
            Fields.required(image, "image");
        }
    }

    /** Fetches a user's avatar; when {@code ifNoneMatch} equals its current hash, no image bytes are sent. */
    @JsonTypeName("get_avatar")
    record GetAvatar(String id, String username, String ifNoneMatch) implements ClientMessage {
        public GetAvatar {
            Fields.id(id, "id");
            Fields.name(username, "username", MAX_LOGIN_NAME_CHARS);
            Fields.optionalName(ifNoneMatch, "ifNoneMatch", 128);
        }
    }

    @JsonTypeName("ping")
    record Ping(String id) implements ClientMessage {
        public Ping {
            Fields.id(id, "id");
        }
    }

    /**
     * Asks the appliance to sign a public key this client generated, for use with colleagues while the
     * appliance is away. {@code publicKey} is an Ed25519 key in X.509 SubjectPublicKeyInfo form (base64 on
     * the wire).
     */
    @JsonTypeName("peer_credential")
    record PeerCredentialRequest(String id, byte[] publicKey, Integer port) implements ClientMessage {
        public PeerCredentialRequest {
            Fields.id(id, "id");
            Fields.required(publicKey, "publicKey");
            if (publicKey.length > PeerCredential.MAX_PUBLIC_KEY_BYTES) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'publicKey' must be at most " + PeerCredential.MAX_PUBLIC_KEY_BYTES + " bytes");
            }
            if (port != null && (port < 1 || port > 65_535)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'port' must be from 1 to 65535");
            }
        }

        /** Without a port: this client takes no peer links. */
        public PeerCredentialRequest(String id, byte[] publicKey) {
            this(id, publicKey, null);
        }
    }

    /** Asks where the other users online take peer links (§7.15), to keep for when the appliance is away. */
    @JsonTypeName("peers")
    record PeersRequest(String id) implements ClientMessage {
        public PeersRequest {
            Fields.id(id, "id");
        }
    }

    /**
     * Hands the appliance a message that was sent directly while it was away, on behalf of its sender: any
     * client that holds it submits it, with the sender's credential; the appliance stores it once.
     */
    @JsonTypeName("submit_direct")
    record SubmitDirect(String id, PeerCredential credential, DirectMessage message) implements ClientMessage {
        public SubmitDirect {
            Fields.id(id, "id");
            Fields.required(credential, "credential");
            Fields.required(message, "message");
        }
    }

    /**
     * Sets the logged-in user's display name (§7.17); absent, {@code null} or empty clears it, so the login
     * name is shown again. The appliance normalizes the name and answers with it as stored.
     */
    @JsonTypeName("set_profile")
    record SetProfile(String id, String displayName) implements ClientMessage {
        public SetProfile {
            Fields.id(id, "id");
            Fields.optionalName(displayName, "displayName", MAX_DISPLAY_NAME_SHAPE);
        }
    }

    /**
     * Asks for the display names of users online or not (the senders of old messages, say): 1 to
     * {@link #MAX_PROFILES_ASKED} login names, any case.
     */
    @JsonTypeName("get_profiles")
    record ProfilesRequest(String id, java.util.List<String> usernames) implements ClientMessage {
        public ProfilesRequest {
            Fields.id(id, "id");
            Fields.required(usernames, "usernames");
            if (usernames.isEmpty() || usernames.size() > MAX_PROFILES_ASKED) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'usernames' must list 1 to " + MAX_PROFILES_ASKED + " names");
            }
            for (String username : usernames) {
                Fields.name(username, "usernames", MAX_LOGIN_NAME_CHARS);
            }
            usernames = java.util.List.copyOf(usernames);
        }
    }

    /**
     * Moves the user's read mark for a conversation forward to {@code seq} (docs/PROTOCOL.md §7.18): a lower
     * {@code seq} than the mark is ignored, one beyond the conversation's newest message is reduced to it.
     * A client whose user turned read marks off never sends it.
     */
    @JsonTypeName("mark_read")
    record MarkRead(String id, Conversation conversation, Long seq) implements ClientMessage {
        public MarkRead {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            Fields.nonNegative(seq, "seq");
        }
    }

    /** Asks how far each member of a conversation has read it (§7.18); answered with {@code read_marks}. */
    @JsonTypeName("read_marks")
    record ReadMarksRequest(String id, Conversation conversation) implements ClientMessage {
        public ReadMarksRequest {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
        }
    }

    /**
     * Tells the conversation's other members online that the user is typing in it (§7.18). Never stored. A
     * client sends it at most once per {@link #RESEND_INTERVAL_MS} while its user keeps typing.
     */
    @JsonTypeName("typing")
    record Typing(String id, Conversation conversation) implements ClientMessage {
        /** How often a client repeats {@code typing} while its user types; see {@link ServerMessage.Typing}. */
        public static final int RESEND_INTERVAL_MS = 3000;

        public Typing {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
        }
    }

    /**
     * Sets the logged-in user's presence state and status text (docs/PROTOCOL.md §7.20), for every connection
     * of the account. {@code state} is one of {@link PresenceState}'s wire names; an absent, {@code null} or
     * empty {@code statusText} clears it. The appliance normalizes the text; answered with {@code ok}.
     */
    @JsonTypeName("set_presence")
    record SetPresence(String id, String state, String statusText) implements ClientMessage {
        public SetPresence {
            Fields.id(id, "id");
            PresenceState.fromWire(Fields.required(state, "state"));
            Fields.optionalName(statusText, "statusText", MAX_STATUS_TEXT_SHAPE);
        }

        public PresenceState presenceState() {
            return PresenceState.fromWire(state);
        }
    }

    /**
     * Searches the text of every conversation the user is a member of, or of {@code conversation} alone
     * (docs/PROTOCOL.md §5.26, §7.22). {@code before} is the {@code messageId} of the last hit of the previous page.
     */
    @JsonTypeName("search")
    record Search(String id, String text, Conversation conversation, Long before, Integer limit)
            implements ClientMessage {
        /** Longest search text, in UTF-16 units: a phrase, not a message. */
        public static final int MAX_TEXT_CHARS = 200;

        public Search {
            Fields.id(id, "id");
            Fields.name(text, "text", MAX_TEXT_CHARS);
            if (text.strip().isEmpty()) { // strip(), not isBlank(): the same white space the appliance trims (§7.22)
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'text' must not be only white space");
            }
            if (before != null) {
                Fields.positive(before, "before");
            }
            if (limit != null && limit < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'limit' must be at least 1");
            }
        }
    }

    // ---- Named rooms (docs/PROTOCOL.md §5.27 to §5.35, §7.23) ----

    /** Shape bound of a room's name; the appliance also refuses one that is blank once trimmed (§7.23). */
    int MAX_ROOM_NAME_CHARS = 64;
    /** Longest room topic, in UTF-16 units. */
    int MAX_ROOM_TOPIC_CHARS = 250;

    /** A request about one named room, which it names as a conversation ({@code "#<id>"}, §3.7) in {@code room}. */
    sealed interface RoomRequest extends ClientMessage
            permits JoinRoom, LeaveRoom, Invite, RemoveMember, UpdateRoom, ArchiveRoom, RoomMembersRequest {
        Conversation room();
    }

    /** A {@code room} field must name a room: the group and private conversations have no members to manage. */
    private static void roomField(Conversation room) {
        Fields.required(room, "room");
        if (!room.isRoom()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'room' must be \"#\" followed by a room id");
        }
    }

    /**
     * Creates a named room with the user as its creator and only member (§5.27). {@code visibility} is
     * {@code "public"} (the default: listed, anyone may join) or {@code "private"} (members invite); {@code topic}
     * is optional. Answered with {@code room}.
     */
    @JsonTypeName("create_room")
    record CreateRoom(String id, String name, String topic, String visibility) implements ClientMessage {
        public CreateRoom {
            Fields.id(id, "id");
            Fields.name(name, "name", MAX_ROOM_NAME_CHARS);
            Fields.optionalName(topic, "topic", MAX_ROOM_TOPIC_CHARS);
            RoomVisibility.fromWire(visibility);
        }

        /** Not a member of the JSON. */
        @JsonIgnore
        public boolean isPrivate() {
            return RoomVisibility.fromWire(visibility) == RoomVisibility.PRIVATE;
        }
    }

    /**
     * Lists the rooms the user is a member of and the public rooms they may join (§5.28), a page at a time: {@code after}
     * is the previous reply's {@code next} (null for the first page), {@code limit} the most rooms wanted (null for
     * {@link #ROOMS_PAGE_MAX}; more is reduced to it).
     */
    @JsonTypeName("rooms")
    record RoomsRequest(String id, String after, Integer limit) implements ClientMessage {
        /** Most rooms in one page, and the default; fewer when {@code maxFrameBytes} is small (§5.28). */
        public static final int ROOMS_PAGE_MAX = 100;

        public RoomsRequest {
            Fields.id(id, "id");
            Fields.optionalName(after, "after", RoomsCursor.MAX_CHARS);
            if (after != null) {
                RoomsCursor.parse(after);
            }
            pageLimit(limit);
        }

        /** The first page, as a client written before paging asks. */
        public RoomsRequest(String id) {
            this(id, null, null);
        }
    }

    /** Joins a public room (§5.29); answered with {@code room}. */
    @JsonTypeName("join_room")
    record JoinRoom(String id, Conversation room) implements RoomRequest {
        public JoinRoom {
            Fields.id(id, "id");
            roomField(room);
        }
    }

    /** Leaves a room (§5.30); always allowed to a member, the creator included. */
    @JsonTypeName("leave_room")
    record LeaveRoom(String id, Conversation room) implements RoomRequest {
        public LeaveRoom {
            Fields.id(id, "id");
            roomField(room);
        }
    }

    /** Makes {@code username} a member of a room the user is a member of (§5.31). */
    @JsonTypeName("invite")
    record Invite(String id, Conversation room, String username) implements RoomRequest {
        public Invite {
            Fields.id(id, "id");
            roomField(room);
            Fields.name(username, "username", MAX_LOGIN_NAME_CHARS);
        }
    }

    /** The room's creator removes {@code username} from it (§5.32). */
    @JsonTypeName("remove_member")
    record RemoveMember(String id, Conversation room, String username) implements RoomRequest {
        public RemoveMember {
            Fields.id(id, "id");
            roomField(room);
            Fields.name(username, "username", MAX_LOGIN_NAME_CHARS);
        }
    }

    /**
     * The room's creator renames it ({@code name}) or sets its topic ({@code topic}; empty clears it), or both
     * (§5.33); at least one is given. Answered with {@code room}.
     */
    @JsonTypeName("update_room")
    record UpdateRoom(String id, Conversation room, String name, String topic) implements RoomRequest {
        public UpdateRoom {
            Fields.id(id, "id");
            roomField(room);
            Fields.optionalName(name, "name", MAX_ROOM_NAME_CHARS);
            Fields.optionalName(topic, "topic", MAX_ROOM_TOPIC_CHARS);
            if (name == null && topic == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "give 'name', 'topic' or both");
            }
        }
    }

    /** The room's creator archives it (§5.34): kept for reading, closed to new messages and members. */
    @JsonTypeName("archive_room")
    record ArchiveRoom(String id, Conversation room) implements RoomRequest {
        public ArchiveRoom {
            Fields.id(id, "id");
            roomField(room);
        }
    }

    /** Asks who the members of a room are (§5.35); answered with {@code room_members}. */
    @JsonTypeName("room_members")
    record RoomMembersRequest(String id, Conversation room, String after, Integer limit) implements RoomRequest {
        /** Most members in one page, and the default; fewer when {@code maxFrameBytes} is small (§5.35). */
        public static final int MEMBERS_PAGE_MAX = 1000;

        public RoomMembersRequest {
            Fields.id(id, "id");
            roomField(room);
            if (after != null && !Usernames.hasValidShape(after)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'after' must be a username: the last member of the previous page");
            }
            pageLimit(limit);
        }

        /** The first page, as a client written before paging asks. */
        public RoomMembersRequest(String id, Conversation room) {
            this(id, room, null, null);
        }
    }

    /** A page's {@code limit}: absent, or at least 1 (more than the most a page holds is reduced to that). */
    private static void pageLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'limit' must be at least 1");
        }
    }

    /**
     * Starts or resumes an upload of the file {@code fileId} (its SHA-256) of {@code size} bytes, §5.36. The reply
     * ({@code upload_status}) says how many bytes the appliance already holds, so a cut upload continues there.
     * {@code mediaType}, optional, is the sender's guess ({@code type/subtype}); the appliance decides for pictures.
     */
    @JsonTypeName("upload_begin")
    record UploadBegin(String id, String fileId, Long size, String mediaType) implements ClientMessage {
        public UploadBegin {
            Fields.id(id, "id");
            FileIds.required(fileId, "fileId");
            Fields.positive(size, "size");
            Fields.optionalName(mediaType, "mediaType", MAX_MEDIA_TYPE_CHARS);
        }
    }

    /**
     * The next bytes of an upload, §5.37: {@code data} (base64 on the wire) belongs at {@code offset}, which must be
     * where the appliance's copy ends. At most the {@code chunkBytes} the {@code upload_status} announced.
     */
    @JsonTypeName("upload_chunk")
    record UploadChunk(String id, String fileId, Long offset, byte[] data) implements ClientMessage {
        public UploadChunk {
            Fields.id(id, "id");
            FileIds.required(fileId, "fileId");
            Fields.nonNegative(offset, "offset");
            Fields.required(data, "data");
            if (data.length == 0) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'data' must not be empty");
            }
        }

        @Override
        public String toString() {
            return "UploadChunk[id=" + id + ", fileId=" + fileId + ", offset=" + offset + ", data=" + data.length
                    + " bytes]";
        }
    }

    /**
     * Reads the file of the message {@code seq} of {@code conversation} from {@code offset}, §5.38: at most
     * {@code length} bytes (default and cap: the appliance's chunk size).
     */
    @JsonTypeName("download")
    record Download(String id, Conversation conversation, Long seq, Long offset, Integer length)
            implements ClientMessage {
        public Download {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            Fields.positive(seq, "seq");
            Fields.nonNegative(offset, "offset");
            if (length != null && length < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'length' must be at least 1");
            }
        }
    }

    /** Fetches the thumbnail of the picture of the message {@code seq} of {@code conversation}, §5.39. */
    @JsonTypeName("get_thumbnail")
    record GetThumbnail(String id, Conversation conversation, Long seq) implements ClientMessage {
        public GetThumbnail {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            Fields.positive(seq, "seq");
        }
    }

    /**
     * Asks for a one-time ticket to move a file's raw bytes on a transfer connection of its own, §5.40 (§7.25).
     * {@code direction} {@code upload} names a file as {@code upload_begin} does ({@code fileId}, {@code size},
     * optional {@code mediaType}); {@code download} names a message's file as {@code download} does
     * ({@code conversation}, {@code seq}, {@code offset}). The fields of the other direction must be absent.
     */
    @JsonTypeName("transfer_ticket")
    record TransferTicketRequest(String id, String direction, String fileId, Long size, String mediaType,
                                 Conversation conversation, Long seq, Long offset) implements ClientMessage {
        public static final String UPLOAD = "upload";
        public static final String DOWNLOAD = "download";

        public TransferTicketRequest {
            Fields.id(id, "id");
            Fields.required(direction, "direction");
            switch (direction) {
                case UPLOAD -> {
                    FileIds.required(fileId, "fileId");
                    Fields.positive(size, "size");
                    Fields.optionalName(mediaType, "mediaType", MAX_MEDIA_TYPE_CHARS);
                    absent(conversation, "conversation", direction);
                    absent(seq, "seq", direction);
                    absent(offset, "offset", direction);
                }
                case DOWNLOAD -> {
                    Fields.required(conversation, "conversation");
                    Fields.positive(seq, "seq");
                    Fields.nonNegative(offset, "offset");
                    absent(fileId, "fileId", direction);
                    absent(size, "size", direction);
                    absent(mediaType, "mediaType", direction);
                }
                default -> throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'direction' must be \"upload\" or \"download\"");
            }
        }

        public static TransferTicketRequest upload(String id, String fileId, long size, String mediaType) {
            return new TransferTicketRequest(id, UPLOAD, fileId, size, mediaType, null, null, null);
        }

        public static TransferTicketRequest download(String id, Conversation conversation, long seq, long offset) {
            return new TransferTicketRequest(id, DOWNLOAD, null, null, null, conversation, seq, offset);
        }

        @JsonIgnore
        public boolean isUpload() {
            return UPLOAD.equals(direction);
        }

        /** A field of the other direction: refused, so a client that mixes them up learns it at once. */
        private static void absent(Object value, String field, String direction) {
            if (value != null) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field '" + field + "' does not belong to a " + direction + " ticket");
            }
        }
    }

    /**
     * The first frame of a transfer connection instead of {@code hello}, §5.40: redeems a ticket; after the
     * appliance's {@code transfer_ready} the connection carries the file's raw bytes only (§7.25).
     */
    @JsonTypeName("transfer")
    record Transfer(String id, String ticket) implements ClientMessage {
        public Transfer {
            Fields.id(id, "id");
            Fields.name(ticket, "ticket", MAX_TICKET_CHARS);
            if (ticket.isEmpty()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'ticket' must not be empty");
            }
        }

        @Override
        public String toString() {
            return "Transfer[id=" + id + ", ticket=<hidden>]";
        }
    }
}
