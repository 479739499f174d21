package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationMessage.Read;
import org.lanchat.protocol.message.ConversationMessage.ReadMarks;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationMessage.Typing;
import org.lanchat.protocol.message.FileMessage.FileChunk;
import org.lanchat.protocol.message.FileMessage.Thumbnail;
import org.lanchat.protocol.message.FileMessage.TransferReady;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileMessage.UploadStatus;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerLinkMessage.PeerList;
import org.lanchat.protocol.message.ProfileMessage.Avatar;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.Profile;
import org.lanchat.protocol.message.ProfileMessage.Profiles;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.RoomMessage.Room;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import org.lanchat.protocol.message.SessionMessage.Bye;
import org.lanchat.protocol.message.SessionMessage.Error;
import org.lanchat.protocol.message.SessionMessage.Ok;
import org.lanchat.protocol.message.SessionMessage.Pong;
import org.lanchat.protocol.message.SessionMessage.SessionStarted;
import org.lanchat.protocol.message.SessionMessage.Welcome;

/**
 * Replies and events the appliance sends. Replies echo the request's {@code id}; events ({@code message},
 * {@code presence}, pushed {@code roster}, {@code bye}) have none. {@link #replyId()} tells them apart. They are declared
 * by feature, each group in its own file: {@link SessionMessage}, {@link ConversationMessage}, {@link ProfileMessage},
 * {@link PeerLinkMessage}, {@link RoomMessage} and {@link FileMessage}; the list below is every type the appliance
 * sends.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(SessionMessage.Welcome.class),
    @JsonSubTypes.Type(SessionMessage.SessionStarted.class),
    @JsonSubTypes.Type(SessionMessage.Ok.class),
    @JsonSubTypes.Type(ConversationMessage.Ack.class),
    @JsonSubTypes.Type(ConversationMessage.ChatMessage.class),
    @JsonSubTypes.Type(ProfileMessage.Presence.class),
    @JsonSubTypes.Type(ProfileMessage.Roster.class),
    @JsonSubTypes.Type(ConversationMessage.HistoryPage.class),
    @JsonSubTypes.Type(ConversationMessage.ConversationList.class),
    @JsonSubTypes.Type(ProfileMessage.Avatar.class),
    @JsonSubTypes.Type(SessionMessage.Pong.class),
    @JsonSubTypes.Type(PeerLinkMessage.PeerCredentialIssued.class),
    @JsonSubTypes.Type(PeerLinkMessage.PeerList.class),
    @JsonSubTypes.Type(ProfileMessage.Profile.class),
    @JsonSubTypes.Type(ProfileMessage.Profiles.class),
    @JsonSubTypes.Type(ConversationMessage.ReadMarks.class),
    @JsonSubTypes.Type(ConversationMessage.Read.class),
    @JsonSubTypes.Type(ConversationMessage.Typing.class),
    @JsonSubTypes.Type(ConversationMessage.SearchResults.class),
    @JsonSubTypes.Type(RoomMessage.Room.class),
    @JsonSubTypes.Type(RoomMessage.RoomList.class),
    @JsonSubTypes.Type(RoomMessage.RoomMembers.class),
    @JsonSubTypes.Type(RoomMessage.RoomEvent.class),
    @JsonSubTypes.Type(FileMessage.UploadStatus.class),
    @JsonSubTypes.Type(FileMessage.FileChunk.class),
    @JsonSubTypes.Type(FileMessage.Thumbnail.class),
    @JsonSubTypes.Type(FileMessage.TransferTicket.class),
    @JsonSubTypes.Type(FileMessage.TransferReady.class),
    @JsonSubTypes.Type(SessionMessage.Error.class),
    @JsonSubTypes.Type(SessionMessage.Bye.class),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage extends Message
        permits SessionMessage, ConversationMessage, ProfileMessage, PeerLinkMessage, RoomMessage, FileMessage,
                ServerMessage.Reply {
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
}
