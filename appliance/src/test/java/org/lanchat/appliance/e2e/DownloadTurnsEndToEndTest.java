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
    /** One chunk of 64 KB; a connection's 32 of them stay under its 4 MiB of unsent bytes (§4.2). */
    private static final int FILE_BYTES = 64_000;
    private static final int FLOOD_CONNECTIONS = 3;
    private static final int CHUNKS_EACH = 32; // a connection's requests in progress at most (§4.2)

    private static long chunksReceived(List<TestClient> connections) {
        return connections.stream().mapToLong(c -> c.received().stream().filter(FileChunk.class::isInstance).count()).sum();
    }

    @Test
    void aColleaguesChunkWaitsAboutOneTurnWhileAnotherComputerHasNinetySixWaiting() {
        TestClient alice = appliance.newUser("alice");
        long seq = alice.request(Send.file(alice.nextId(), "c1", Conversation.GROUP, "big.bin",
                alice.uploadFile(randomBytes(FILE_BYTES), null)), Ack.class).seq();
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
        long answeredBefore = chunksReceived(flood);
        FileChunk bobs = bob.request(new Download(bob.nextId(), Conversation.GROUP, seq, 0L, null), FileChunk.class);
        long answeredMeanwhile = chunksReceived(flood) - answeredBefore;

        assertThat(bobs.data()).hasSize(FILE_BYTES);
        // Those on their way when bob asked and about one turn: 2 to 4 in runs here, also with both cores busy. Served
        // in the order asked, bob's chunk came after mallory's still waiting: 67 to 96 of them in runs without turns.
        assertThat(answeredMeanwhile).as("of mallory's %d chunks, %d answered before bob asked, those answered while bob"
                + " waited", FLOOD_CONNECTIONS * CHUNKS_EACH, answeredBefore).isLessThan(24);
        for (TestClient connection : flood) {
            connection.await(FileChunk.class, chunk -> connection.received().stream()
                    .filter(FileChunk.class::isInstance).count() == CHUNKS_EACH);
        }
    }
}
