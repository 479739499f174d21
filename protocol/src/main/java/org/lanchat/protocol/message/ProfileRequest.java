package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Requests about people: who is online, their avatars, display names and presence (docs/PROTOCOL.md §5.7, §5.11,
 * §5.12, §5.17, §5.18, §5.25).
 */
public sealed interface ProfileRequest extends ClientMessage {
    /** How many users one {@code get_profiles} may ask about. */
    int MAX_PROFILES_ASKED = 100;

    /** Asks for the online roster; the appliance also pushes it after login. */
    @JsonTypeName("roster")
    record RosterRequest(String id) implements ProfileRequest {
        public RosterRequest {
            Fields.id(id, "id");
        }
    }

    /** Replaces the user's avatar; {@code image} is PNG, JPEG or GIF bytes (base64 on the wire). */
    @JsonTypeName("set_avatar")
    record SetAvatar(String id, byte[] image) implements ProfileRequest {
        public SetAvatar {
            Fields.id(id, "id");
            Fields.required(image, "image");
        }
    }

    /** Fetches a user's avatar; when {@code ifNoneMatch} equals its current hash, no image bytes are sent. */
    @JsonTypeName("get_avatar")
    record GetAvatar(String id, String username, String ifNoneMatch) implements ProfileRequest {
        public GetAvatar {
            Fields.id(id, "id");
            Fields.name(username, "username", MAX_LOGIN_NAME_CHARS);
            Fields.optionalName(ifNoneMatch, "ifNoneMatch", 128);
        }
    }

    /**
     * Sets the logged-in user's display name (§7.17); absent, {@code null} or empty clears it, so the login
     * name is shown again. The appliance normalizes the name and answers with it as stored.
     */
    @JsonTypeName("set_profile")
    record SetProfile(String id, String displayName) implements ProfileRequest {
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
    record ProfilesRequest(String id, java.util.List<String> usernames) implements ProfileRequest {
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
     * Sets the logged-in user's presence state and status text (docs/PROTOCOL.md §7.20), for every connection
     * of the account. {@code state} is one of {@link PresenceState}'s wire names; an absent, {@code null} or
     * empty {@code statusText} clears it. The appliance normalizes the text; answered with {@code ok}.
     */
    @JsonTypeName("set_presence")
    record SetPresence(String id, String state, String statusText) implements ProfileRequest {
        public SetPresence {
            Fields.id(id, "id");
            PresenceState.fromWire(Fields.required(state, "state"));
            Fields.optionalName(statusText, "statusText", MAX_STATUS_TEXT_SHAPE);
        }

        public PresenceState presenceState() {
            return PresenceState.fromWire(state);
        }
    }
}
