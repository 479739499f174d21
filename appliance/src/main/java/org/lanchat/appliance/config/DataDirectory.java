package org.lanchat.appliance.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the appliance keeps its data when {@code --data-dir} is not set, from the environment alone:
 * systemd's {@code $STATE_DIRECTORY} (the first, if it names several), else
 * {@code $XDG_DATA_HOME/lanchat-appliance}, else {@code $HOME/.local/share/lanchat-appliance}.
 */
public final class DataDirectory {
    static final String NAME = "lanchat-appliance";

    private DataDirectory() {
    }

    /** The default data directory, or null when the environment names none (no home either). */
    public static Path defaultFor(Map<String, String> environment) {
        String state = environment.get("STATE_DIRECTORY");
        if (isSet(state)) {
            return Path.of(state.split(":")[0]);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (isSet(xdg)) {
            return Path.of(xdg).resolve(NAME);
        }
        String home = environment.get("HOME");
        return isSet(home) ? Path.of(home, ".local", "share", NAME) : null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
