package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ClientEvent.MessageAdded;
import org.lanchat.client.core.ClientEvent.RoomChanged;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage;

/** Named rooms through the client core, against the real appliance (PROTOCOL.md §7.23). */
class ChatClientRoomsTest {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Test
    void aRoomIsCreatedJoinedAndTalkedInAndItsMembersHearOfEachOther() {
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        ChatClient alice = live.user("roomalice", aliceEvents);
        ChatClient bob = live.user("roombob", bobEvents);

        RoomInfo room = alice.rooms().create("Kitchen", "coffee", false).join();
        assertThat(bob.rooms().list().join().open()).contains(room);
        bob.rooms().join(room.conversation()).join();
        assertThat(aliceEvents.await(RoomChanged.class, e -> e.event().change().equals(RoomEvent.JOINED)).event().user())
                .isEqualTo("roombob");
        bob.delivered(bob.sendText(room.conversation(), "the coffee is ready")).join();

        assertThat(aliceEvents.await(MessageAdded.class, e -> e.entry().conversation().equals(room.conversation()))
                .entry().text()).isEqualTo("the coffee is ready");
        aliceEvents.awaitUnread(room.conversation(), 1);
        assertThat(alice.rooms().members(room.conversation()).join().members()).containsExactly("roomalice", "roombob");
    }

    /**
     * Room messages are not handed over at login like private ones (PROTOCOL.md §7.4, §7.23): the catch-up fetches
     * them, and what lies above the user's read mark, set on another device, counts as unread.
     */
    @Test
    void aRoomsMessagesWhileAwayAreCaughtUpAtLoginAsUnreadAboveTheReadMark() {
        TestClient carol = live.appliance().newUser("roomcarol");
        TestClient daveElsewhere = live.appliance().newUser("roomdave");
        Conversation room = carol.request(new RoomRequest.CreateRoom(carol.nextId(), "Night shift", null, "private"),
                RoomMessage.Room.class).room().conversation();
        carol.request(new RoomRequest.Invite(carol.nextId(), room, "roomdave"), SessionMessage.Ok.class);
        long seen = carol.send(room, "before the break").seq();
        daveElsewhere.request(new ConversationRequest.MarkRead(daveElsewhere.nextId(), room, seen), SessionMessage.Ok.class);
        daveElsewhere.close();
        carol.send(room, "while you were out");
        carol.send(room, "and again");

        EventRecorder events = new EventRecorder();
        ChatClient dave = live.client(events);
        dave.login("roomdave", RunningAppliance.PASSWORD).join();

        events.awaitUnread(room, 2);
        assertThat(events.added(e -> e.conversation().equals(room))).extracting(ChatEntry::text)
                .containsExactly("before the break", "while you were out", "and again");
    }

    @Test
    void aRoomTheUserMayNotSeeIsRefusedWithItsCode() {
        ChatClient eve = live.user("roomeve", new EventRecorder());

        assertThatThrownBy(() -> eve.rooms().join(Conversation.room(4242)).join()).isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((ChatException) e.getCause()).code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
    }
}
