package org.lanchat.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.h2.engine.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;

/**
 * An appliance upgraded in place keeps its embedded database. {@code store/lanchat-h2-2.3.232.mv.db.gz} is the
 * {@code db/lanchat.mv.db} of a data directory made by the appliance on H2 2.3.232 (LAN Chat before the H2 2.5 upgrade):
 * alice and bob registered with {@link RunningAppliance#PASSWORD}, alice sent "Hello from H2 2.3.232" to the group and
 * "Just for you, Bob" to bob, bob answered "Got it", and the appliance stopped cleanly. H2 2.4 and 2.5 write the same
 * MVStore format (3) as 2.3, so the new engine opens the file as it is; this test fails first if a later H2 does not.
 */
class H2UpgradeTest {
    @TempDir
    Path dir;

    private void unpackDataDirectoryMadeByH2_2_3() throws IOException {
        Path file = Files.createDirectories(dir.resolve("db")).resolve("lanchat.mv.db");
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/store/lanchat-h2-2.3.232.mv.db.gz"))) {
            Files.copy(in, file);
        }
    }

    /** The whole conversation, oldest first. */
    private static HistoryPage history(TestClient client, Conversation conversation) {
        return client.request(new ConversationRequest.HistoryRequest(client.nextId(), conversation, null, 0L, 50), HistoryPage.class);
    }

    @Test
    void aDataDirectoryMadeByH2_2_3KeepsItsAccountsAndMessages() throws IOException {
        assertThat(Constants.VERSION_MAJOR + "." + Constants.VERSION_MINOR).as("the engine under test").isEqualTo("2.5");
        unpackDataDirectoryMadeByH2_2_3();
        try (RunningAppliance appliance = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            TestClient alice = appliance.login("alice");
            TestClient bob = appliance.login("bob");

            assertThat(history(alice, Conversation.GROUP).messages()).extracting(ChatMessage::from, ChatMessage::text)
                    .containsExactly(tuple("alice", "Hello from H2 2.3.232"));
            assertThat(history(bob, Conversation.with("alice")).messages()).extracting(ChatMessage::from, ChatMessage::text)
                    .containsExactly(tuple("alice", "Just for you, Bob"),
                            tuple("bob", "Got it"));

            alice.send(Conversation.GROUP, "Written by H2 2.5");
            appliance.restart();
            assertThat(history(appliance.login("bob"), Conversation.GROUP).messages()).extracting(ChatMessage::text)
                    .containsExactly("Hello from H2 2.3.232", "Written by H2 2.5");
        }
    }
}
