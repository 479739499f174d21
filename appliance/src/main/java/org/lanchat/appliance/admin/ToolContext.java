package org.lanchat.appliance.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.lanchat.appliance.config.ApplianceConfig;

/** What the admin commands need from the {@code lanchat-appliance} command they run under. */
public interface ToolContext {
    /** The appliance's settings, resolved exactly as the service resolves them. */
    ApplianceConfig settings() throws IOException;

    /** The config file in use ({@code --config} or {@code LANCHAT_CONFIG}), if any. */
    Optional<Path> configFile();

    Map<String, String> environment();
}
