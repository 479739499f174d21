package org.lanchat.appliance.admin;

import java.util.List;
import java.util.Optional;
import org.lanchat.appliance.room.RoomService;
import org.lanchat.appliance.cluster.ClusterStatus;
import org.lanchat.protocol.ErrorCode;

/** What only a running appliance knows and does: its live connections. */
public interface LiveView {
    /** For commands that run while the appliance is stopped: nobody is connected. */
    LiveView STOPPED = new LiveView() {
        @Override
        public boolean running() {
            return false;
        }

        @Override
        public int connections() {
            return 0;
        }

        @Override
        public List<String> onlineUsernames() {
            return List.of();
        }

        @Override
        public int disconnect(long userId, ErrorCode reason, String message) {
            return 0;
        }

        @Override
        public void disabledChanged(long userId, boolean disabled) {
            // nothing runs that could remember the old state: the next start reads the database
        }

        @Override
        public void awaitMessagesWritten() {
            // nothing is committed while the appliance is stopped; the next start writes what a crash left journaled
        }
    };

    boolean running();

    /** Logged-in connections; one person may have several. */
    int connections();

    /** Usernames with at least one logged-in connection, in no particular order. */
    List<String> onlineUsernames();

    /**
     * Ends every live connection of one account, each with a {@code bye} carrying {@code reason} and
     * {@code message}: {@code account_disabled} when the account was disabled, {@code token_invalid} when
     * its password was reset (the client then asks for the new one).
     *
     * @return how many connections were ended
     */
    int disconnect(long userId, ErrorCode reason, String message);

    /** The account's disabled flag was just stored: what the running appliance remembers of it follows. */
    void disabledChanged(long userId, boolean disabled);

    /** This appliance's cluster, or empty when it serves alone (or is stopped). */
    default Optional<ClusterStatus> cluster() {
        return Optional.empty();
    }

    /**
     * The running appliance's rooms, whose changes reach the members' connections and every cluster member; empty
     * when stopped (then the administrator changes the database alone, and the next start reads it).
     */
    default Optional<RoomService> rooms() {
        return Optional.empty();
    }

    /** The database's health as the running appliance sees it, for a person. */
    default String databaseCondition() {
        return "unknown";
    }

    /**
     * Returns once the database holds every message committed so far (the embedded database takes them from the
     * journal a moment later): a backup taken after it has every acknowledged message.
     */
    void awaitMessagesWritten();
}
