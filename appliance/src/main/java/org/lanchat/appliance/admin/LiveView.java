package org.lanchat.appliance.admin;

import java.util.List;
import java.util.Optional;

/** What only a running appliance knows: its live connections. */
public interface LiveView {
    /** For commands that run while the appliance is stopped. */
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
        public Optional<List<String>> onlineUsernames() {
            return Optional.of(List.of());
        }
    };

    boolean running();

    int connections();

    /** Usernames with at least one connection; empty when the appliance cannot list them. */
    Optional<List<String>> onlineUsernames();
}
