package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanchat.appliance.e2e.FilesEndToEndTest.randomBytes;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.FileMessage.FileChunk;
import org.lanchat.protocol.message.FileRequest.Download;
import org.lanchat.protocol.message.Posting.Send;

/**
 * Download chunks are built in turns that go round the computers waiting (PROTOCOL.md §7.24). An attacker's computer
 * asked for 2,500 chunks at once over 500 connections; each had a thread of its own, and a colleague's requests
 * waited seconds behind them all.
 */
class DownloadTurnsEndToEndTest extends OneApplianceTest {
    private static final int FLOOD_CONNECTIONS = 3;
    private static final int CHUNKS_EACH = 32; // a connection's requests in progress at most (§4.2)

    @Test
    void aColleaguesChunkWaitsAboutOneTurnWhileAnotherComputerHasNinetySixWaiting() {
        TestClient alice = appliance.newUser("alice");
        long seq = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "big.bin",
                alice.uploadFile(randomBytes(64_000), null)), Ack.class).seq(); // 32 of them stay under 4 MiB unsent (§4.2)
        TestClient mallory = appliance.connectFrom("127.0.0.2");
        mallory.register("mallory", RunningAppliance.PASSWORD);
        List<TestClient> flood = new ArrayList<>(List.of(mallory));
        for (int i = 1; i < FLOOD_CONNECTIONS; i++) {
            TestClient more = appliance.connectFrom("127.0.0.2");
            more.resume(mallory.token());
            flood.add(more);
        }
        TestClient bob = appliance.connectFrom("127.0.0.3");
        bob.register("bob", RunningAppliance.PASSWORD);

        for (TestClient connection : flood) {
            for (int i = 0; i < CHUNKS_EACH; i++) {
                connection.sendMessage(new Download(connection.nextId(), Conversation.GROUP, seq, 0L, null));
            }
        }
        FileChunk bobs = bob.request(new Download(bob.nextId(), Conversation.GROUP, seq, 0L, null), FileChunk.class);
        long floodAnsweredFirst = flood.stream()
                .mapToLong(c -> c.received().stream().filter(FileChunk.class::isInstance).count()).sum();

        assertThat(bobs.data()).hasSize(64_000);
        assertThat(floodAnsweredFirst).as("of mallory's %d chunks, those that reached mallory before bob's reached bob",
                FLOOD_CONNECTIONS * CHUNKS_EACH).isLessThan(FLOOD_CONNECTIONS * CHUNKS_EACH / 2);
        for (TestClient connection : flood) {
            connection.await(FileChunk.class, chunk -> connection.received().stream()
                    .filter(FileChunk.class::isInstance).count() == CHUNKS_EACH);
        }
    }
}
