package org.lanchat.client.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.desktop.Autostart;
import org.lanchat.client.desktop.DesktopTray;
import org.lanchat.client.desktop.Notifier;
import org.lanchat.client.desktop.Notifiers;
import org.lanchat.client.desktop.StartupArchive;
import org.lanchat.client.desktop.TrayMenu;
import org.lanchat.client.i18n.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LAN Chat desktop app.
 *
 * <p>Options: see {@link LaunchOptions} ({@code --data-dir}, {@code --appliance}, {@code --no-discovery},
 * {@code --trust CODE}, {@code --background}).
 *
 * <p>Neither start nor stop blocks the FX thread: the services (pin store, discovery, emoji index) open in
 * the background behind a "Starting…" window, and closing them happens on a thread of its own.
 */
public final class LanChatApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(LanChatApp.class);
    /**
     * Colleagues keep chatting directly while the appliance is away (PROTOCOL.md §10): peer links on every
     * interface, on a port the system picks (the appliance tells colleagues which).
     */
    private static final ClientOptions PEER_ASSISTED = ClientOptions.DEFAULTS.withPeerLinks(new InetSocketAddress(0));

    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private ClientServices services; // guarded by lifecycle
    private Navigator navigator;
    private volatile Optional<DesktopTray> tray = Optional.empty();
    private volatile Notifier notifier = Notifier.NONE;

    /**
     * Chooses the language before the first window is built (windows read their texts once), and makes sure a font
     * draws Chinese ({@link CjkFont}): without one, colleagues' Chinese messages are rows of empty boxes, and a Chinese
     * window would be nothing else, so then it speaks English.
     */
    private static void speak(Language language) {
        language.apply();
        if (!CjkFont.ensure() && Texts.locale().getLanguage().equals(Locale.CHINESE.getLanguage())) {
            Texts.use(Locale.ENGLISH);
        }
    }

    public static void main(String[] args) {
        StartupArchive.prepare();
        launch(LanChatApp.class, args);
    }

    /** The administrator's trust file and the --trust values; a bad value is said from the bundle, not the core. */
    private static ProvisionedTrust provisioned(LaunchOptions launch) {
        try {
            return ProvisionedTrust.load(launch.trust());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Texts.text("coreTexts.launch.badTrust", String.join(" ", launch.trust())), e);
        }
    }

    @Override
    public void start(Stage stage) {
        LaunchOptions launch;
        ProvisionedTrust provisioned;
        try {
            launch = LaunchOptions.parse(getParameters().getRaw());
            provisioned = provisioned(launch);
        } catch (IllegalArgumentException e) {
            log.error("LAN Chat cannot start: {}", e.getMessage());
            Label wrong = new Label(Texts.text("app.cannotStart", e.getMessage()));
            wrong.getStyleClass().add("error");
            wrong.setWrapText(true);
            StackPane page = new StackPane(wrong);
            page.getStyleClass().add("page");
            Scene scene = new Scene(page, 560, 200);
            scene.getStylesheets().add(Navigator.STYLESHEET);
            stage.setScene(scene);
            stage.show();
            return;
        }
        Path dataDir = launch.dataDir();
        speak(launch.language().orElseGet(() -> Language.saved(ClientSettings.open(dataDir, Runnable::run))));
        boolean discovery = launch.discovery();
        Optional<String> appliance = launch.appliance();

        Label starting = new Label(Texts.text("app.starting"));
        starting.setId("starting");
        starting.setWrapText(true);
        VBox splash = new VBox(14, new ProgressIndicator(), starting);
        splash.setAlignment(Pos.CENTER);
        splash.getStyleClass().add("page");
        Scene scene = new Scene(splash, 560, 520);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.setTitle(Texts.text("app.name"));
        if (!launch.background()) {
            stage.show();
        }
        TrayMenu menu = new TrayMenu(() -> Platform.runLater(() -> navigator().ifPresentOrElse(Navigator::open, stage::show)),
                () -> Platform.runLater(Platform::exit), Autostart.forThisComputer(),
                problem -> log.warn("{}", problem));

        CompletableFuture.supplyAsync(() -> {
            ClientServices opened;
            try {
                opened = ClientServices.open(dataDir, discovery, appliance, PEER_ASSISTED, provisioned);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (lifecycle) {
                if (stopping) {
                    opened.close(); // the window was closed while starting
                    return null;
                }
                services = opened;
            }
            tray = DesktopTray.install(menu);
            return opened;
        }, LanChatApp::offTheFxThread).handleAsync((opened, failure) -> {
            if (failure != null) {
                couldNotStart(failure, stage, splash, starting, dataDir);
                return null;
            }
            if (opened == null || stopping) {
                return null;
            }
            navigator = new Navigator(stage, opened);
            Navigator notifying = navigator;
            // Reaching the session bus may take a moment: the window does not wait for it.
            CompletableFuture.supplyAsync(() -> Notifiers.forThisDesktop(tray), LanChatApp::offTheFxThread)
                    .thenAcceptAsync(chosen -> {
                        notifier = chosen;
                        notifying.notifyWith(chosen);
                    }, Platform::runLater);
            tray.ifPresentOrElse(t -> {
                // Closing the window keeps LAN Chat in the tray; Quit in its menu ends it.
                Platform.setImplicitExit(false);
                navigator.useTray(t, launch.background());
            }, stage::show);
            navigator.openLinksWith(getHostServices()::showDocument);
            navigator.showStart();
            log.info("Start page shown"); // bench/client-image-start.sh times the launch to this line
            return null;
        }, Platform::runLater).exceptionallyAsync(failure -> {
            // A fault of the client's own (a class missing from a package, a bug): said, not a "Starting…" for ever.
            couldNotStart(failure, stage, splash, starting, dataDir);
            return null;
        }, Platform::runLater);
    }

    private static void couldNotStart(Throwable failure, Stage stage, VBox splash, Label starting, Path dataDir) {
        log.error("LAN Chat could not start", failure);
        starting.setText(Texts.text("app.couldNotStart", whyNotStarted(failure), dataDir));
        starting.getStyleClass().add("error");
        if (splash.getChildren().getFirst() instanceof ProgressIndicator) {
            splash.getChildren().removeFirst();
        }
        stage.setScene(splash.getScene());
        stage.show();
    }

    /** The navigator once the services are open; for the screenshot tour. */
    Optional<Navigator> navigator() {
        return Optional.ofNullable(navigator);
    }

    @Override
    public void stop() {
        tray.ifPresent(DesktopTray::remove);
        if (notifier instanceof AutoCloseable bus) {
            try {
                bus.close();
            } catch (Exception e) {
                log.debug("Closing the notifier: {}", e.toString());
            }
        }
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

    /** Trouble with the data directory in the user's words; anything else as the core describes it. */
    private static String whyNotStarted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return Texts.trouble(io);
            }
        }
        return ChatClient.describe(failure);
    }
}
