package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.chat.MessageViews;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** Delivery rules of PROTOCOL §7.2 and presence of §7.8, for the connections of one appliance. */
class LocalRouterTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;
    private static final Map<Long, String> NAMES = Map.of(ALICE, "alice", BOB, "bob", CAROL, "carol");

    private final ManualLane laneA = new ManualLane();
    private final ManualLane laneB = new ManualLane();
    private final SessionRegistry registry = new SessionRegistry();
    private final MessageRouter router = new LocalRouter(registry, new MessageCodec(FrameLimits.DEFAULT),
            new MessageViews(NAMES::get));
    private final RecordingLink alicePhone = add(11, ALICE, laneA);
    private final RecordingLink aliceDesk = add(12, ALICE, laneB);
    private final RecordingLink bob = add(21, BOB, laneB);
    private final RecordingLink carol = add(31, CAROL, laneA);

    @Test
    void aGroupMessageReachesEveryConnectionButTheOneItWasSentFrom() {
        router.route(new StoredMessage(100, ConversationKey.GROUP, 1, ALICE, null, "c1", "hello", null, 5), alicePhone.linkId());
        runLanes();
        ChatMessage seen = new ChatMessage(100, Conversation.GROUP, 1, "alice", "c1", "hello", null, 5);
        assertThat(alicePhone.received).isEmpty();
        assertThat(aliceDesk.received).containsExactly(seen);
        assertThat(bob.received).containsExactly(seen);
        assertThat(carol.received).containsExactly(seen);
        assertThat(bob.messageIds).containsExactly(100L);
    }

    @Test
    void aPrivateMessageReachesTheRecipientAndTheSendersOtherConnectionsEachFromTheirSide() {
        router.route(new StoredMessage(100, ConversationKey.direct(ALICE, BOB), 1, ALICE, BOB, "c1", "psst", null, 5),
                alicePhone.linkId());
        runLanes();
        assertThat(bob.received).containsExactly(new ChatMessage(100, Conversation.with("alice"), 1, "alice", "c1", "psst", null, 5));
        assertThat(aliceDesk.received).containsExactly(new ChatMessage(100, Conversation.with("bob"), 1, "alice", "c1", "psst", null, 5));
        assertThat(alicePhone.received).as("the sending connection gets the ack instead").isEmpty();
        assertThat(carol.received).isEmpty();
    }

    @Test
    void aRoomMessageReachesItsMembersConnectionsOnlyAskingForNobodyElse() {
        java.util.Set<Long> asked = new java.util.HashSet<>();
        LocalRouter rooms = new LocalRouter(registry, new MessageCodec(FrameLimits.DEFAULT), new MessageViews(id -> {
            asked.add(id);
            return NAMES.get(id);
        }));
        rooms.serveRooms(new org.lanchat.appliance.core.RoomRoster() {
            @Override
            public java.util.Set<Long> members(long roomId) {
                return roomId == 7 ? java.util.Set.of(ALICE, BOB, 99L) : java.util.Set.of(); // 99: a member offline
            }

            @Override
            public void forget(long roomId) {
            }
        });

        rooms.route(new StoredMessage(100, ConversationKey.room(7), 1, ALICE, null, "c1", "standup", null, 5),
                alicePhone.linkId());
        runLanes();

        ChatMessage seen = new ChatMessage(100, Conversation.room(7), 1, "alice", "c1", "standup", null, 5);
        assertThat(aliceDesk.received).containsExactly(seen);
        assertThat(bob.received).containsExactly(seen);
        assertThat(alicePhone.received).as("the sending connection gets the ack instead").isEmpty();
        assertThat(carol.received).as("online, not a member").isEmpty();
        assertThat(asked).as("one view for every member: only the sender's name is looked up").containsExactly(ALICE);
    }

    @Test
    void messagesReachAConnectionInTheOrderTheyWereRouted() {
        for (long seq = 1; seq <= 5; seq++) {
            router.route(new StoredMessage(100 + seq, ConversationKey.GROUP, seq, BOB, null, "c" + seq, "m" + seq, null, 5), 0);
            router.route(new StoredMessage(200 + seq, ConversationKey.direct(BOB, CAROL), seq, BOB, CAROL, "d" + seq, "d" + seq, null, 5), 0);
        }
        runLanes();
        assertThat(carol.received).extracting(m -> ((ChatMessage) m).messageId())
                .containsExactly(101L, 201L, 102L, 202L, 103L, 203L, 104L, 204L, 105L, 205L);
    }

    @Test
    void presenceIsAnnouncedOnlyWhenItChangedAndTheRosterFollowsIt() {
        router.announcePresence();
        runLanes();
        Presence first = new Presence(List.of("alice", "bob", "carol"), List.of(), 3);
        assertThat(bob.received).containsExactly(first);
        assertThat(router.roster().users()).containsExactly("alice", "bob", "carol");

        router.announcePresence();
        runLanes();
        assertThat(bob.received).as("nothing changed, nothing sent").containsExactly(first);

        registry.remove(carol);
        registry.remove(alicePhone); // alice still has her desk
        router.announcePresence();
        runLanes();
        assertThat(bob.received).containsExactly(first, new Presence(List.of(), List.of("carol"), 2));
        assertThat(router.roster().count()).isEqualTo(2);
    }

    @Test
    void aQuietTickSendsNothingYetAStateChangeOrSomeoneArrivingAfterItIsAnnouncedAtTheNext() {
        router.announcePresence();
        router.announcePresence(); // nobody came or went: skipped without looking at who is online
        runLanes();
        assertThat(bob.received).hasSize(1);

        router.announceState("carol", UserState.of(PresenceState.AWAY, "lunch"));
        router.announcePresence();
        runLanes();
        assertThat(bob.received).last().isEqualTo(new Presence(List.of(), List.of(), 3, Map.of(),
                Map.of("carol", UserState.of(PresenceState.AWAY, "lunch"))));

        RecordingLink dave = new RecordingLink(41, 4, "dave", laneA);
        registry.add(dave);
        router.announcePresence();
        runLanes();
        assertThat(bob.received).last().isEqualTo(new Presence(List.of("dave"), List.of(), 4));

        registry.remove(dave);
        registry.add(new RecordingLink(42, 4, "dave", laneB)); // gone and back between two ticks
        router.announcePresence();
        runLanes();
        assertThat(bob.received).as("the same users online: nothing to say").hasSize(3);
    }

    @Test
    void onlineMeansAConnectionAndDisconnectingReachesEveryConnectionOfTheUser() {
        assertThat(router.isOnline(ALICE)).isTrue();
        assertThat(router.isOnline(99)).isFalse();
        assertThat(router.disconnectUser(ALICE, ErrorCode.ACCOUNT_DISABLED, "disabled")).isEqualTo(2);
        runLanes();
        assertThat(alicePhone.byeReason).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        assertThat(aliceDesk.byeReason).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        assertThat(bob.byeReason).isNull();
    }

    private RecordingLink add(long linkId, long userId, ManualLane lane) {
        RecordingLink link = new RecordingLink(linkId, userId, NAMES.get(userId), lane);
        registry.add(link);
        return link;
    }

    private void runLanes() {
        while (laneA.runAll() + laneB.runAll() > 0) {
            // a task may queue another (the coalesced flush)
        }
    }
}
