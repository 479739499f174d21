package org.lanchat.appliance.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.lanchat.appliance.cluster.ClusterStatus;

/** The running appliance's answer to one {@link AdminRequest}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AdminReply.Users.class, name = "users"),
    @JsonSubTypes.Type(value = AdminReply.Online.class, name = "online"),
    @JsonSubTypes.Type(value = AdminReply.Done.class, name = "done"),
    @JsonSubTypes.Type(value = AdminReply.BackupWritten.class, name = "backup"),
    @JsonSubTypes.Type(value = AdminReply.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = AdminReply.Cluster.class, name = "cluster"),
    @JsonSubTypes.Type(value = AdminReply.Rooms.class, name = "rooms"),
})
public sealed interface AdminReply {
    /** One account as the admin sees it; {@code displayName} is {@code null} when the user has none. */
    record Account(long id, String username, boolean disabled, String displayName) {
    }

    record Users(List<Account> accounts) implements AdminReply {
        public Users {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * @param connections logged-in connections (one person may have several)
     * @param usernames   who they are, sorted; {@code null} when this appliance build cannot tell names
     */
    record Online(int connections, List<String> usernames) implements AdminReply {
        public Online {
            usernames = usernames == null ? null : List.copyOf(usernames);
        }
    }

    record Done(String message) implements AdminReply {
    }

    /** @param path absolute path of the script on the appliance's machine */
    record BackupWritten(String path, long bytes) implements AdminReply {
    }

    /** The request was understood but cannot be done; {@code message} says why, for a person. */
    record Failed(String message) implements AdminReply {
    }

    /** One room as the admin sees it; {@code topic} is {@code null} when it has none. */
    record Room(long id, String name, String visibility, boolean archived, String creator, int members, String topic) {
    }

    record Rooms(List<Room> rooms) implements AdminReply {
        public Rooms {
            rooms = List.copyOf(rooms);
        }
    }

    /** @param database the shared database's health as this member sees it, for a person */
    record Cluster(ClusterStatus status, String database) implements AdminReply {
    }
}
