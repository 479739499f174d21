package org.lanchat.client.view;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import org.lanchat.client.core.ClientOptions;

/**
 * The LAN Chat desktop app.
 *
 * <p>Options (as {@code --name=value}): {@code --data-dir} where pins and the last appliance are kept
 * (default {@code ~/.local/share/lanchat}); {@code --appliance=host:port} to connect to that address
 * straight away; {@code --no-discovery} to skip browsing the LAN.
 */
public final class LanChatApp extends Application {
    private ClientServices services;
    private Navigator navigator;

    public static void main(String[] args) {
        launch(LanChatApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        Map<String, String> named = getParameters().getNamed();
        boolean discovery = !getParameters().getUnnamed().contains("--no-discovery");
        Path dataDir = Optional.ofNullable(named.get("data-dir")).map(Path::of).orElseGet(ClientServices::defaultDataDir);
        services = ClientServices.open(dataDir, discovery, Optional.ofNullable(named.get("appliance")), ClientOptions.DEFAULTS);
        navigator = new Navigator(stage, services);
        navigator.showStart();
    }

    @Override
    public void stop() {
        if (navigator != null) {
            navigator.shutdown();
        }
        if (services != null) {
            services.close();
        }
    }
}
