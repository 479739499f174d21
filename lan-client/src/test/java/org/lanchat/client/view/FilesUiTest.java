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
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.FileNames;
import org.lanchat.client.core.TransferProgress;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.client.viewmodel.FileCalls;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.ServerMessage.ChatMessage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 17's files in the desktop window, against the real appliance: attaching one (the file dialog replaced by the
 * file a person would pick), its progress bar, a picture inline that opens in the viewer, Save of a file with a
 * hostile name, and a file too large refused before it is read.
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
    /** Holds an upload after its first chunk while counted down from 1; released by the test. */
    private volatile CountDownLatch uploadGate = new CountDownLatch(0);
    private final CountDownLatch firstChunk = new CountDownLatch(1);

    @Start
    void start(Stage stage) throws IOException {
        startApp(stage, live, live.dir(), true);
        Path saved = Files.createDirectories(dir.resolve("saved"));
        navigator.fileDialogs(new FileDialogs(owner -> List.copyOf(toAttach), (owner, name) -> {
            suggested.add(name);
            return Optional.of(saved.resolve(name));
        }));
        navigator.fileCache(dir.resolve("cache"));
        navigator.fileCalls(client -> new Gated(FileCalls.of(client)));
    }

    @AfterEach
    void stop() throws TimeoutException {
        uploadGate.countDown();
        stopApp();
    }

    private static String name(String prefix) {
        return prefix + USERS.incrementAndGet();
    }

    @Test
    void aFileAttachedShowsItsProgressUntilSentAndArrivesAtAnotherUserWithItsNameAndSize(FxRobot robot) throws Exception {
        String alice = name("files-alice");
        live.appliance().newUser(alice).close();
        TestClient bob = live.appliance().newUser(name("files-bob"));
        logIn(robot, alice);
        byte[] bytes = randomBytes(1_200_000); // three chunks
        Path report = Files.write(dir.resolve("quarterly report.pdf"), bytes);
        toAttach.add(report);
        uploadGate = new CountDownLatch(1);

        robot.clickOn("#attach");

        assertThat(firstChunk.await(20, TimeUnit.SECONDS)).as("the upload began").isTrue();
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isPresent());
        ProgressBar bar = robot.lookup("#transfer-progress").queryAs(ProgressBar.class);
        waitFor(() -> bar.getProgress() > 0 && bar.getProgress() < 1);
        assertThat(text(robot, "#transfer-name")).isEqualTo("Sending quarterly report.pdf");
        assertThat(text(robot, "#transfer-bytes")).isEqualTo("512.0 KB of 1.1 MB");
        assertThat(robot.lookup("#draft").query().isDisabled()).as("the chat goes on meanwhile").isFalse();
        uploadGate.countDown();

        ChatMessage arrived = bob.await(ChatMessage.class, m -> m.attachment() != null);
        assertThat(arrived.text()).isEqualTo("quarterly report.pdf");
        assertThat(arrived.attachment().size()).isEqualTo(bytes.length);
        assertThat(bob.downloadFile(Conversation.GROUP, arrived.seq())).isEqualTo(bytes);
        waitFor(() -> robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(robot.lookup("#transfers").query().isVisible()).as("no transfers, no space taken").isFalse();
        waitFor(() -> robot.lookup("#file-name").tryQuery().isPresent());
        assertThat(text(robot, "#file-name")).isEqualTo("quarterly report.pdf");
        assertThat(text(robot, "#file-size")).isEqualTo("1.1 MB");
        bob.close();
    }

    @Test
    void aPictureShowsItsThumbnailInlineAndAClickOpensTheWholePicture(FxRobot robot) throws Exception {
        String alice = name("files-alice");
        live.appliance().newUser(alice).close();
        TestClient bob = live.appliance().newUser(name("files-bob"));
        logIn(robot, alice);
        byte[] png = picture(600, 300);

        sendFile(bob, "sunset.png", png, "image/png");

        waitFor(() -> robot.lookup("#file-thumbnail").tryQuery().isPresent()
                && robot.lookup("#file-thumbnail").queryAs(ImageView.class).getImage() != null);
        ImageView thumbnail = robot.lookup("#file-thumbnail").queryAs(ImageView.class);
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
    void saveDownloadsAByteIdenticalFileUnderTheSanitisedNameOfAHostileOne(FxRobot robot) throws Exception {
        String alice = name("files-alice");
        live.appliance().newUser(alice).close();
        TestClient bob = live.appliance().newUser(name("files-bob"));
        logIn(robot, alice);
        String hostile = "..\\evil\u202Egnp.exe"; // a path back up, and a right-to-left override hiding ".exe"
        byte[] bytes = randomBytes(700_000);

        sendFile(bob, hostile, bytes, "application/octet-stream");
        waitFor(() -> robot.lookup("#file-save").tryQuery().isPresent());
        assertThat(text(robot, "#file-name")).isEqualTo("evil_gnp.exe");
        robot.clickOn("#file-save");

        Path saved = dir.resolve("saved").resolve("evil_gnp.exe");
        waitFor(() -> Files.exists(saved) && robot.lookup("#transfer-progress").tryQuery().isEmpty());
        assertThat(suggested).containsExactly(FileNames.safe(hostile)).containsExactly("evil_gnp.exe");
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
        assertThat(Files.list(dir.resolve("saved")).toList()).as("nothing else written, nothing outside").containsExactly(saved);
        assertThat(text(robot, "#chat-error")).isEmpty();
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
        assertThat(firstChunk.getCount()).as("no upload began").isEqualTo(1);
        assertThat(robot.lookup("#transfer-progress").tryQuery()).isEmpty();
    }

    /** Sends {@code bytes} as a file called {@code name} to the group, through the protocol itself. */
    private static void sendFile(TestClient sender, String name, byte[] bytes, String mediaType) {
        String fileId = sender.uploadFile(bytes, mediaType);
        sender.request(new ClientMessage.Send(sender.nextId(), UUID.randomUUID().toString(), Conversation.GROUP, name, null,
                null, fileId), ServerMessage.Ack.class);
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

    /** The real calls, an upload held after its first chunk while {@link #uploadGate} is closed. */
    private final class Gated implements FileCalls {
        private final FileCalls real;

        Gated(FileCalls real) {
            this.real = real;
        }

        @Override
        public ChatEntry send(Conversation conversation, Path file, TransferProgress progress)
                throws ChatException, IOException, InterruptedException {
            return real.send(conversation, file, (done, total) -> {
                progress.progress(done, total);
                if (done > 0) {
                    firstChunk.countDown();
                    try {
                        uploadGate.await(); // progress runs on the uploading thread: the next chunk waits
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }

        @Override
        public CompletableFuture<ChatEntry> delivered(ChatEntry sent) {
            return real.delivered(sent);
        }

        @Override
        public void download(Conversation conversation, long seq, Path target, TransferProgress progress)
                throws ChatException, IOException, InterruptedException {
            real.download(conversation, seq, target, progress);
        }

        @Override
        public CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
            return real.thumbnail(conversation, seq);
        }

        @Override
        public OptionalLong maxFileBytes() {
            return real.maxFileBytes();
        }
    }
}
