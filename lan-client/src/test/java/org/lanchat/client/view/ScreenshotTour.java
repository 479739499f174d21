package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ClientOptions;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.client.desktop.TrayMenu;
import org.lanchat.client.i18n.Texts;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.locate.HostPort;
import org.lanchat.discovery.locate.LastGoodAppliance;
import org.lanchat.discovery.locate.LastGoodStore;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the README's screenshots: the real app ({@link LanChatApp}, started as {@code java} would start it,
 * with {@code --no-discovery}) on a real X display (Xvfb, not Monocle), talking to a real appliance on
 * 127.0.0.1 that does not advertise itself, with users, avatars and messages seeded through the protocol.
 *
 * <p>Not a test of its own (the name does not end in Test, so normal runs skip it): run it with
 * {@code lan-client/src/build/screenshots.sh}, which starts Xvfb and passes {@code -Dlanchat.screenshots},
 * the directory the PNGs go to (without it, it skips). It fails if a window does not show what it should.
 */
class ScreenshotTour extends UiTestSupport {
    private static final String PASSWORD = RunningAppliance.PASSWORD;
    private static final String APPLIANCE = "LAN Chat on officebox";
    /** The password alice chooses when she registers in the tour. */
    private static final String ALICES_PASSWORD = "a long secret";

    @TempDir
    static Path dir;
    static Path out;
    static RunningAppliance appliance;
    /** Another box announcing an appliance under the same name, with a certificate of its own. */
    static RunningAppliance rogue;
    static LanChatApp app;
    /** Bob's app, for the scene without the appliance. */
    static ChatClient bobsApp;
    static final FxRobot robot = new FxRobot();
    /** What the attach dialog picks. */
    static final List<Path> attaching = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The app's file calls since the last login. */
    static volatile HeldUploads uploads;

    @BeforeAll
    static void start() throws Exception {
        String target = System.getProperty("lanchat.screenshots", "");
        // Picked by a -Dtest pattern in an ordinary run: nothing to do without a display and a directory.
        assumeTrue(!target.isBlank(), "takes screenshots only when run by src/build/screenshots.sh");
        out = Files.createDirectories(Path.of(target));
        Path applianceDir = Files.createDirectories(dir.resolve("appliance"));
        appliance = RunningAppliance.start(applianceDir, TestDatabase.h2(applianceDir), b -> b.name(APPLIANCE));

        // This computer used the appliance before (so the start window lists it) but trusts nothing yet.
        Path clientDir = Files.createDirectories(dir.resolve("client"));
        new LastGoodStore(clientDir).save(new LastGoodAppliance(Optional.of(new ApplianceId("0f".repeat(16))), APPLIANCE,
                new HostPort("127.0.0.1", appliance.port())));
        Path rogueDir = Files.createDirectories(dir.resolve("rogue"));
        rogue = RunningAppliance.start(rogueDir, TestDatabase.h2(rogueDir), b -> b.name(APPLIANCE));

        FxToolkit.registerPrimaryStage();
        app = (LanChatApp) FxToolkit.setupApplication(LanChatApp.class, "--no-discovery", "--data-dir=" + clientDir);
        waitFor(() -> app.navigator().isPresent());
        Path picture = dir.resolve("alice.png");
        Files.write(picture, avatar(new Color(0x2f6fde), new Color(0x7c3aed)));
        robot.interact(() -> app.navigator().orElseThrow().avatarChooser(owner -> Optional.of(picture)));
        // Files (issue 17): the attach dialog "chooses" what the tour says, uploads may be held part way for a shot.
        robot.interact(() -> {
            Navigator navigator = app.navigator().orElseThrow();
            navigator.fileDialogs(new FileDialogs(owner -> List.copyOf(attaching), (owner, name) -> Optional.empty()));
            navigator.fileCache(dir.resolve("file-cache"));
            navigator.fileCalls(client -> uploads = new HeldUploads(org.lanchat.client.viewmodel.FileCalls.of(client)));
        });
    }

