package org.lanchat.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.reliability.report.Figures;

/**
 * Carol tries every way the protocol offers to read what Alice and Bob said to each other: history and
 * catch-up pages under every spelling of their names (case variants, Unicode look-alikes, stored keys
 * such as {@code dm:1:2}, two names in one), the conversation list, clearing their history, avatar and
 * roster requests, a forged clientMsgId copied from one of their messages, and simply staying online
 * while they chat. Afterwards nothing carol received — no page, no event, no ack, no error message —
 * holds a word, a message id or a clientMsgId of theirs, and their own view is untouched.
 */
class ForgedIdsPrivacyTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;
    TestClient alice;
    TestClient bob;
    final List<Ack> theirs = new ArrayList<>();
    final List<String> theirClientIds = new ArrayList<>();
    final List<String> theirWords = new ArrayList<>();

    @BeforeEach
    void aliceAndBobTalkInPrivate() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir));
        alice = appliance.newUser("Alice"); // canonical spelling with a capital: lookups ignore case
        bob = appliance.newUser("bob");
        for (int i = 0; i < 5; i++) {
            say(alice, "bob", "alice-to-bob secret " + i);
            say(bob, "Alice", "bob-to-alice secret " + i);
        }
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    private void say(TestClient from, String to, String words) {
        String clientMsgId = "secret-" + theirClientIds.size() + "-" + from.username();
        theirs.add(from.send(Conversation.with(to), words, clientMsgId));
        theirClientIds.add(clientMsgId);
        theirWords.add(words);
    }

    @Test
    void carolCannotReadAlicesAndBobsPrivateMessagesWhateverIdsSheForges() {
        TestClient carol = appliance.newUser("carol");
        TestClient carolElsewhere = appliance.login("carol"); // a second device, receiving live events too
        int attempts = 0;

        // 1. History and catch-up pages under every spelling that names a real user: only carol's own (empty) conversations.
        for (String name : List.of("alice", "Alice", "ALICE", "aLiCe", "bob", "BOB", "Bob")) {
            for (Long after : new Long[] {null, 0L, 1L, 4L, Long.MAX_VALUE - 1}) {
                HistoryPage page = carol.request(new ConversationRequest.HistoryRequest(carol.nextId(), Conversation.of("@" + name), null, after, 200),
                        HistoryPage.class);
                attempts++;
                assertThat(page.messages()).as("history of @%s after %s", name, after).isEmpty();
                assertThat(page.conversation().value()).isIn("@Alice", "@bob");
            }
            HistoryPage back = carol.request(new ConversationRequest.HistoryRequest(carol.nextId(), Conversation.of("@" + name), Long.MAX_VALUE, null, 200),
                    HistoryPage.class);
            attempts++;
            assertThat(back.messages()).isEmpty();
        }

        // 2. Forged conversation names: refused before anything is looked up, or no such user.
        List<String> forged = List.of("dm:1:2", "dm:2:1", "dm:1:2:3", "@dm:1:2", "@alice@bob", "@alice,bob", "@alice:bob", "@alice bob",
                "@alice/bob", "@alice\\u0000", "@\\u0430lice", "@ａｌｉｃｅ", "@alice\\u200b", "@\\u202ealice", "@AL\\u0130CE", "@al\\u0131ce",
                "alice", "@", "@@alice", "group:@alice", "group/@alice", "@*", "@%", "@alice'--", "@../bob");
        for (String conversation : forged) {
            for (String request : List.of("history", "clear_history")) {
                String id = carol.nextId();
                carol.sendJson("{\"type\":\"" + request + "\",\"id\":\"" + id + "\",\"conversation\":\"" + conversation + "\"}");
                ServerMessage reply = carol.awaitReply(id);
                attempts++;
                assertThat(TestClient.codeOf(reply)).as("%s of %s: %s", request, conversation, reply).isEqualTo(ErrorCode.INVALID_FIELD);
            }
            // Each of these fails to decode; twenty in a row would end the connection (too_many_errors).
            carol.request(new SessionRequest.Ping(carol.nextId()), SessionMessage.Pong.class);
        }
        for (String lookalike : List.of("@alice.bob", "@alice-bob", "@alice_", "@bob1", "@a1ice")) {
            ServerMessage reply = carol.roundTrip(new ConversationRequest.HistoryRequest(carol.nextId(), Conversation.of(lookalike), null, 0L, 200));
            attempts++;
            assertThat(TestClient.codeOf(reply)).as("history of %s: %s", lookalike, reply).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        }

        // 3. Her conversation list names only what she is in.
        ConversationMessage.ConversationList list = carol.request(new ConversationRequest.ConversationsRequest(carol.nextId()),
                ConversationMessage.ConversationList.class);
        attempts++;
        assertThat(list.conversations()).extracting(i -> i.conversation().value()).containsExactly("group");

        // 4. Clearing "their" history clears only carol's own view of her own conversations.
        for (String name : List.of("alice", "BOB")) {
            carol.request(new ConversationRequest.ClearHistory(carol.nextId(), Conversation.of("@" + name)), SessionMessage.Ok.class);
            attempts++;
        }

        // 5. Avatars and roster are public by design; they carry pictures and names, never messages.
        for (String name : List.of("alice", "ALICE", "bob")) {
            ProfileMessage.Avatar avatar = carol.request(new ProfileRequest.GetAvatar(carol.nextId(), name, null), ProfileMessage.Avatar.class);
            attempts++;
            assertThat(avatar.username()).isIn("Alice", "bob");
        }
        for (String name : List.of("\\u0430lice", "b\\u043eb", "alice\\u200b", "../alice")) {
            String id = carol.nextId();
            carol.sendJson("{\"type\":\"get_avatar\",\"id\":\"" + id + "\",\"username\":\"" + name + "\"}");
            attempts++;
            assertThat(TestClient.codeOf(carol.awaitReply(id))).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        }
        carol.request(new ProfileRequest.RosterRequest(carol.nextId()), ProfileMessage.Roster.class);
        attempts++;

        // 6. A clientMsgId copied from one of their messages is carol's own new key, not a way to their ack.
        Ack copied = carol.send(Conversation.with("alice"), "carol's own words under a copied id", theirClientIds.get(0));
        attempts++;
        assertThat(copied.duplicate()).isFalse();
        assertThat(copied.conversation().value()).isEqualTo("@Alice");
        assertThat(copied.messageId()).isNotEqualTo(theirs.get(0).messageId());
        assertThat(copied.seq()).as("the first message of carol-and-alice").isEqualTo(1);

        // 7. While carol is online, alice and bob go on talking: nothing reaches her connections live.
        say(alice, "BOB", "alice-to-bob secret while carol watches");
        say(bob, "alice", "bob-to-alice secret while carol watches");
        // A relay to carol would have been queued on her connection before their acks, so before these pongs.
        carol.request(new SessionRequest.Ping("sync"), SessionMessage.Pong.class);
        carolElsewhere.request(new SessionRequest.Ping("sync"), SessionMessage.Pong.class);

        // Nothing of theirs anywhere in what carol's two connections received.
        Set<Long> theirIds = new HashSet<>();
        theirs.forEach(a -> theirIds.add(a.messageId()));
        for (TestClient connection : List.of(carol, carolElsewhere)) {
            for (ServerMessage m : connection.received()) {
                String text = m.toString();
                assertThat(theirWords).as("in %s", text).noneMatch(text::contains);
                assertThat(theirClientIds.subList(1, theirClientIds.size())).as("in %s", text).noneMatch(text::contains);
                for (ChatMessage chat : chatIn(m)) {
                    assertThat(theirIds).as("%s", chat).doesNotContain(chat.messageId());
                }
            }
        }

        // And their own view is whole: every message, nothing cleared.
        for (TestClient member : List.of(alice, bob)) {
            String peer = member == alice ? "bob" : "Alice";
            HistoryPage page = member.request(new ConversationRequest.HistoryRequest(member.nextId(), Conversation.with(peer), null, 0L, 200),
                    HistoryPage.class);
            assertThat(page.clearedThrough()).isZero();
            assertThat(page.messages()).extracting(ChatMessage::messageId).containsExactlyElementsOf(theirs.stream().map(Ack::messageId).toList());
        }
        Figures.record("privacy with forged ids", "requests by the outsider", attempts);
        Figures.record("privacy with forged ids", "forged conversation names tried", forged.size());
        Figures.record("privacy with forged ids", "their messages seen by the outsider", 0);
    }

    @Test
    void carolLearnsNeitherTheReadMarksNorTheTypingOfAlicesAndBobsConversation() {
        TestClient carol = appliance.newUser("carol");
        alice.request(new ConversationRequest.MarkRead(alice.nextId(), Conversation.with("bob"), 10L), SessionMessage.Ok.class);
        bob.request(new ConversationRequest.MarkRead(bob.nextId(), Conversation.with("alice"), 9L), SessionMessage.Ok.class);
        alice.request(new ConversationRequest.Typing(alice.nextId(), Conversation.with("bob")), SessionMessage.Ok.class);
        bob.await(ConversationMessage.Typing.class, t -> true);

        // Every spelling names carol's own conversation with them, where nobody has read anything.
        for (String name : List.of("alice", "ALICE", "bob", "Bob")) {
            ConversationMessage.ReadMarks marks = carol.request(new ConversationRequest.ReadMarksRequest(carol.nextId(), Conversation.of("@" + name)),
                    ConversationMessage.ReadMarks.class);
            assertThat(marks.marks()).as("read_marks of @%s", name).isEmpty();
        }
        for (String conversation : List.of("dm:1:2", "@dm:1:2", "@alice@bob", "@\\u0430lice", "@alice:bob")) {
            for (String request : List.of("read_marks", "typing")) {
                String id = carol.nextId();
                carol.sendJson("{\"type\":\"" + request + "\",\"id\":\"" + id + "\",\"conversation\":\"" + conversation + "\"}");
                assertThat(TestClient.codeOf(carol.awaitReply(id))).as("%s of %s", request, conversation).isEqualTo(ErrorCode.INVALID_FIELD);
            }
            carol.request(new SessionRequest.Ping(carol.nextId()), SessionMessage.Pong.class);
        }
        // Moving "their" mark moves carol's own, in her own (empty) conversation: theirs stay as they were.
        carol.request(new ConversationRequest.MarkRead(carol.nextId(), Conversation.with("alice"), 99L), SessionMessage.Ok.class);
        ConversationMessage.ConversationInfo seenByAlice = alice.request(new ConversationRequest.ConversationsRequest(alice.nextId()),
                ConversationMessage.ConversationList.class).conversations().stream()
                .filter(i -> i.conversation().equals(Conversation.with("bob"))).findFirst().orElseThrow();
        assertThat(seenByAlice.readThrough()).isEqualTo(10);
        assertThat(seenByAlice.peerReadThrough()).isEqualTo(9);

        // While carol watches, they read and type on: nothing of it reaches her.
        bob.request(new ConversationRequest.MarkRead(bob.nextId(), Conversation.with("alice"), 10L), SessionMessage.Ok.class);
        bob.request(new ConversationRequest.Typing(bob.nextId(), Conversation.with("alice")), SessionMessage.Ok.class);
        alice.await(ConversationMessage.Typing.class, t -> t.user().equals("bob"));
        carol.request(new SessionRequest.Ping("sync"), SessionMessage.Pong.class);
        assertThat(carol.received()).noneMatch(m -> m instanceof ConversationMessage.Read || m instanceof ConversationMessage.Typing);
        Figures.record("privacy with forged ids", "read marks or typing of theirs seen by the outsider", 0);
    }

    private static List<ChatMessage> chatIn(ServerMessage m) {
        return switch (m) {
            case ChatMessage c -> List.of(c);
            case HistoryPage h -> h.messages();
            default -> List.of();
        };
    }
}
