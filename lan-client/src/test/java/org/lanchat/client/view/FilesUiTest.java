package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.FileNames;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.client.viewmodel.FileCalls;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.Posting;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17's files in the desktop window, against the real appliance: attaching one (the file dialog replaced by the
 * file a person would pick), its progress bar, a picture inline that opens in the viewer, Save of a file with a
 * hostile name, a file too large refused before it is read, and the same pictures and cards in the history window.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class FilesUiTest extends UiTestSupport {
    private static final AtomicInteger USERS = new AtomicInteger();
    /** Lowered from 100 MiB so that "too large" is a small file here. */
    private static final long MAX_FILE_BYTES = 2_000_000;
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension(b -> b.maxFileBytes(MAX_FILE_BYTES));
    private static final Random RANDOM = new Random(17);

    @TempDir
    Path dir;
    /** What the attach dialog "chooses" next. */
    private final List<Path> toAttach = new CopyOnWriteArrayList<>();
    /** The names the Save dialog was opened with. */
    private final List<String> suggested = new CopyOnWriteArrayList<>();
    /** Set at login: the app's file calls, with uploads held part way when the test says. */
    private volatile HeldUploads uploads;
    /** Set at login: which pictures' thumbnails the appliance no longer has. */
    private volatile GoneThumbnails thumbnails;

    @Start
    void start(Stage stage) throws IOException {
        startApp(stage, live, live.dir(), true);
        Path saved = Files.createDirectories(dir.resolve("saved"));
        navigator.fileDialogs(new FileDialogs(owner -> List.copyOf(toAttach), (owner, name) -> {
            suggested.add(name);
            return Optional.of(saved.resolve(name));
        }));
        navigator.fileCache(dir.resolve("cache"));
        navigator.fileCalls(client -> uploads = new HeldUploads(thumbnails = new GoneThumbnails(FileCalls.of(client))));
    }

    @AfterEach
    void stop() throws TimeoutException {
        if (uploads != null) {
            uploads.release();
        }
        stopApp();
    }

    private static String name(String prefix) {
        return prefix + USERS.incrementAndGet();
    }

    @Test
    void aFileAttachedShowsItsProgressUntilSentAndArrivesAtAnotherUserWithItsNameAndSize(FxRobot robot) throws Exception {
        TestClient bob = aliceLoggedInWithBob(robot);
        byte[] bytes = randomBytes(1_200_000); // several progress steps on either path (chunks or a transfer connection)
        Path report = Files.write(dir.resolve("quarterly report.pdf"), bytes);
        toAttach.add(report);
        uploads.hold();

        robot.clickOn("#attach");

        assertThat(uploads.awaitHeld(20)).as("the upload began").isTrue();
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isPresent());
        ProgressBar bar = robot.lookup("#transfer-progress").queryAs(ProgressBar.class);
        waitFor(() -> bar.getProgress() > 0 && bar.getProgress() < 1);
        assertThat(text(robot, "#transfer-name")).isEqualTo("Sending quarterly report.pdf");
        // Held at its first step: the file moves on a transfer connection (§7.25), which reports every 256 KiB.
        assertThat(text(robot, "#transfer-bytes")).isEqualTo("256.0 KB of 1.1 MB");
        assertThat(robot.lookup("#draft").query().isDisabled()).as("the chat goes on meanwhile").isFalse();
        uploads.release();

        ChatMessage arrived = bob.await(ChatMessage.class, m -> m.attachment() != null && "quarterly report.pdf".equals(m.text()));
        assertThat(arrived.attachment().size()).isEqualTo(bytes.length);
        assertThat(bob.downloadFile(Conversation.GROUP, arrived.seq())).isEqualTo(bytes);
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(robot.lookup("#transfers").query().isVisible()).as("no transfers, no space taken").isFalse();
        waitFor(() -> card(robot, "quarterly report.pdf").isPresent());
        assertThat(card(robot, "quarterly report.pdf").orElseThrow().lookup("#file-size"))
                .satisfies(size -> assertThat(((javafx.scene.control.Label) size).getText()).isEqualTo("1.1 MB"));
        bob.close();
    }

    @Test
    void stoppingAnUploadTakesItsBarAwayQuietlyAndSendingTheFileAgainGetsItThere(FxRobot robot) throws Exception {
        TestClient bob = aliceLoggedInWithBob(robot);
        byte[] bytes = randomBytes(1_300_000);
        toAttach.add(Files.write(dir.resolve("draft budget.xlsx"), bytes));
        uploads.hold();
        robot.clickOn("#attach");
        assertThat(uploads.awaitHeld(20)).as("the upload began").isTrue();
        waitFor(() -> robot.lookup("#transfer-cancel").tryQuery().isPresent());

        robot.clickOn("#transfer-cancel");

        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(text(robot, "#chat-error")).as("stopping is no failure").isEmpty();
        assertThat(robot.lookup("#messages").queryListView().getItems()).as("no message was sent")
                .noneMatch(row -> row.toString().contains("draft budget.xlsx"));
        uploads.release();
        robot.clickOn("#attach"); // the appliance kept the first chunk: this goes on from there

        ChatMessage arrived = bob.await(ChatMessage.class, m -> "draft budget.xlsx".equals(m.text()));
        assertThat(bob.downloadFile(Conversation.GROUP, arrived.seq())).isEqualTo(bytes);
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(bob.chat(m -> "draft budget.xlsx".equals(m.text()))).as("sent once").hasSize(1);
        bob.close();
    }

    @Test
    void aPictureShowsItsThumbnailInlineAndAClickOpensTheWholePicture(FxRobot robot) throws Exception {
        TestClient bob = aliceLoggedInWithBob(robot);
        byte[] png = picture(600, 300);

        sendFile(bob, "sunset.png", png, "image/png");

        // The newest picture: the group may show the other tests' too.
        waitFor(() -> robot.lookup("#file-caption").queryAll().stream()
                .anyMatch(c -> ((javafx.scene.control.Label) c).getText().startsWith("sunset.png")));
        javafx.scene.Node sunset = robot.lookup("#file-caption").queryAll().stream()
                .filter(c -> ((javafx.scene.control.Label) c).getText().startsWith("sunset.png")).findFirst().orElseThrow()
                .getParent();
        ImageView thumbnail = (ImageView) sunset.lookup("#file-thumbnail");
        waitFor(() -> thumbnail.getImage() != null);
        assertThat(thumbnail.getImage().getWidth()).as("the appliance's 256-pixel thumbnail").isEqualTo(256);
        assertThat(thumbnail.getImage().getHeight()).isEqualTo(128);
        robot.clickOn(thumbnail);
        waitFor(() -> robot.lookup("#picture-view").tryQuery().isPresent());
        ImageView whole = robot.lookup("#picture-view").queryAs(ImageView.class);
        waitFor(() -> whole.getImage().getProgress() >= 1);
        assertThat(whole.getImage().getWidth()).as("the picture itself, downloaded").isEqualTo(600);
        assertThat(Files.list(dir.resolve("cache")).toList()).as("kept in the cache, under its SHA-256")
                .singleElement().satisfies(cached -> assertThat(Files.readAllBytes(cached)).isEqualTo(png));
        bob.close();
    }

    @Test
    void aPictureTheApplianceNoLongerHasSaysSoInsteadOfAnEmptyBox(FxRobot robot) throws Exception {
        TestClient bob = aliceLoggedInWithBob(robot);
        waitFor(() -> thumbnails != null);
        long before = bob.request(new Posting.Send(bob.nextId(), UUID.randomUUID().toString(), Conversation.GROUP,
                "the whiteboard from this morning:", null), ConversationMessage.Ack.class).seq();
        thumbnails.forgetFrom(before + 1); // as after the retention period: the message stays, its file is deleted

        sendFile(bob, "whiteboard.png", picture(400, 300), "image/png");

        waitFor(() -> caption(robot, "whiteboard.png").isPresent());
        javafx.scene.Node whiteboard = caption(robot, "whiteboard.png").orElseThrow().getParent();
        waitFor(() -> whiteboard.lookup("#file-thumbnail-missing") != null);
        assertThat(((javafx.scene.control.Label) whiteboard.lookup("#file-thumbnail-missing")).getText())
                .isEqualTo("This picture is no longer on the appliance.");
        robot.clickOn(whiteboard.lookup("#file-thumbnail-missing"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#picture-view").tryQuery()).as("nothing to open").isEmpty();
        assertThat(robot.lookup("#transfer-progress").tryQuery()).as("no download tried").isEmpty();
        bob.close();
    }

    @Test
    void theHistoryWindowShowsPicturesAndFilesAsTheConversationDoesAndSavesFromThere(FxRobot robot) throws Exception {
        TestClient bob = aliceLoggedInWithBob(robot);
        byte[] minutes = randomBytes(300_000);
        sendFile(bob, "chart.png", picture(400, 200), "image/png");
        sendFile(bob, "minutes.odt", minutes, "application/vnd.oasis.opendocument.text");
        waitFor(() -> card(robot, "minutes.odt").isPresent());

        robot.clickOn("#history");

        waitFor(() -> robot.lookup("#history-list").tryQuery().isPresent());
        ListView<MessageItem> history = robot.lookup("#history-list").queryListView();
        // The group may hold the other tests' files too: each row is brought into view before it is looked at.
        inView(robot, history, "chart.png");
        waitFor(() -> history.lookupAll("#file-caption").stream()
                .anyMatch(c -> ((javafx.scene.control.Label) c).getText().startsWith("chart.png")));
        ImageView thumbnail = (ImageView) history.lookupAll("#file-caption").stream()
                .filter(c -> ((javafx.scene.control.Label) c).getText().startsWith("chart.png")).findFirst().orElseThrow()
                .getParent().lookup("#file-thumbnail");
        waitFor(() -> thumbnail.getImage() != null);
        assertThat(thumbnail.getImage().getWidth()).as("the appliance's thumbnail, as in the conversation").isEqualTo(256);

        inView(robot, history, "minutes.odt");
        waitFor(() -> history.lookupAll("#file-card").stream().anyMatch(card -> named(card, "minutes.odt")));
        javafx.scene.Node card = history.lookupAll("#file-card").stream().filter(c -> named(c, "minutes.odt"))
                .findFirst().orElseThrow();
        robot.clickOn(card.lookup("#file-save"));
        Path saved = dir.resolve("saved").resolve("minutes.odt");
        waitFor(() -> Files.exists(saved) && robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(Files.readAllBytes(saved)).isEqualTo(minutes);
        bob.close();
    }

    /** Scrolls {@code list} so that the newest row showing {@code text} is at its top. */
    private static void inView(FxRobot robot, ListView<MessageItem> list, String text) {
        waitFor(() -> list.getItems().stream().anyMatch(row -> text.equals(row.text())));
        robot.interact(() -> {
            int at = -1;
            for (int i = 0; i < list.getItems().size(); i++) {
                if (text.equals(list.getItems().get(i).text())) {
                    at = i;
                }
            }
            list.scrollTo(at);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean named(javafx.scene.Node card, String name) {
        return card.lookup("#file-name") instanceof javafx.scene.control.Label label && name.equals(label.getText());
    }

    /** The caption of the picture called {@code name}: the group may hold the other tests' pictures too. */
    private static Optional<javafx.scene.Node> caption(FxRobot robot, String name) {
        return robot.lookup("#file-caption").queryAll().stream()
                .filter(c -> ((javafx.scene.control.Label) c).getText().startsWith(name)).findFirst();
    }

    @Test
    void saveDownloadsAByteIdenticalFileUnderTheSanitisedNameOfAHostileOne(FxRobot robot) throws Exception {
        TestClient bob = aliceLoggedInWithBob(robot);
        String hostile = "..\\evil\u202Egnp.exe"; // a path back up, and a right-to-left override hiding ".exe"
        byte[] bytes = randomBytes(700_000);

        sendFile(bob, hostile, bytes, "application/octet-stream");
        waitFor(() -> card(robot, "evil_gnp.exe").isPresent()); // the name shown is the safe one too
        robot.clickOn(card(robot, "evil_gnp.exe").orElseThrow().lookup("#file-save"));

        Path saved = dir.resolve("saved").resolve("evil_gnp.exe");
        waitFor(() -> Files.exists(saved) && robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(suggested).containsExactly(FileNames.safe(hostile)).containsExactly("evil_gnp.exe");
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
        assertThat(Files.list(dir.resolve("saved")).toList()).as("nothing else written, nothing outside").containsExactly(saved);
        assertThat(text(robot, "#chat-error")).isEmpty();
        waitFor(() -> !text(robot, "#file-saved").isEmpty());
        assertThat(text(robot, "#file-saved")).as("the newcomer had no word that it worked, nor where it went")
                .isEqualTo("Saved evil_gnp.exe to " + saved.toAbsolutePath() + ".");
        robot.clickOn("#file-saved-dismiss");
        waitFor(() -> !robot.lookup("#transfers").query().isVisible());
        bob.close();
    }

    @Test
    void aFileLargerThanTheApplianceTakesIsRefusedBeforeUploadWithTheReason(FxRobot robot) throws Exception {
        String alice = name("files-alice");
        live.appliance().newUser(alice).close();
        logIn(robot, alice);
        Path big = Files.write(dir.resolve("video.mp4"), new byte[(int) MAX_FILE_BYTES + 1]);
        toAttach.add(big);

        robot.clickOn("#attach");

        waitFor(() -> !text(robot, "#chat-error").isEmpty());
        assertThat(text(robot, "#chat-error"))
                .isEqualTo("video.mp4 is not sent: it is 1.9 MB, and this appliance takes files up to 1.9 MB.");
        assertThat(uploads.awaitHeld(0)).as("no upload began").isFalse();
        assertThat(robot.lookup("#transfer-progress").tryQuery()).isEmpty();
    }

    /** A new alice logged in through the window, and a new bob on the protocol, who is returned. */
    private TestClient aliceLoggedInWithBob(FxRobot robot) {
        String alice = name("files-alice");
        live.appliance().newUser(alice).close();
        TestClient bob = live.appliance().newUser(name("files-bob"));
        logIn(robot, alice);
        return bob;
    }

    /** The card of the file shown as {@code name}: the group may hold the other tests' files too. */
    private static Optional<javafx.scene.Node> card(FxRobot robot, String name) {
        return robot.lookup("#file-card").queryAll().stream().filter(card -> named(card, name)).findFirst();
    }

    /** Sends {@code bytes} as a file called {@code name} to the group, through the protocol itself. */
    private static void sendFile(TestClient sender, String name, byte[] bytes, String mediaType) {
        String fileId = sender.uploadFile(bytes, mediaType);
        sender.request(new Posting.Send(sender.nextId(), UUID.randomUUID().toString(), Conversation.GROUP, name, null,
                null, fileId), ConversationMessage.Ack.class);
    }

    private static byte[] picture(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xf97316), width, height, new Color(0x7c3aed)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