    @AfterAll
    static void stop() throws TimeoutException {
        if (bobsApp != null) {
            bobsApp.close();
        }
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        if (appliance != null) {
            appliance.close();
        }
        if (rogue != null) {
            rogue.close();
        }
    }

    @Test
    void tour() throws Exception {
        // Two colleagues with display names in their own spelling (PROTOCOL.md §7.17).
        TestClient bob = user("bob", "Bob Müller", new Color(0x0f766e), new Color(0x84cc16));
        TestClient carol = user("carol", null, null);
        TestClient dave = user("dave", "Dávid Kovács", new Color(0xb45309), new Color(0xf43f5e));
        bob.send(Conversation.GROUP, "Morning all! \u2615 The coffee machine on the 2nd floor works again.");
        carol.send(Conversation.GROUP, "Finally \uD83D\uDE4C");
        long reminderSeq = dave.send(Conversation.GROUP, "Reminder: the release review is at 14:00 in the big room \uD83D\uDCC5").seq();
        long slidesSeq = bob.send(Conversation.GROUP, "Slides are in the shared folder \uD83D\uDC40 have a look before the review").seq();
        carol.sendSticker(Conversation.GROUP, "thumbs_up");

        // Start-up: the appliance used last time, the diagnostics, then the first-contact prompt.
        Stage stage = navigator().stage();
        waitFor(() -> robot.lookup("#appliances .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof ListCell<?> cell && cell.getItem() != null));
        resize(stage, 600, 560);
        robot.clickOn("#diagnose");
        waitFor(() -> robot.lookup("#diagnosis-lines").query() instanceof Parent lines && lines.getChildrenUnmodifiable().size() == 3);
        capture(stage, "diagnostics.png");
        robot.clickOn("#diagnosis-close");
        robot.clickOn("#connect");
        waitFor(() -> robot.lookup("#trust-prompt").query().isVisible());
        assertThat(text(robot, "#trust-code")).isEqualTo(appliance.fingerprint().shortCode());
        capture(stage, "start.png");
        robot.clickOn("#trust-accept");

        // Back to the chooser: the trusted appliance's row shows its code and the trusted mark. Then another
        // box's address, while the trusted appliance is not on the network: the hard warning, and the way back.
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        robot.clickOn("#other-appliance");
        waitFor(() -> robot.lookup("#appliances .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof ListCell<?> cell && cell.getText() != null && cell.getText().contains("trusted")));
        capture(stage, "chooser.png");
        fill(robot, "#address", "127.0.0.1:" + rogue.port());
        robot.clickOn("#connect-address");
        waitFor(() -> robot.lookup("#trust-prompt").query().isVisible());
        assertThat(text(robot, "#trust-title")).startsWith("WARNING");
        assertThat(text(robot, "#trust-back")).isEqualTo("Back to " + APPLIANCE + " (" + appliance.fingerprint().shortCode() + ")");
        capture(stage, "rogue-warning.png");
        robot.clickOn("#trust-back");

        // The tray menu. The AWT tray cannot be captured under Xvfb (no tray manager runs there), so the same
        // items are drawn as a JavaFX context menu.
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        ContextMenu tray = WaitForAsyncUtils.asyncFx(() -> trayMenu(stage)).get();
        waitFor(tray::isShowing);
        capture(tray.getScene().getWindow(), "tray-menu.png");
        robot.interact(tray::hide);

        // Login with a mistake, then registration with a picture.
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        fill(robot, "#username", "alice");
        fill(robot, "#password", "not my password");
        robot.clickOn("#password").type(KeyCode.ENTER);
        waitFor(() -> robot.lookup("#login-error").query().isVisible());
        capture(stage, "login.png");
        robot.clickOn("#to-register");
        waitFor(() -> robot.lookup("#reg-username").tryQuery().isPresent());
        fill(robot, "#reg-username", "alice");
        fill(robot, "#reg-password", ALICES_PASSWORD);
        fill(robot, "#reg-confirmation", ALICES_PASSWORD);
        robot.clickOn("#choose-avatar");
        waitFor(() -> !robot.lookup("#avatar-preview .avatar-initial").query().isVisible());
        capture(stage, "register.png");
        robot.clickOn("#register");

        // The chat: live messages, someone joining, a private message waiting, the emoji picker.
        waitFor(() -> robot.lookup("#draft").tryQuery().isPresent());
        resize(stage, 1120, 740);
        waitFor(() -> text(robot, "#online-count").equals("Online (4)"));
        fill(robot, "#draft", "Thanks Dave, I'll be there \uD83D\uDC4D");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        TestClient erin = user("erin", new Color(0x9333ea), new Color(0xf59e0b));
        erin.send(Conversation.GROUP, "Sorry I'm late to the party \uD83C\uDF89 what did I miss?");
        bob.send(Conversation.GROUP, "Release review at 14:00, and cake \uD83C\uDF82 afterwards!");
        dave.send(Conversation.with("alice"), "Could you check the invoice numbers before the review? \uD83D\uDE4F");
        waitFor(() -> anyRowSays("cake"));
        waitFor(() -> robot.lookup(".badge").queryAll().stream().anyMatch(Node::isVisible));
        capture(stage, "chat.png");

        // Part of a message selected, and the menu of a right-click on it.
        MessageText reminder = robot.lookup(".message-text-box").queryAllAs(MessageText.class).stream()
                .filter(t -> t.fullText().startsWith("Reminder: the release review")).findFirst().orElseThrow();
        robot.interact(() -> reminder.select(10, 43));
        robot.rightClickOn(reminder);
        waitFor(() -> robot.lookup("#menu-copy").tryQuery().isPresent());
        capture(stage, "chat-copy.png");
        robot.type(KeyCode.ESCAPE);
        robot.interact(reminder::clearSelection);

        robot.clickOn("#emoji-button");
        waitFor(() -> robot.lookup(".emoji-choice").tryQuery().isPresent());
        capture(stage, "emoji-picker.png");
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> robot.lookup(".emoji-choice").tryQuery().isEmpty() || !robot.lookup("#emoji-picker").query().isVisible());

        Node bobInRoster = robot.lookup("#roster .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> cell && "bob".equals(cell.getItem())).findFirst().orElseThrow();
        robot.clickOn(bobInRoster);
        waitFor(() -> "Private with Bob Müller (bob)".equals(text(robot, "#conversation-title")));
        fill(robot, "#draft", "Do you have a minute after lunch? About the slides");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        bob.awaitChat(1, m -> m.text() != null && m.text().startsWith("Do you have a minute"));
        bob.send(Conversation.with("alice"), "Sure, 13:30 at my desk \uD83D\uDE0A");
        waitFor(() -> anyRowSays("13:30 at my desk"));
        capture(stage, "chat-private.png");

        // Back in the group: a reply to the reminder, reactions on it, an edited message, and who read alice's.
        long thanks = bob.awaitChat(1, m -> "alice".equals(m.from()) && m.text() != null && m.text().startsWith("Thanks Dave"))
                .get(0).seq();
        carol.react(Conversation.GROUP, reminderSeq, "\uD83D\uDC4D", false);
        bob.react(Conversation.GROUP, reminderSeq, "\uD83D\uDC4D", false);
        erin.react(Conversation.GROUP, reminderSeq, "\uD83C\uDF89", false);
        bob.edit(Conversation.GROUP, slidesSeq, "Slides are in the shared folder \uD83D\uDC40 (v2, with the figures) have a look before the review");
        // Last, so that once it shows, the changes before it have arrived too (events come in order).
        bob.reply(Conversation.GROUP, reminderSeq, "I'll bring the remote for the projector \uD83D\uDD26");
        for (TestClient reader : List.of(bob, carol)) {
            reader.request(new ConversationRequest.MarkRead(reader.nextId(), Conversation.GROUP, thanks), SessionMessage.Ok.class);
        }
        // The group's row: the list reuses its cells, so the first one in the scene need not show the first row.
        robot.clickOn(robot.lookup("#conversations .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> cell && cell.getIndex() == 0 && cell.getItem() != null)
                .findFirst().orElseThrow());
        waitFor(() -> "Group: everyone online".equals(text(robot, "#conversation-title")));
        waitFor(() -> anyRowSays("remote for the projector"));
        waitFor(() -> text(robot, "#conversation-activity").equals("Read by 2"));
        // From the reminder (with its reactions) down to the reply that quotes it.
        javafx.scene.control.ListView<?> messages = robot.lookup("#messages").queryAs(javafx.scene.control.ListView.class);
        int reminderRow = messages.getItems().stream().map(Object::toString).toList()
                .indexOf(messages.getItems().stream().map(Object::toString).filter(t -> t.contains("Reminder: the release"))
                        .findFirst().orElseThrow());
        // Taller than the other shots, so that the reminder with its reactions and the reply quoting it both show.
        resize(stage, 1120, 900);
        waitFor(() -> stage.getScene().getHeight() > 850);
        robot.interact(() -> messages.scrollTo(reminderRow));
        waitFor(() -> robot.lookup(".reaction-chip").queryAll().size() == 2 && robot.lookup("#edited-mark").tryQuery().isPresent());
        waitFor(() -> robot.lookup("#reply-quote").tryQuery().isPresent());
        capture(stage, "conversation.png");
        resize(stage, 1120, 740);

        // History of the group, searched.
        robot.clickOn("#history");
        waitFor(() -> robot.lookup("#history-status").tryQuery().isPresent() && text(robot, "#history-status").startsWith("All"));
        fill(robot, "#history-search", "review");
        waitFor(() -> text(robot, "#history-status").startsWith("3 matches in all"));
        Window history = robot.window(w -> w != stage && w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("History"));
        capture(history, "history.png");
        robot.interact(history::hide);

        // Presence states beside the names: bob in a meeting (busy, with a status text), carol away.
        bob.request(new ProfileRequest.SetPresence(bob.nextId(), "busy", "In a meeting until 3"), SessionMessage.Ok.class);
        carol.request(new ProfileRequest.SetPresence(carol.nextId(), "away", null), SessionMessage.Ok.class);
        waitFor(() -> rosterSays("In a meeting until 3") && rosterSays(Texts.text("presence.state.away")));
        capture(stage, "presence.png");

        // A mention being typed: "@" opens the list of colleagues by display name.
        robot.clickOn("#draft").write("@");
        // The list is in a popup window of its own, which lookups from the focused window do not search.
        waitFor(() -> robot.listWindows().stream().anyMatch(w -> w instanceof javafx.stage.PopupWindow && w.isShowing()
                && w.getScene().getRoot().lookup("#mention-list") != null));
        capture(stage, "mentions.png");
        robot.type(KeyCode.ESCAPE);
        fill(robot, "#draft", "");

        // Search over every conversation (Ctrl+F): hits in the group and in the private chat with Dave.
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("review");
        waitFor(() -> robot.lookup("#search-results").queryListView().getItems().size() >= 4);
        capture(stage, "search.png");
        robot.clickOn("#search").type(KeyCode.ESCAPE);

        // Rooms (issue 17): bob's public lunch room alice was invited to, and the release room she creates in the
        // dialog, open with its topic and its members panel while colleagues join and write.
        RoomMessage.RoomInfo lunch = bob.request(new RoomRequest.CreateRoom(bob.nextId(), "Lunch club",
                "Where we eat on Fridays", "public"), RoomMessage.Room.class).room();
        bob.request(new RoomRequest.Invite(bob.nextId(), lunch.conversation(), "alice"), SessionMessage.Ok.class);
        waitFor(() -> conversationTitles().contains("Lunch club"));
        robot.clickOn("#create-room");
        waitFor(() -> robot.lookup("#room-name").tryQuery().isPresent());
        fill(robot, "#room-name", "Release 2.4");
        fill(robot, "#room-topic", "Checklist, slides and notes for the 14:00 review");
        robot.clickOn("#room-name").type(KeyCode.ENTER);
        waitFor(() -> "Release 2.4".equals(text(robot, "#conversation-title")));
        Conversation release = robot.lookup("#conversations").queryListView().getItems().stream()
                .map(item -> ((org.lanchat.client.viewmodel.ConversationItem) item))
                .filter(item -> "Release 2.4".equals(item.titleProperty().get())).findFirst().orElseThrow().conversation();
        for (TestClient member : List.of(bob, dave, erin)) {
            member.request(new RoomRequest.JoinRoom(member.nextId(), release), RoomMessage.Room.class);
        }
        dave.send(release, "Checklist is pinned in the wiki \u2705 two items left: changelog and the installer");
        bob.send(release, "I'll take the changelog \u270D\uFE0F");
        erin.send(release, "Installer builds are green on all three platforms \uD83D\uDE80");
        waitFor(() -> anyRowSays("green on all three"));
        waitFor(() -> robot.lookup("#room-members").queryListView().getItems().size() == 4);
        capture(stage, "rooms.png");
        robot.clickOn(robot.lookup("#conversations .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> cell && cell.getIndex() == 0 && cell.getItem() != null)
                .findFirst().orElseThrow());
        waitFor(() -> "Group: everyone online".equals(text(robot, "#conversation-title")));

        // Files (issue 17): a picture inline as its thumbnail, and a file as a card with its kind, size and Save.
        String sunset = bob.uploadFile(landscape(900, 560), "image/png");
        bob.request(new Posting.Send(bob.nextId(), java.util.UUID.randomUUID().toString(), Conversation.GROUP,
                "Team photo from the roof.png", null, null, sunset), ConversationMessage.Ack.class);
        byte[] notes = new byte[184_320];
        new java.util.Random(24).nextBytes(notes);
        String notesId = dave.uploadFile(notes, "application/pdf");
        dave.request(new Posting.Send(dave.nextId(), java.util.UUID.randomUUID().toString(), Conversation.GROUP,
                "Release notes 2.4.pdf", null, null, notesId), ConversationMessage.Ack.class);
        waitFor(() -> anyRowSays("Release notes 2.4.pdf"));
        waitFor(() -> robot.lookup("#file-thumbnail").tryQuery().isPresent()
                && robot.lookup("#file-thumbnail").queryAs(javafx.scene.image.ImageView.class).getImage() != null
                && robot.lookup("#file-card").tryQuery().isPresent());
        javafx.scene.control.ListView<?> shownRows = robot.lookup("#messages").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> shownRows.scrollTo(shownRows.getItems().size() - 1)); // the newest, the card, at the bottom
        capture(stage, "files.png");

        // An upload under way: its bar, bytes done of the total, and the button that stops it.
        byte[] installer = new byte[3_400_000];
        new java.util.Random(25).nextBytes(installer);
        attaching.clear();
        attaching.add(Files.write(dir.resolve("LAN Chat 2.4 installer.zip"), installer));
        uploads.hold();
        robot.clickOn("#attach");
        assertThat(uploads.awaitHeld(30)).as("the upload began").isTrue();
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isPresent()
                && robot.lookup("#transfer-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress() > 0);
        capture(stage, "transfer.png");
        uploads.release();
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isEmpty() && anyRowSays("installer.zip"));

        // The same office in Simplified Chinese, with colleagues' Chinese display names and Chinese mixed with emoji.
        // Windows read their texts when they are built: log out, switch, log in again (and back to English after).
        TestClient zhang = user("zhangwei", "张伟", new Color(0xdc2626), new Color(0xf97316));
        TestClient li = user("lina", "李娜", new Color(0x0891b2), new Color(0x6366f1));
        TestClient wang = user("wangfang", "王芳", new Color(0x16a34a), new Color(0x0ea5e9));
        relogInAs("alice", Locale.SIMPLIFIED_CHINESE);
        zhang.send(Conversation.GROUP, "大家好 \uD83D\uDC4B 下午三点在大会议室开评审会");
        li.send(Conversation.GROUP, "收到 \uD83D\uDC4D 幻灯片已经放到共享文件夹了");
        wang.send(Conversation.GROUP, "会后还有蛋糕 \uD83C\uDF82 别忘了！");
        waitFor(() -> anyRowSays("别忘了"));
        fill(robot, "#draft", "谢谢张伟，我准时到 \uD83D\uDE0A");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        waitFor(() -> anyRowSays("我准时到"));
        waitFor(() -> text(robot, "#conversation-title").equals("群聊：所有在线成员"));
        capture(stage, "chinese.png");
        relogInAs("alice", Locale.ENGLISH);

        // The appliance goes away: the app keeps chatting directly with the colleague whose app it can reach.
        bobsApp = peerAssisted("bob");
        waitFor(() -> bobsApp.knownPeers().join().stream().anyMatch(peer -> peer.username().equals("alice")));
        appliance.stop();
        waitFor(() -> robot.lookup("#banner").query().isVisible()
                && text(robot, "#banner").contains("you can still chat with the 1 colleague online"));
        bobsApp.sendText(Conversation.GROUP, "The appliance is restarting for its update, back in a few minutes \uD83D\uDD27");
        waitFor(() -> anyRowSays("back in a few minutes"));
        fill(robot, "#draft", "Thanks! The notes from the review will go in here meanwhile \uD83D\uDCDD");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        waitFor(() -> robot.lookup("#direct-mark").queryAll().stream().map(n -> ((javafx.scene.control.Labeled) n).getText())
                .toList().containsAll(List.of("received directly", "sent directly")));
        capture(stage, "peer-mode.png");
    }

    /** The titles in the conversation list, top to bottom. */
    private static List<String> conversationTitles() {
        return robot.lookup("#conversations").queryListView().getItems().stream()
                .map(item -> ((org.lanchat.client.viewmodel.ConversationItem) item).titleProperty().get()).toList();
    }

    /**
     * Logs out, chooses the appliance again and logs in with the app speaking {@code language}: windows and the
     * chat's state are built afresh then, as at the start the language setting takes effect at.
     */
    private void relogInAs(String user, Locale language) {
        Texts.use(language);
        robot.clickOn("#logout");
        waitFor(() -> robot.lookup("#other-appliance").tryQuery().isPresent());
        robot.clickOn("#other-appliance");
        waitFor(() -> robot.lookup("#connect").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        robot.clickOn("#connect");
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        fill(robot, "#username", user);
        fill(robot, "#password", ALICES_PASSWORD);
        robot.clickOn("#password").type(KeyCode.ENTER);
        waitFor(() -> robot.lookup("#draft").tryQuery().isPresent());
    }

    /** A colleague's app without the screen: the client core taking peer links on loopback, as the app does. */
    private static ChatClient peerAssisted(String user) throws IOException {
        Path clientDir = Files.createDirectories(dir.resolve(user + "-app"));
        PinStore pins = PinStore.open(clientDir);
        pins.pin(ApplianceId.random(), APPLIANCE, appliance.fingerprint());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), appliance.port());
        ChatClient client = new ChatClient(new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(5)),
                () -> TrustTarget.manual(address)),
                ClientOptions.DEFAULTS.withPeerLinks(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        client.login(user, PASSWORD).orTimeout(30, TimeUnit.SECONDS).join();
        return client;
    }

    /** The tray's menu (TrayMenu's items, "Start when I log in" ticked), opened at the window's top right. */
    private static ContextMenu trayMenu(Stage stage) {
        CheckMenuItem atLogin = new CheckMenuItem(TrayMenu.startAtLoginText());
        atLogin.setSelected(true);
        ContextMenu menu = new ContextMenu(new MenuItem(TrayMenu.openText()), atLogin, new SeparatorMenuItem(),
                new MenuItem(TrayMenu.quitText()));
        menu.show(stage, stage.getX() + stage.getWidth() - 220, stage.getY() + 40);
        return menu;
    }

    private Navigator navigator() {
        return app.navigator().orElseThrow();
    }

    private static boolean rosterSays(String part) {
        return robot.lookup("#roster .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof ListCell<?> cell && cell.getText() != null && cell.getText().contains(part));
    }

    private static boolean anyRowSays(String part) {
        javafx.scene.control.ListView<?> messages = robot.lookup("#messages").queryAs(javafx.scene.control.ListView.class);
        // Read on the FX thread: the list changes there while this waits.
        return WaitForAsyncUtils.waitForAsyncFx(10_000,
                () -> messages.getItems().stream().anyMatch(item -> item.toString().contains(part)));
    }

    /** A registered user with a picture drawn from two colours, or with the default avatar when null. */
    private static TestClient user(String name, Color from, Color to) {
        return user(name, null, from, to);
    }

    /** The same, with a display name (none when null). */
    private static TestClient user(String name, String displayName, Color from, Color to) {
        TestClient client = appliance.connect();
        client.registerAs(name, PASSWORD, from == null ? null : avatar(from, to), displayName);
        return client;
    }

    /** An evening sky over hills with a sun: what a photo looks like as a thumbnail. */
    private static byte[] landscape(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1e3a8a), 0, height * 0.7f, new Color(0xf97316)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xfde68a));
        g.fill(new Ellipse2D.Double(width * 0.58, height * 0.38, width * 0.16, width * 0.16));
        g.setColor(new Color(0x14532d));
        g.fill(new Ellipse2D.Double(-width * 0.2, height * 0.62, width * 0.9, height * 0.8));
        g.setColor(new Color(0x166534));
        g.fill(new Ellipse2D.Double(width * 0.35, height * 0.68, width * 0.9, height * 0.8));
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A head-and-shoulders silhouette on a gradient: what a profile picture looks like at 36 px. */
    private static byte[] avatar(Color from, Color to) {
        int size = 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, from, size, size, to));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(new Ellipse2D.Double(size * 0.32, size * 0.18, size * 0.36, size * 0.36));
        g.fill(new Ellipse2D.Double(size * 0.14, size * 0.60, size * 0.72, size * 0.62));
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void resize(Stage stage, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            stage.centerOnScreen();
        });
    }

    /** Waits until every picture on screen is decoded, then takes the window's pixels off the screen. */
    private static void capture(Window window, String name) throws IOException, ExecutionException, InterruptedException {
        waitFor(() -> allPicturesLoaded(window));
        // Two pulses: the last layout, then its paint.
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> new Robot().getScreenCapture(null,
                new Rectangle2D(window.getX(), window.getY(), window.getWidth(), window.getHeight()), false)).get();
        int width = (int) shot.getWidth();
        int height = (int) shot.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = shot.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.resolve(name).toFile());
    }

    private static boolean allPicturesLoaded(Window window) {
        List<Window> windows = Window.getWindows().stream().filter(Window::isShowing).toList();
        return windows.stream().allMatch(w -> w.getScene() == null || loaded(w.getScene().getRoot())) && window.isShowing();
    }

    private static boolean loaded(Node node) {
        if (node instanceof ImageView view && view.getImage() != null && view.getImage().getProgress() < 1) {
            return false;
        }
        return !(node instanceof Parent parent) || parent.getChildrenUnmodifiable().stream().allMatch(ScreenshotTour::loaded);
    }
}
