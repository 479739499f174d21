package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;

/** The client takes the frame limit the appliance announces in {@code welcome} (PROTOCOL.md §2), both ways. */
class FrameLimitTest {
    /** 3990 emoji of 4 bytes each in UTF-8 (room left for a number): about 16 KB of JSON per message. */
    private static final String LONG_TEXT = "\uD83D\uDE00".repeat(3990);

    @TempDir
    Path dir;

    @Test
    void fromAnApplianceAllowing4MiBAHistoryPageLargerThan1MiBArrivesWhole() {
        try (LiveAppliance live = LiveAppliance.start(dir, config -> config.maxFrameBytes(4 << 20))) {
            TestClient bob = live.appliance().newUser("bob");
            int count = 80;
            for (int i = 0; i < count; i++) {
                bob.send(Conversation.GROUP, i + LONG_TEXT);
            }
            long textBytes = (long) count * LONG_TEXT.getBytes(StandardCharsets.UTF_8).length;
            assertThat(textBytes).as("the page cannot fit the default limit").isGreaterThan(FrameLimits.DEFAULT_MAX_FRAME_BYTES);

            ChatClient alice = live.user("alice", new EventRecorder());
            HistorySlice page = alice.history(Conversation.GROUP, 0, count).join();

            assertThat(page.entries()).hasSize(count);
            assertThat(page.hasMore()).as("one page, not cut short").isFalse();
            assertThat(page.entries().getLast().text()).isEqualTo((count - 1) + LONG_TEXT);
        }
    }

    @Test
    void toAnApplianceAllowing64KiBALargerRequestIsRefusedHereBeforeItIsSent() {
        try (LiveAppliance live = LiveAppliance.start(dir, config -> config.maxFrameBytes(64 << 10))) {
            ChatClient client = live.client(new EventRecorder());
            byte[] avatar = new byte[100 << 10]; // 100 KiB: about 137 KB once base64-encoded

            // Sent, it would cost the connection: the appliance answers frame_too_large and hangs up.
            assertThatThrownBy(() -> client.register("carol", RunningAppliance.PASSWORD, avatar).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));

            Session session = client.register("carol", RunningAppliance.PASSWORD, null).join();
            assertThat(session.limits().maxFrameBytes()).isEqualTo(64 << 10);
        }
    }
}
