package org.lanchat.appliance.admin;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running appliance listens for admin commands: {@code $RUNTIME_DIRECTORY/admin.sock} under
 * systemd ({@code RuntimeDirectory=}, mode 0750, removed when the service stops), else
 * {@code <data-dir>/admin.sock}. The socket file itself is mode 0600 and the server also checks the
 * peer's credentials, so only root and the service user can talk to it.
 */
public final class ControlSocket {
    static final String FILE_NAME = "admin.sock";

    private ControlSocket() {
    }

    public static Path path(Map<String, String> environment, Path dataDir) {
        String runtime = environment.get("RUNTIME_DIRECTORY");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime.split(":")[0]).resolve(FILE_NAME);
        }
        return dataDir.resolve(FILE_NAME);
    }
}
