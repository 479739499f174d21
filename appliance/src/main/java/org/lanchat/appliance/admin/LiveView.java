package org.lanchat.appliance.admin;

import java.util.List;

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
        public int disconnect(long userId, String message) {
            return 0;
        }
    };

    boolean running();

    /** Logged-in connections; one person may have several. */
    int connections();

    /** Usernames with at least one logged-in connection, in no particular order. */
    List<String> onlineUsernames();

    /**
     * Ends every live connection of one account (each is told why before it closes).
     *
     * @return how many connections were ended
     */
    int disconnect(long userId, String message);
}
