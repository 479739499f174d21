package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;

/** {@link ChatClient#thumbnail} against the real appliance (PROTOCOL.md §5.39): a picture's PNG, nothing for a file. */
class ChatClientThumbnailTest {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Test
    void aPictureSentByOneMemberHasAThumbnailAnotherFetchesScaledDownWithItsShape() throws Exception {
        ChatClient alice = live.user("painter", new EventRecorder());
        ChatClient bob = live.user("viewer", new EventRecorder());
        BufferedImage wide = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB); // 2:1, larger than 256
        Path picture = live.dir().resolve("wide.png");
        ImageIO.write(wide, "png", picture.toFile());
        ChatEntry sent = alice.delivered(alice.sendFile(Conversation.GROUP, picture, TransferProgress.NONE)).join();

        byte[] png = bob.thumbnail(Conversation.GROUP, sent.seq()).join();

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(thumbnail).as("a PNG ImageIO reads").isNotNull();
        assertThat(thumbnail.getWidth()).isEqualTo(256);
        assertThat(thumbnail.getHeight()).isEqualTo(128);
    }

    @Test
    void aFileThatIsNoPictureHasNoThumbnail() throws Exception {
        ChatClient alice = live.user("archiver", new EventRecorder());
        Path notes = Files.writeString(live.dir().resolve("notes.txt"), "not a picture");
        ChatEntry sent = alice.delivered(alice.sendFile(Conversation.GROUP, notes, TransferProgress.NONE)).join();

        assertThatThrownBy(() -> alice.thumbnail(Conversation.GROUP, sent.seq()).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((ChatException) e.getCause()).code()).isEqualTo(ErrorCode.NO_SUCH_ATTACHMENT));
    }
}
