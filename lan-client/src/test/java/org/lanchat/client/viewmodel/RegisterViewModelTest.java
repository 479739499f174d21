package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.Session;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterViewModelTest {
    private final FakeChatService client = new FakeChatService();
    private final List<Session> registered = new ArrayList<>();
    private final RegisterViewModel model = new RegisterViewModel(client, SameThread.EXECUTOR, SameThread.EXECUTOR, registered::add);
    @TempDir
    Path dir;

    @Test
    void everyFieldIsCheckedBeforeSending() {
        model.usernameProperty().set("a!");
        model.passwordProperty().set("short");
        model.confirmationProperty().set("other");
        model.register();

        assertThat(model.usernameErrorProperty().get()).isNotEmpty();
        assertThat(model.passwordErrorProperty().get()).contains("at least 8");
        assertThat(model.confirmationErrorProperty().get()).isEqualTo("The passwords do not match.");
        assertThat(client.registrations).isEmpty();
    }

    @Test
    void thePasswordMayNotBeTheUsername() {
        model.usernameProperty().set("alice.smith");
        model.passwordProperty().set("ALICE.SMITH");
        model.confirmationProperty().set("ALICE.SMITH");
        assertThat(model.validate()).isFalse();
        assertThat(model.passwordErrorProperty().get()).isEqualTo("The password must not be your username.");
    }

    @Test
    void aTakenNameIsShownAtTheUsername() {
        fill();
        model.register();
        client.authResult.completeExceptionally(new ChatException(ErrorCode.USERNAME_TAKEN, "taken", Optional.empty()));
        assertThat(model.usernameErrorProperty().get()).isEqualTo("That username is taken; choose another.");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aDisplayNameGoesWithTheRegistrationAndARefusalIsShownAtIt() {
        fill();
        model.displayNameProperty().set("张伟");
        model.register();
        assertThat(client.registrations).singleElement().asString().endsWith(":张伟");
        client.authResult.completeExceptionally(new ChatException(ErrorCode.DISPLAY_NAME_TAKEN,
                "the display name looks too much like another user's name; choose another", Optional.empty()));
        assertThat(model.displayNameErrorProperty().get())
                .isEqualTo("That display name looks like another user's.");
    }

    @Test
    void aRefusedPictureIsShownAtTheAvatar() {
        fill();
        model.register();
        client.authResult.completeExceptionally(new ChatException(ErrorCode.INVALID_IMAGE, "not an image", Optional.empty()));
        assertThat(model.avatarErrorProperty().get()).contains("cannot read this picture");
    }

    @Test
    void withoutAPictureTheDefaultAvatarIsUsed() {
        fill();
        model.register();
        client.authResult.complete(FakeChatService.session("alice"));
        assertThat(client.registrations).containsExactly("alice:correct horse:no avatar");
        assertThat(registered).hasSize(1);
    }

    @Test
    void aSmallPictureIsSentAsItIsAndALargeOneIsShrunk() throws IOException {
        Path small = picture("small.png", 64, 48);
        model.chooseAvatar(small);
        assertThat(model.avatarProperty().get()).isEqualTo(Files.readAllBytes(small));

        Path huge = picture("huge.png", 5000, 20);
        model.chooseAvatar(huge);
        BufferedImage shrunk = ImageIO.read(new java.io.ByteArrayInputStream(model.avatarProperty().get()));
        assertThat(shrunk.getWidth()).isEqualTo(256);
        assertThat(shrunk.getHeight()).isEqualTo(256);
    }

    @Test
    void somethingThatIsNotAPictureIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        model.chooseAvatar(text);
        assertThat(model.avatarErrorProperty().get()).isEqualTo("Choose a PNG, JPEG or GIF picture.");
        assertThat(model.avatarProperty().get()).isNull();
    }

    private Path picture(String name, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }

    private void fill() {
        model.usernameProperty().set("alice");
        model.passwordProperty().set("correct horse");
        model.confirmationProperty().set("correct horse");
    }
}
