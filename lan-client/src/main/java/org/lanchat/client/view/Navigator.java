package org.lanchat.client.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.LongProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.beans.property.BooleanProperty;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.LastUsernames;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.TrustBadge;
import org.lanchat.client.desktop.DesktopTray;
import org.lanchat.client.desktop.Notifier;
import org.lanchat.client.desktop.SystemInputIdle;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.FileCalls;
import org.lanchat.client.viewmodel.FilesViewModel;
import org.lanchat.client.viewmodel.HistoryViewModel;
import org.lanchat.client.viewmodel.LoginViewModel;
import org.lanchat.client.viewmodel.ReadyAppliance;
import org.lanchat.client.viewmodel.RegisterViewModel;
import org.lanchat.client.viewmodel.StartViewModel;
import org.lanchat.client.viewmodel.StaySignedIn;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the main window between start-up, login, registration and chat, and opens history windows. Owns
 * the client of the chosen appliance.
 */
public final class Navigator {
    private static final Logger log = LoggerFactory.getLogger(Navigator.class);
    static final String STYLESHEET = Navigator.class.getResource("lanchat.css").toExternalForm();

    private final Stage stage;
    private final ClientServices services;
    private final Executor ui = Platform::runLater;
    private final EmojiImages emojiImages;
    private final Attention attention;
    private final TextZoom zoom;
    private Function<Window, Optional<Path>> avatarChooser = Navigator::chooseAvatarFile;
    private FileDialogs fileDialogs = FileDialogs.standard();
    /** The signed-in chat's sending, saving and pictures; null before the first sign-in. */
    private FilesViewModel files;
    private Path fileCache = defaultFileCache();
    private Function<ChatClient, FileCalls> fileCalls = FileCalls::of;
    private ApplianceChoice appliance;
    private ChatClient client;
    private StaySignedIn signedIn;
    private CertificateFingerprint certificate;
    private ChatViewModel chat;
    private final ClientSettings settings;
    private ChatView chatView;
    /** In the tray with the window closed: views change, but the window stays closed until opened. */
    private boolean inTray;
    private LinkOpener links = new LinkOpener(address -> log.info("No browser to open {}", address));
    private Notifier notifier = Notifier.NONE;

    private static final String SEND_READ_MARKS = "chat.sendReadMarks";
    private static final String AWAY_AFTER_MINUTES = "presence.awayAfterMinutes";
    private final IdleWatch idleWatch = new IdleWatch(SystemInputIdle.detect());

    public Navigator(Stage stage, ClientServices services) {
        this.stage = stage;
        this.services = services;
        this.emojiImages = new EmojiImages(services.emoji());
        this.attention = new Attention(stage);
        this.settings = ClientSettings.open(services.home().dataDir(), services.background());
        this.zoom = new TextZoom(settings);
        if (stage.getScene() != null) {
            zoom.attach(stage.getScene());
            idleWatch.attach(stage.getScene());
        }
        stage.setTitle(Texts.text("app.name"));
        stage.setMinWidth(420);
        stage.setMinHeight(420);
    }

    /** Whether others may see what the user read: as set last time, and kept when changed. */
    private void rememberReadMarksSetting(ChatViewModel model) {
        BooleanProperty sending = model.reading().sendReadMarksProperty();
        sending.set(settings.flag(SEND_READ_MARKS, true));
        sending.addListener((o, was, now) -> settings.put(SEND_READ_MARKS, Boolean.toString(now)));
        LongProperty awayAfter = model.presence().awayAfterMinutesProperty();
        awayAfter.set((long) settings.number(AWAY_AFTER_MINUTES, awayAfter.get()));
        awayAfter.addListener((o, was, now) -> settings.put(AWAY_AFTER_MINUTES, Long.toString(now.longValue())));
    }

    public Stage stage() {
        return stage;
    }

    /** The Start window as the app opens: it connects by itself to the appliance named at launch or used last time. */
    public StartViewModel showStart() {
        StartViewModel model = startWindow(false);
        services.initialAddress().ifPresent(address -> {
            model.manualAddressProperty().set(address);
            model.connectManual();
        });
        return model;
    }

    /** "Use another appliance": the Start window, where the user chooses; it connects nowhere by itself. */
    private void chooseAnother() {
        startWindow(true);
    }

