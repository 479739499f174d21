package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationRequest.ConversationsRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomRequest.Invite;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;

/**
 * A user's conversations when they do not fit one frame (§6.9): every room anyone invites them to is one more, and a
 * list answered frame_too_large kept their client from ever catching up. At the smallest frame (1024 bytes), forty
 * rooms come in parts with the request's id, all but the last marked hasMore, together listing every one.
 */
class ConversationPartsEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void conversationsTooManyForOneFrameComeInPartsThatTogetherListThemAll() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), b -> b.maxFrameBytes(FrameLimits.MIN_MAX_FRAME_BYTES));
        TestClient mallory = appliance.newUser("mallory");
        TestClient victim = appliance.newUser("victim");
        List<Conversation> rooms = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // invited without being asked, as anyone may be
            Conversation room = mallory.request(new CreateRoom(mallory.nextId(), "room " + i, null, "private"),
                    RoomMessage.Room.class).room().conversation();
            mallory.request(new Invite(mallory.nextId(), room, "victim"), SessionMessage.Ok.class);
            rooms.add(room);
        }

        String id = victim.nextId();
        victim.sendMessage(new ConversationsRequest(id));
        victim.await(ConversationList.class, list -> list.id().equals(id) && !list.more());
        List<ConversationList> parts = new ArrayList<>();
        for (ServerMessage m : victim.received()) {
            if (m instanceof ConversationList list && list.id().equals(id)) {
                parts.add(list);
            }
        }

        assertThat(parts).as("more than one part").hasSizeGreaterThan(1);
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(part -> assertThat(part.more()).isTrue());
        assertThat(parts.stream().flatMap(part -> part.conversations().stream()).map(ConversationInfo::conversation))
                .containsAll(rooms).doesNotHaveDuplicates();
        assertThat(victim.roundTrip(new org.lanchat.protocol.message.SessionRequest.Ping(victim.nextId())))
                .as("the connection stays open").isInstanceOf(SessionMessage.Pong.class);
    }
}
