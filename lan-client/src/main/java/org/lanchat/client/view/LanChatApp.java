package org.lanchat.client.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LAN Chat desktop app.
 *
 * <p>Options (as {@code --name=value}): {@code --data-dir} where pins and the last appliance are kept
 * (default {@code ~/.local/share/lanchat}); {@code --appliance=host:port} to connect to that address
 * straight away; {@code --no-discovery} to skip browsing the LAN.
 *
 * <p>Neither start nor stop blocks the FX thread: the services (pin store, discovery, emoji index) open in
 * the background behind a "Starting…" window, and closing them happens on a thread of its own.
 */
public final class LanChatApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(LanChatApp.class);

    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private ClientServices services; // guarded by lifecycle
    private Navigator navigator;

    public static void main(String[] args) {
        launch(LanChatApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        boolean discovery = !getParameters().getUnnamed().contains("--no-discovery");
        Path dataDir = Optional.ofNullable(named.get("data-dir")).map(Path::of).orElseGet(ClientServices::defaultDataDir);
        Optional<String> appliance = Optional.ofNullable(named.get("appliance"));

        Label starting = new Label("Starting LAN Chat…");
        starting.setId("starting");
        starting.setWrapText(true);
        VBox splash = new VBox(14, new ProgressIndicator(), starting);
        splash.setAlignment(Pos.CENTER);
        splash.getStyleClass().add("page");
        Scene scene = new Scene(splash, 560, 520);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.setTitle("LAN Chat");
        stage.show();

        CompletableFuture.supplyAsync(() -> {
            ClientServices opened;
            try {
                opened = ClientServices.open(dataDir, discovery, appliance, ClientOptions.DEFAULTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (lifecycle) {
                if (stopping) {
                    opened.close(); // the window was closed while starting
                    return null;
                }
                services = opened;
                return opened;
            }
        }, LanChatApp::offTheFxThread).whenCompleteAsync((opened, failure) -> {
            if (failure != null) {
                log.error("LAN Chat could not start", failure);
                starting.setText("LAN Chat could not start: " + ChatClient.describe(failure)
                        + "\nCheck that " + dataDir + " can be written.");
                starting.getStyleClass().add("error");
                splash.getChildren().removeFirst();
                return;
            }
            if (opened == null || stopping) {
                return;
            }
            navigator = new Navigator(stage, opened);
            navigator.showStart();
        }, Platform::runLater);
    }

    /** The navigator once the services are open; for the screenshot tour. */
    Optional<Navigator> navigator() {
        return Optional.ofNullable(navigator);
    }

    @Override
    public void stop() {
        ClientServices opened;
        synchronized (lifecycle) {
            stopping = true;
            opened = services;
        }
        CompletableFuture<Void> closing = navigator != null ? navigator.shutdown() : CompletableFuture.completedFuture(null);
        closing.whenCompleteAsync((ok, failure) -> {
            if (opened != null) {
                opened.close();
            }
        }, LanChatApp::offTheFxThread);
    }

    /**
     * Runs blocking work (opening or closing sockets, files, discovery) on a new platform thread that is not
     * a daemon, so that work started while the app exits is finished before the JVM ends.
     */
    static void offTheFxThread(Runnable work) {
        Thread.ofPlatform().name("lanchat-lifecycle").daemon(false).start(work);
    }
}
