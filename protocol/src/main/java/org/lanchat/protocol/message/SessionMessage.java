package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lanchat.protocol.ErrorCode;

/**
 * What the appliance sends about the connection and session itself (docs/PROTOCOL.md §6.1 to §6.3, §6.11 to
 * §6.13): {@code welcome} with its limits and stickers, {@code session}, {@code ok}, {@code pong}, {@code error} and
 * {@code bye}.
 */
public sealed interface SessionMessage extends ServerMessage {
    /** Reply to {@code hello}. */
    @JsonTypeName("welcome")
    record Welcome(String id, int protocol, String applianceName, String applianceVersion, Limits limits,
                   List<Sticker> stickers) implements SessionMessage, Reply {
        public Welcome {
            stickers = List.copyOf(stickers);
        }
    }

    /**
     * What the appliance accepts, announced in {@code welcome} so clients can check before sending (§6.1).
     * {@code avatarSize} is the side, in pixels, of the square every avatar is scaled to. {@code maxFileBytes} and
     * {@code chunkBytes} (§7.24) are absent from appliances that predate files; {@code rawTransfers} ({@code true}: it
     * issues {@code transfer_ticket}s, §7.25) from those that predate raw transfers; {@code editWindowSeconds} (how long
     * after sending a message its sender may edit or delete it, 0 for never, §7.19) from those that predate it.
     */
    record Limits(int maxFrameBytes, int maxTextChars, int maxAvatarBytes, int avatarSize,
                  int historyPageMax, int idleTimeoutSeconds, Long maxFileBytes, Integer chunkBytes,
                  Boolean rawTransfers, Integer editWindowSeconds) {
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

        /** With files and raw transfers, as appliances before the announced edit window announce them. */
        public Limits(int maxFrameBytes, int maxTextChars, int maxAvatarBytes, int avatarSize, int historyPageMax,
                      int idleTimeoutSeconds, Long maxFileBytes, Integer chunkBytes, Boolean rawTransfers) {
            this(maxFrameBytes, maxTextChars, maxAvatarBytes, avatarSize, historyPageMax, idleTimeoutSeconds, maxFileBytes,
                    chunkBytes, rawTransfers, null);
        }

        /** Whether the appliance offers raw transfer connections (§7.25); false for one that does not say. */
        @JsonIgnore
        public boolean offersRawTransfers() {
            return Boolean.TRUE.equals(rawTransfers);
        }

        /** The edit window, when the appliance announced it. */
        @JsonIgnore
        public Optional<Duration> editWindow() {
            return editWindowSeconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(editWindowSeconds));
        }
    }

    /** A sticker the appliance accepts: {@code code} goes in {@code send}, {@code emoji} is what it shows. */
    record Sticker(String code, String emoji, String name) {
    }

    /**
     * Reply to {@code register}, {@code login} and {@code resume}: the connection is now logged in.
     * {@code deviceCookie} (after {@code register} and {@code login} only) is for the client to keep and
     * send with its next {@code login} from this device.
     */
    @JsonTypeName("session")
    record SessionStarted(String id, String username, String token, long tokenExpiresAt, String deviceCookie)
            implements SessionMessage, Reply {
        @Override
        public String toString() {
            return "SessionStarted[id=" + id + ", username=" + username + ", token=<hidden>"
                    + (deviceCookie == null ? "" : ", deviceCookie=<hidden>") + "]";
        }
    }

    /**
     * Success without a payload (§6.3): the reply to {@code logout}, {@code clear_history}, {@code set_avatar},
     * {@code mark_read}, {@code typing}, {@code set_presence}, {@code leave_room}, {@code invite},
     * {@code remove_member} and {@code archive_room}.
     */
    @JsonTypeName("ok")
    record Ok(String id) implements SessionMessage, Reply {
    }

    @JsonTypeName("pong")
    record Pong(String id) implements SessionMessage, Reply {
    }

    /**
     * A request failed, or the connection is about to close. {@code id} echoes the request when known;
     * {@code retryAfterMs}, when present, is how long to wait before trying again ({@code rate_limited},
     * most {@code busy} answers, {@code store_unavailable}).
     */
    @JsonTypeName("error")
    record Error(String id, ErrorCode code, String message, Long retryAfterMs) implements SessionMessage {
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
    record Bye(ErrorCode reason, String message) implements SessionMessage {
    }
}
