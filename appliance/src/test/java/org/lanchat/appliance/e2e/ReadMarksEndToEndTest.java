package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationMessage.Read;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;
import org.lanchat.protocol.message.ConversationMessage.ReadMarks;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * Read marks and typing (PROTOCOL §5.19–5.21, §6.17–6.18, §7.18) over real TLS on the embedded database
 * ({@link ReadMarksOnMariaDbEndToEndTest} runs the same on MariaDB).
 */
class ReadMarksEndToEndTest extends OneApplianceTest {
    @Test
    void aPrivateReadMarkReachesTheSenderAndTheReadersOtherDevicesButNobodyElse() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient bobPhone = appliance.login("bob");
        TestClient carol = appliance.newUser("carol");
        sendSome(alice, Conversation.with("bob"), 3);

        markRead(bob, Conversation.with("Alice"), 2);

        assertThat(alice.await(Read.class, r -> true)).as("named from alice's side")
                .isEqualTo(new Read(Conversation.with("bob"), "bob", 2));
        assertThat(bobPhone.await(Read.class, r -> true)).as("bob's other device, for its unread count")
                .isEqualTo(new Read(Conversation.with("alice"), "bob", 2));
        Ack later = alice.send(Conversation.GROUP, "after the mark");
        carol.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
        bob.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
        assertThat(carol.received()).as("not a member").noneMatch(Read.class::isInstance);
        assertThat(bob.received()).as("the reading connection knows already").noneMatch(Read.class::isInstance);
    }

    @Test
    void marksOnlyMoveForwardAndNeverPastTheNewestMessage() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        sendSome(alice, Conversation.with("bob"), 3);

        markRead(bob, Conversation.with("alice"), 1_000_000);
        assertThat(alice.await(Read.class, r -> true).seq()).as("reduced to the newest message").isEqualTo(3);
        markRead(bob, Conversation.with("alice"), 1); // ignored, still answered ok

        assertThat(info(bob, Conversation.with("alice")).readThrough()).isEqualTo(3);
        assertThat(info(alice, Conversation.with("bob")).peerReadThrough()).isEqualTo(3);
        Ack later = bob.send(Conversation.with("alice"), "done");
        alice.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
        assertThat(alice.received()).as("a mark that did not move is not announced")
                .filteredOn(Read.class::isInstance).hasSize(1);
    }

    @Test
    void aClientThatWasOfflineLearnsBothMarksFromItsConversationsEvenAfterARestart() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        sendSome(alice, Conversation.with("bob"), 4);
        sendSome(bob, Conversation.GROUP, 5);
        markRead(alice, Conversation.GROUP, 5);
        alice.close();
        markRead(bob, Conversation.with("alice"), 4);
        markRead(bob, Conversation.GROUP, 2);

        appliance.restart(); // the marks were buffered: shutting down writes them
        TestClient aliceAgain = appliance.login("alice");

        ConversationInfo dm = info(aliceAgain, Conversation.with("bob"));
        assertThat(dm.readThrough()).as("alice's own mark, from another device's point of view").isEqualTo(0);
        assertThat(dm.peerReadThrough()).as("bob has read all four").isEqualTo(4);
        ConversationInfo group = info(aliceAgain, Conversation.GROUP);
        assertThat(group.readThrough()).isEqualTo(5);
        assertThat(group.peerReadThrough()).as("the group has no single peer").isNull();
        assertThat(aliceAgain.request(new ConversationRequest.ReadMarksRequest(aliceAgain.nextId(), Conversation.GROUP),
                ReadMarks.class).marks()).containsExactly(new ReadMark("alice", 5), new ReadMark("bob", 2));
    }

    @Test
    void inTheGroupMarksAreAskedForNotPushedToEveryone() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("Carol");
        sendSome(alice, Conversation.GROUP, 3);

        markRead(bob, Conversation.GROUP, 3);
        markRead(carol, Conversation.GROUP, 2);

        ReadMarks marks = alice.request(new ConversationRequest.ReadMarksRequest(alice.nextId(), Conversation.GROUP), ReadMarks.class);
        assertThat(marks.conversation()).isEqualTo(Conversation.GROUP);
        assertThat(marks.marks()).as("sorted by name, ignoring case")
                .containsExactly(new ReadMark("bob", 3), new ReadMark("Carol", 2));
        Ack later = bob.send(Conversation.GROUP, "after the marks");
        alice.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
        assertThat(alice.received()).noneMatch(Read.class::isInstance);
    }

    @Test
    void inARoomOnlyItsMembersNowCountAsReaders() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Conversation room = alice.request(new RoomRequest.CreateRoom(alice.nextId(), "Budget", null, "private"),
                RoomMessage.Room.class).room().conversation();
        alice.request(new RoomRequest.Invite(alice.nextId(), room, "bob"), Ok.class);
        alice.request(new RoomRequest.Invite(alice.nextId(), room, "carol"), Ok.class);
        sendSome(alice, room, 2);
        markRead(bob, room, 2);
        markRead(carol, room, 1);

        alice.request(new RoomRequest.RemoveMember(alice.nextId(), room, "bob"), Ok.class);
        carol.request(new RoomRequest.LeaveRoom(carol.nextId(), room), Ok.class);

        ReadMarks marks = alice.request(new ConversationRequest.ReadMarksRequest(alice.nextId(), room), ReadMarks.class);
        assertThat(marks.marks()).as("a removed member and one who left are no longer readers of the room").isEmpty();
        alice.request(new RoomRequest.Invite(alice.nextId(), room, "bob"), Ok.class);
        assertThat(alice.request(new ConversationRequest.ReadMarksRequest(alice.nextId(), room), ReadMarks.class).marks())
                .as("back in the room, with the mark he had").containsExactly(new ReadMark("bob", 2));
    }

    @Test
    void nobodyLearnsTheMarksOfAPrivateConversationTheyAreNotIn() {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        sendSome(alice, Conversation.with("bob"), 2);
        markRead(alice, Conversation.with("bob"), 2);

        // "@alice" asked by carol can only ever mean carol-and-alice, where nothing was read.
        ReadMarks marks = carol.request(new ConversationRequest.ReadMarksRequest(carol.nextId(), Conversation.with("alice")),
                ReadMarks.class);
        assertThat(marks.marks()).isEmpty();
        assertThat(carol.request(new ConversationRequest.ConversationsRequest(carol.nextId()), ConversationList.class)
                .conversations()).extracting(ConversationInfo::conversation).containsExactly(Conversation.GROUP);
        assertThat(TestClient.codeOf(carol.roundTrip(new ConversationRequest.ReadMarksRequest(carol.nextId(),
                Conversation.with("nobody"))))).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        assertThat(TestClient.codeOf(carol.roundTrip(new ConversationRequest.MarkRead(carol.nextId(),
                Conversation.with("carol"), 1L)))).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void typingInAPrivateConversationReachesOnlyThePeer() {
        TestClient alice = appliance.newUser("alice");
        TestClient alicePhone = appliance.login("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");

        alice.request(new ConversationRequest.Typing(alice.nextId(), Conversation.with("BOB")), Ok.class);

        assertThat(bob.await(ConversationMessage.Typing.class, t -> true))
                .isEqualTo(new ConversationMessage.Typing(Conversation.with("alice"), "alice", 6000));
        Ack later = alice.send(Conversation.GROUP, "after typing");
        for (TestClient other : List.of(carol, alicePhone)) {
            other.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
            assertThat(other.received()).noneMatch(ConversationMessage.Typing.class::isInstance);
        }
    }

    @Test
    void typingInTheGroupReachesEveryoneOnlineButTheTypist() {
        TestClient alice = appliance.newUser("alice");
        TestClient alicePhone = appliance.login("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");

        alice.request(new ConversationRequest.Typing(alice.nextId(), Conversation.GROUP), Ok.class);

        ConversationMessage.Typing expected = new ConversationMessage.Typing(Conversation.GROUP, "alice", 6000);
        assertThat(bob.await(ConversationMessage.Typing.class, t -> true)).isEqualTo(expected);
        assertThat(carol.await(ConversationMessage.Typing.class, t -> true)).isEqualTo(expected);
        Ack later = bob.send(Conversation.GROUP, "after typing");
        alicePhone.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
        assertThat(alicePhone.received()).noneMatch(ConversationMessage.Typing.class::isInstance);
    }

    @Test
    void aTypingFloodIsAnsweredButRelayedOnce() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");

        // Sent back to back and answered after: one at a time, 50 round trips could outlast the 2 s between relays.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(alice.nextId());
            alice.sendMessage(new ConversationRequest.Typing(ids.getLast(), Conversation.with("bob")));
        }
        for (String id : ids) {
            assertThat(alice.awaitReply(id)).isInstanceOf(Ok.class);
        }
        Ack later = alice.send(Conversation.with("bob"), "sent");

        bob.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == later.messageId());
        assertThat(bob.received()).filteredOn(ConversationMessage.Typing.class::isInstance).hasSize(1);
    }

    private static void sendSome(TestClient from, Conversation to, int count) {
        for (int i = 1; i <= count; i++) {
            from.send(to, "message " + i);
        }
    }

    private static void markRead(TestClient reader, Conversation conversation, long seq) {
        reader.request(new ConversationRequest.MarkRead(reader.nextId(), conversation, seq), Ok.class);
    }

    private static ConversationInfo info(TestClient client, Conversation conversation) {
        return client.request(new ConversationRequest.ConversationsRequest(client.nextId()), ConversationList.class)
                .conversations().stream().filter(c -> c.conversation().equals(conversation)).findFirst().orElseThrow();
    }
}
