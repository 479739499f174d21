package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Requests a client sends. Each carries a client-chosen {@code id} (1 to 64 characters) that the reply
 * echoes, so a client may pipeline requests and match replies. They are declared by feature, each group in its own
 * file: {@link SessionRequest}, {@link Posting}, {@link ConversationRequest}, {@link ProfileRequest},
 * {@link PeerRequest}, {@link RoomRequest} and {@link FileRequest}; the list below is every type a client may send.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(SessionRequest.Hello.class),
    @JsonSubTypes.Type(SessionRequest.Register.class),
    @JsonSubTypes.Type(SessionRequest.Login.class),
    @JsonSubTypes.Type(SessionRequest.Resume.class),
    @JsonSubTypes.Type(SessionRequest.Logout.class),
    @JsonSubTypes.Type(Posting.Send.class),
    @JsonSubTypes.Type(ProfileRequest.RosterRequest.class),
    @JsonSubTypes.Type(ConversationRequest.HistoryRequest.class),
    @JsonSubTypes.Type(ConversationRequest.ConversationsRequest.class),
    @JsonSubTypes.Type(ConversationRequest.ClearHistory.class),
    @JsonSubTypes.Type(ProfileRequest.SetAvatar.class),
    @JsonSubTypes.Type(ProfileRequest.GetAvatar.class),
    @JsonSubTypes.Type(SessionRequest.Ping.class),
    @JsonSubTypes.Type(PeerRequest.PeerCredentialRequest.class),
    @JsonSubTypes.Type(PeerRequest.SubmitDirect.class),
    @JsonSubTypes.Type(PeerRequest.PeersRequest.class),
    @JsonSubTypes.Type(ProfileRequest.SetProfile.class),
    @JsonSubTypes.Type(ProfileRequest.ProfilesRequest.class),
    @JsonSubTypes.Type(Posting.Edit.class),
    @JsonSubTypes.Type(Posting.Delete.class),
    @JsonSubTypes.Type(Posting.React.class),
    @JsonSubTypes.Type(ConversationRequest.MarkRead.class),
    @JsonSubTypes.Type(ConversationRequest.ReadMarksRequest.class),
    @JsonSubTypes.Type(ConversationRequest.Typing.class),
    @JsonSubTypes.Type(ProfileRequest.SetPresence.class),
    @JsonSubTypes.Type(ConversationRequest.Search.class),
    @JsonSubTypes.Type(RoomRequest.CreateRoom.class),
    @JsonSubTypes.Type(RoomRequest.RoomsRequest.class),
    @JsonSubTypes.Type(RoomRequest.JoinRoom.class),
    @JsonSubTypes.Type(RoomRequest.LeaveRoom.class),
    @JsonSubTypes.Type(RoomRequest.Invite.class),
    @JsonSubTypes.Type(RoomRequest.RemoveMember.class),
    @JsonSubTypes.Type(RoomRequest.UpdateRoom.class),
    @JsonSubTypes.Type(RoomRequest.ArchiveRoom.class),
    @JsonSubTypes.Type(RoomRequest.RoomMembersRequest.class),
    @JsonSubTypes.Type(FileRequest.UploadBegin.class),
    @JsonSubTypes.Type(FileRequest.UploadChunk.class),
    @JsonSubTypes.Type(FileRequest.Download.class),
    @JsonSubTypes.Type(FileRequest.GetThumbnail.class),
    @JsonSubTypes.Type(FileRequest.TransferTicketRequest.class),
    @JsonSubTypes.Type(FileRequest.Transfer.class),
})
public sealed interface ClientMessage extends Message
        permits SessionRequest, Posting, ConversationRequest, ProfileRequest, PeerRequest, RoomRequest, FileRequest {
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
    /** Shape bound only; the appliance's own rules for a status text (§7.20) are stricter. */
    int MAX_STATUS_TEXT_SHAPE = 256;
    /** Longest file name, in UTF-16 units (§7.24): single line, no control characters. */
    int MAX_FILE_NAME_CHARS = 255;

    String id();
}
