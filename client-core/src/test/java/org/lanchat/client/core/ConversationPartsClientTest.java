package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage;

/**
 * Catching up when the list of one's conversations does not fit a frame (PROTOCOL.md §6.9, §7.5): the client joins
 * its parts, so it catches up every conversation, also those the last part lists. Before, a user invited into
 * enough rooms could never catch up again.
 */
class ConversationPartsClientTest {
    @TempDir
    Path dir;

    @Test
    void aUserInMoreRoomsThanOneFrameListsCatchesUpInEveryOne() {
        try (LiveAppliance live = LiveAppliance.start(dir, config -> config.maxFrameBytes(FrameLimits.MIN_MAX_FRAME_BYTES))) {
            TestClient mallory = live.appliance().newUser("mallory");
            live.appliance().newUser("victim").close();
            List<Conversation> rooms = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Conversation room = mallory.request(new RoomRequest.CreateRoom(mallory.nextId(), "room " + i, null, "private"),
                        RoomMessage.Room.class).room().conversation();
                mallory.request(new RoomRequest.Invite(mallory.nextId(), room, "victim"), SessionMessage.Ok.class);
                mallory.send(room, "in room " + i);
                rooms.add(room);
            }

            ChatClient victim = live.client(new EventRecorder());
            victim.login("victim", RunningAppliance.PASSWORD).join();
            victim.caughtUp().orTimeout(EventRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();

            for (int i = 0; i < rooms.size(); i++) {
                assertThat(victim.messages(rooms.get(i)).join()).extracting(ChatEntry::text).as("room %d", i)
                        .contains("in room " + i);
            }
            victim.close();
        }
    }
}
