package org.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Stable error codes sent in {@code error} frames. The wire form is the lower-case name; codes are only
 * ever added, never renamed, so clients may switch on them. {@link #closesConnection()} says whether the
 * appliance hangs up after sending it (the byte stream can no longer be trusted, or the peer is gone);
 * {@link #retryable()} whether a request refused with it is worth sending again.
 */
public enum ErrorCode {
    // Framing: the stream is out of step, so the connection is closed.
    FRAME_TOO_LARGE(true),
    FRAME_EMPTY(true),
    FRAME_TRUNCATED(true),
    // Body: the frame boundary is intact, so the connection survives.
    INVALID_UTF8(false),
    INVALID_JSON(false),
    UNKNOWN_TYPE(false),
    MISSING_FIELD(false),
    WRONG_TYPE(false),
    INVALID_FIELD(false),
    // Session state.
    UNSUPPORTED_VERSION(true),
    HELLO_REQUIRED(false),
    NOT_AUTHENTICATED(false),
    ALREADY_AUTHENTICATED(false),
    // Accounts.
    INVALID_USERNAME(false),
    WEAK_PASSWORD(false),
    USERNAME_TAKEN(false),
    AUTH_FAILED(false),
    ACCOUNT_DISABLED(false),
    TOKEN_INVALID(false),
    RATE_LIMITED(false),
    BUSY(false),
    /** A display name that breaks §7.17: invisible, control or direction characters, mixed scripts, too long. */
    INVALID_DISPLAY_NAME(false),
    /** A display name that looks like another user's display name or login name (§7.17). */
    DISPLAY_NAME_TAKEN(false),
    // Messages and history.
    UNKNOWN_RECIPIENT(false),
    UNKNOWN_STICKER(false),
    TEXT_TOO_LONG(false),
    EMPTY_MESSAGE(false),
    CLIENT_MSG_ID_CONFLICT(false),
    /** An edit, delete, reply or reaction names no message of that conversation, or one deleted (§7.19). */
    UNKNOWN_TARGET(false),
    /** An edit or delete of a message someone else sent (§7.19). */
    NOT_YOUR_MESSAGE(false),
    /** An edit or delete after the appliance's edit window has passed (§7.19). */
    EDIT_WINDOW_CLOSED(false),
    /** A message sent directly whose signature or credential does not prove its sender (§7.14). */
    UNTRUSTED_PEER(false),
    /** A status text that breaks §7.20: invisible, control or direction characters, more than 80 characters. */
    INVALID_STATUS_TEXT(false),
    // Avatars.
    INVALID_IMAGE(false),
    IMAGE_TOO_LARGE(false),
    // Appliance condition.
    STORE_UNAVAILABLE(false),
    SLOW_CONSUMER(true),
    IDLE_TIMEOUT(true),
    LOGIN_TIMEOUT(true),
    TOO_MANY_ERRORS(true),
    SHUTTING_DOWN(true),
    INTERNAL_ERROR(false),
    // Named rooms (§7.23), appended: codes are only ever added.
    /**
     * The room does not exist, or the user may not see it: a private room they are not a member of, or for anything
     * but {@code join_room} a public room they have not joined. One code for all, so no id reveals a private room.
     */
    ROOM_NOT_FOUND(false),
    /** Removing a member, renaming or archiving a room the user did not create. */
    NOT_ROOM_CREATOR(false),
    /** A message, change, join or invitation to an archived room. */
    ROOM_ARCHIVED(false),
    /** A public room's name is already used by another public room, ignoring case. */
    ROOM_NAME_TAKEN(false),
    // Files and pictures (§7.24), appended: codes are only ever added.
    /** A file larger than the appliance's per-file limit. */
    FILE_TOO_LARGE(false),
    /** Storing the file would pass the appliance's total quota for files. */
    QUOTA_EXCEEDED(false),
    /** The bytes uploaded do not have the SHA-256 the upload announced; the partial upload is discarded. */
    HASH_MISMATCH(false),
    /** An upload chunk that does not start where the appliance's copy ends; the error says where that is. */
    WRONG_OFFSET(false),
    /** No file of that message the user may read: unknown, not theirs to see, or expired (one code for all). */
    NO_SUCH_ATTACHMENT(false),
    // Raw transfers (§7.25), appended: codes are only ever added.
    /**
     * A {@code transfer} frame whose ticket is unknown, already used or expired (one code for all); the transfer
     * connection is closed.
     */
    TICKET_INVALID(true);

    private final boolean closesConnection;

    ErrorCode(boolean closesConnection) {
        this.closesConnection = closesConnection;
    }

    public boolean closesConnection() {
        return closesConnection;
    }

    /**
     * Whether a request refused with this code may succeed if sent again unchanged after a wait
     * ({@code retryAfterMs} when the error carries one, else a backoff of the client's own): the appliance
     * was busy, throttling logins, cut off from its database, or stopping (PROTOCOL.md §7.11, §8). Any other
     * code refused the request for a reason that sending it again will not change. {@link #INTERNAL_ERROR} is
     * not retried automatically either: it also stands for every code this version does not know. Codes that
     * end the connection are about the connection, not a request: whatever was unanswered is sent again after
     * reconnecting, whatever this says.
     */
    public boolean retryable() {
        return switch (this) {
            case BUSY, RATE_LIMITED, STORE_UNAVAILABLE, SHUTTING_DOWN -> true;
            default -> false;
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name; codes this version does not know map to {@link #INTERNAL_ERROR}. */
    @JsonCreator
    public static ErrorCode fromWire(String wire) {
        return Arrays.stream(values())
                .filter(code -> code.wireName().equals(wire))
                .findFirst()
                .orElse(INTERNAL_ERROR);
    }
}