    private StartViewModel startWindow(boolean userChooses) {
        attention.stop();
        idleWatch.stop();
        StartViewModel model = new StartViewModel(services.directory(), services.trust(), services.diagnostics(), ui, services.background(), this::applianceChosen);
        model.provisioned(services.provisioned());
        if (userChooses) {
            model.userIsChoosing();
        }
        StartView view = new StartView(model);
        show(view.root(), 560, 520, Texts.text("window.start"));
        model.start();
        return model;
    }

    /** Leaves this appliance for another trusted one: its certificate is checked again on the way. */
    private void switchTo(ApplianceChoice other) {
        startWindow(true).connect(other); // not back to the appliance used last time
    }

    /** A trusted appliance on the network other than the one in use, with another certificate. */
    private Optional<ApplianceChoice> otherTrusted() {
        return services.directory().onNetwork().stream()
                .filter(c -> {
                    TrustBadge badge = services.trust().badge(c);
                    return badge.trusted() && badge.code().filter(certificate::equals).isEmpty();
                })
                .findFirst();
    }

    private void applianceChosen(ReadyAppliance ready) {
        disposeClient();
        appliance = ready.choice();
        certificate = ready.certificate();
        client = services.clientFor(appliance);
        chat = new ChatViewModel(client, ui);
        rememberReadMarksSetting(chat);
        MutedConversations.remember(chat.notifications(), settings);
        ChatViewModel notifying = chat;
        // A click on a notification (where the desktop tells) brings the window up on its conversation.
        notifying.notifications().setOnNotify(shown -> notifier.show(shown.summary(), shown.body(), () -> Platform.runLater(() -> {
            open();
            if (!shown.conversation().isPrivate()) {
                notifying.openGroup(); // until rooms have their place in the window
            } else {
                notifying.openPrivate(shown.conversation().peer());
            }
        })));
        signedIn = new StaySignedIn(services.home().signIns(), new LastUsernames(services.home().dataDir()),
                ready.certificate(), services.background());
        client.addListener(signedIn::onEvent, Runnable::run);
        chat.sessionEndedProperty().addListener((o, was, ended) -> {
            if (ended != null && ended.reason() != ClientEvent.EndReason.LOGGED_OUT) {
                showLogin(ChatViewModel.endedText(ended));
            }
        });
        LoginViewModel login = showLogin("");
        // Stay signed in: the token kept from last time logs in without the password.
        signedIn.kept().ifPresent(kept -> login.resume(kept, signedIn::forget));
    }

    public LoginViewModel showLogin(String explanation) {
        attention.stop();
        idleWatch.stop();
        LoginViewModel model = new LoginViewModel(client, appliance.name(), ui, this::loggedIn);
        signedIn.lastUsername().ifPresent(model.usernameProperty()::set);
        otherTrusted().ifPresent(other -> model.offerBack(
                StartViewModel.backToText(other, services.trust().badge(other)), () -> switchTo(other)));
        if (!explanation.isEmpty()) {
            model.explain(explanation);
        }
        LoginView view = new LoginView(model, this::showRegister, this::chooseAnother);
        show(view.root(), 420, 460, Texts.text("window.login"));
        view.focus();
        return model;
    }

    private void showRegister() {
        RegisterViewModel model = new RegisterViewModel(client, ui, services.background(), this::loggedIn);
        RegisterView view = new RegisterView(model, () -> showLogin(""), avatarChooser);
        show(view.root(), 460, 620, Texts.text("window.register"));
        view.focus();
    }

    private void loggedIn(Session session) {
        ApplianceChoice used = appliance;
        services.background().execute(() -> {
            try {
                services.directory().remember(used);
            } catch (IOException e) {
                log.warn("Could not remember the appliance: {}", e.toString());
            }
        });
        chat.start(session);
        ChatViewModel shown = chat;
        files = new FilesViewModel(fileCalls.apply(client), ui, services.background(), shown::selectedConversation,
                shown.errorProperty(), fileCache);
        chatView = new ChatView(chat, files, fileDialogs, emojiImages, this::openHistory, this::logout, links);
        chatView.addSetting(LanguageChoice.of(settings));
        // The smallest size at which the header, the sidebar and the roster show their words whole, in both languages.
        show(chatView.root(), 1120, 740, Texts.text("window.chat", session.username()));
        attention.follow(chat, Texts.text("window.chat", session.username()));
        idleWatch.follow(chat.presence());
        chatView.focus();
    }

    private void logout() {
        // Signing out forgets the kept token here; logging out revoked it on the appliance.
        signedIn.forget();
        chat.logout().whenCompleteAsync((ok, failure) -> showLogin("").inform(Texts.text("login.loggedOut")), ui);
    }

