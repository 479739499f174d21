package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Requests that open, resume, keep alive and end a session on a chat connection (docs/PROTOCOL.md §5.1 to §5.5,
 * §5.13). All but {@code logout} are answered before login (§4.1), as {@code transfer} ({@link FileRequest.Transfer})
 * is on a transfer connection.
 */
public sealed interface SessionRequest extends ClientMessage {
    /** First frame on every connection. */
    @JsonTypeName("hello")
    record Hello(String id, Integer protocol, String client) implements SessionRequest {
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
            implements SessionRequest {
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
     * at an earlier login ({@link SessionMessage.SessionStarted#deviceCookie()}): with it, guesses made from
     * elsewhere cannot keep the account's owner out (docs/PROTOCOL.md §7.11).
     */
    @JsonTypeName("login")
    record Login(String id, String username, String password, String deviceCookie) implements SessionRequest {
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
    record Resume(String id, String token) implements SessionRequest {
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
    record Logout(String id) implements SessionRequest {
        public Logout {
            Fields.id(id, "id");
        }
    }

    @JsonTypeName("ping")
    record Ping(String id) implements SessionRequest {
        public Ping {
            Fields.id(id, "id");
        }
    }
}
