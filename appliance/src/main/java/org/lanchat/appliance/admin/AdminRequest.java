package org.lanchat.appliance.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** A command sent to the running appliance over the {@link ControlSocket}; {@link AdminCodec} encodes it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AdminRequest.ListUsers.class, name = "users"),
    @JsonSubTypes.Type(value = AdminRequest.Online.class, name = "online"),
    @JsonSubTypes.Type(value = AdminRequest.SetDisabled.class, name = "set-disabled"),
    @JsonSubTypes.Type(value = AdminRequest.ResetPassword.class, name = "reset-password"),
    @JsonSubTypes.Type(value = AdminRequest.Backup.class, name = "backup"),
    @JsonSubTypes.Type(value = AdminRequest.ClusterStatus.class, name = "cluster-status"),
    @JsonSubTypes.Type(value = AdminRequest.ListRooms.class, name = "rooms"),
    @JsonSubTypes.Type(value = AdminRequest.RoomRemove.class, name = "room-remove"),
    @JsonSubTypes.Type(value = AdminRequest.RoomUpdate.class, name = "room-update"),
    @JsonSubTypes.Type(value = AdminRequest.RoomArchive.class, name = "room-archive"),
})
public sealed interface AdminRequest {
    /** Every account, with whether it is disabled. */
    record ListUsers() implements AdminRequest {
    }

    /** Who is connected now. */
    record Online() implements AdminRequest {
    }

    /** Disables (or enables again) an account; disabling also ends its saved sessions and open connections. */
    record SetDisabled(String username, boolean disabled) implements AdminRequest {
        public SetDisabled {
            Objects.requireNonNull(username, "username");
        }
    }

    /**
     * Replaces a password. Carries the argon2id hash computed by the command, never the password itself.
     * Ends the account's saved sessions.
     */
    record ResetPassword(String username, String passwordHash) implements AdminRequest {
        public ResetPassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
        }

        @Override
        public String toString() {
            return "ResetPassword[username=" + username + "]";
        }
    }

    /** Writes a consistent SQL script of the embedded database into the data directory's backups folder. */
    record Backup() implements AdminRequest {
    }

    /** The cluster as this member sees it: members, their clients, the bus and the database. */
    record ClusterStatus() implements AdminRequest {
    }

    /** Every named room, private ones too (PROTOCOL §7.23). */
    record ListRooms() implements AdminRequest {
    }

    /** Removes a member from a room, as its creator may. */
    record RoomRemove(long room, String username) implements AdminRequest {
        public RoomRemove {
            Objects.requireNonNull(username, "username");
        }
    }

    /** Renames a room or sets its topic ({@code ""} clears it); null keeps either. */
    record RoomUpdate(long room, String name, String topic) implements AdminRequest {
    }

    /** Archives a room. */
    record RoomArchive(long room) implements AdminRequest {
    }
}