    private void openHistory() {
        HistoryViewModel model = new HistoryViewModel(client, chat.selectedConversation(), ui);
        // The chat window's files: a Save from here shows its progress there, under the conversation.
        HistoryView view = new HistoryView(model, emojiImages, links, chat.displayNames(),
                files == null ? null : new FileBodies(files, fileDialogs));
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle(model.title());
        Scene scene = new Scene(view.root(), 640, 600);
        scene.getStylesheets().add(STYLESHEET);
        zoom.attach(scene);
        window.setScene(scene);
        window.show();
        model.loadOlder();
    }

    private void show(Parent root, double width, double height, String title) {
        Scene scene = stage.getScene();
        if (scene == null) {
            scene = new Scene(root, width, height);
            scene.getStylesheets().add(STYLESHEET);
            zoom.attach(scene);
            idleWatch.attach(scene);
            stage.setScene(scene);
        } else {
            scene.setRoot(root);
            if (!stage.isMaximized()) {
                stage.setWidth(Math.max(stage.getWidth(), width));
                stage.setHeight(Math.max(stage.getHeight(), height));
                keepOnScreen();
            }
        }
        stage.setTitle(title);
        if (!inTray) {
            stage.show();
        }
    }

    /** Moves the window back onto the screen it is mostly on, smaller if it must be (see {@link WindowFit}). */
    private void keepOnScreen() {
        Rectangle2D window = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        List<Screen> screens = Screen.getScreensForRectangle(window);
        Rectangle2D screen = (screens.isEmpty() ? Screen.getPrimary() : screens.getFirst()).getVisualBounds();
        Rectangle2D fitted = WindowFit.within(window, screen);
        if (!fitted.equals(window)) {
            stage.setX(fitted.getMinX());
            stage.setY(fitted.getMinY());
            stage.setWidth(fitted.getWidth());
            stage.setHeight(fitted.getHeight());
        }
    }

    /**
     * Lives in the tray from now on: closing the window hides it and LAN Chat keeps running and notifying.
     *
     * @param startClosed started at login ({@code --background}): the window stays closed until opened
     */
    public void useTray(DesktopTray tray, boolean startClosed) {
        inTray = startClosed;
        if (startClosed) {
            stage.hide();
        }
        stage.setOnCloseRequest(e -> {
            e.consume();
            inTray = true;
            stage.hide();
        });
    }

    /** How notifications reach the desktop (the tray's balloons among them); none until set. */
    public void notifyWith(Notifier notifier) {
        this.notifier = notifier;
    }

    /** Opens the window (from the tray). */
    public void open() {
        inTray = false;
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    private void disposeClient() {
        if (client != null) {
            ChatClient old = client;
            services.background().execute(old::close);
            client = null;
        }
    }

    /**
     * Closes the client, on a thread of its own: closing waits (up to a few seconds) for the connection to
     * close, which must not freeze the FX thread. The thread is not a daemon, so the JVM lets it finish.
     */
    public CompletableFuture<Void> shutdown() {
        attention.stop();
        idleWatch.stop();
        ChatClient last = client;
        client = null;
        if (last == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(last::close, LanChatApp::offTheFxThread);
    }

    /** How links in messages reach the browser: the app's host services. */
    public void openLinksWith(java.util.function.Consumer<String> browser) {
        this.links = new LinkOpener(browser);
    }

    /** How the registration window picks a picture; the standard file dialog unless a test says otherwise. */
    void avatarChooser(Function<Window, Optional<Path>> chooser) {
        this.avatarChooser = chooser;
    }

    /** How the chat window picks files to attach and places to save; the standard dialogs unless a test says otherwise. */
    void fileDialogs(FileDialogs dialogs) {
        this.fileDialogs = dialogs;
    }

    /** How the chat window's files reach the client core; a test may slow an upload down to see its progress. */
    void fileCalls(Function<ChatClient, FileCalls> calls) {
        this.fileCalls = calls;
    }

    /** Where pictures opened in the viewer are downloaded to; the user's cache folder unless a test says otherwise. */
    void fileCache(Path folder) {
        this.fileCache = folder;
    }

    /** {@code $XDG_CACHE_HOME/lanchat/files}, else {@code ~/.cache/lanchat/files}: downloads kept to look at again. */
    private static Path defaultFileCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lanchat").resolve("files");
    }

    private static Optional<Path> chooseAvatarFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.text("avatar.chooser.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.text("avatar.chooser.pictures"),
                "*.png", "*.jpg", "*.jpeg", "*.gif"));
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }
}
