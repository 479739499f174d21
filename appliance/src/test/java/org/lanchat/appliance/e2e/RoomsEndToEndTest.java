package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.text.Normalizer;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.testing.AdminTool;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.ConversationRequest.ClearHistory;
import org.lanchat.protocol.message.ConversationRequest.ConversationsRequest;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.ConversationRequest.MarkRead;
import org.lanchat.protocol.message.ConversationRequest.ReadMarksRequest;
import org.lanchat.protocol.message.ConversationRequest.Search;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.RoomMessage.Room;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import org.lanchat.protocol.message.RoomRequest.ArchiveRoom;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomRequest.Invite;
import org.lanchat.protocol.message.RoomRequest.JoinRoom;
import org.lanchat.protocol.message.RoomRequest.LeaveRoom;
import org.lanchat.protocol.message.RoomRequest.RemoveMember;
import org.lanchat.protocol.message.RoomRequest.RoomMembersRequest;
import org.lanchat.protocol.message.RoomRequest.RoomsRequest;
import org.lanchat.protocol.message.RoomRequest.UpdateRoom;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * Named rooms (PROTOCOL.md §5.27 to §5.35, §6.20 to §6.23, §7.23) over real TLS on the embedded database
 * ({@link RoomsOnMariaDbEndToEndTest} runs the same on MariaDB): creating, joining, inviting, leaving, removing,
 * renaming and archiving; messages that reach members only and wait for those offline; and a private room that nobody
 * outside it can read, post to, list, or tell from a room that does not exist.
 */
class RoomsEndToEndTest extends OneApplianceTest {

    @Test
    void aCreatedRoomHasItsCreatorAsOnlyMemberAndAPublicOneIsListedForEveryone() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");

        RoomInfo created = create(alice, "Design", "weekly sketches", false);

        assertThat(created.conversation().isRoom()).isTrue();
        assertThat(created).extracting(RoomInfo::name, RoomInfo::topic, RoomInfo::visibility, RoomInfo::creator,
                RoomInfo::members, RoomInfo::archived).containsExactly("Design", "weekly sketches", "public", "alice", 1, false);
        assertThat(rooms(alice).joined()).containsExactly(created);
        assertThat(rooms(bob).joined()).isEmpty();
        assertThat(rooms(bob).open()).containsExactly(created);
    }

    @Test
    void joiningInvitingLeavingAndRemovingAreSeenLiveByTheMembers() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Conversation room = create(alice, "Ops", null, false).conversation();

        RoomInfo joined = bob.request(new JoinRoom(bob.nextId(), room), Room.class).room();
        assertThat(joined.members()).isEqualTo(2);
        assertThat(alice.await(RoomEvent.class, e -> e.change().equals(RoomEvent.JOINED)))
                .extracting(RoomEvent::conversation, RoomEvent::user, RoomEvent::by).containsExactly(room, "bob", "bob");

        bob.request(new Invite(bob.nextId(), room, "CAROL"), Ok.class);
        assertThat(carol.await(RoomEvent.class, e -> e.change().equals(RoomEvent.INVITED)))
                .as("the invited user hears of it too: now a member")
                .extracting(RoomEvent::user, RoomEvent::by).containsExactly("carol", "bob");
        assertThat(members(alice, room)).containsExactly("alice", "bob", "carol");

        carol.request(new LeaveRoom(carol.nextId(), room), Ok.class);
        assertThat(alice.await(RoomEvent.class, e -> e.change().equals(RoomEvent.LEFT)).room().members()).isEqualTo(2);

        alice.request(new RemoveMember(alice.nextId(), room, "bob"), Ok.class);
        assertThat(bob.await(RoomEvent.class, e -> e.change().equals(RoomEvent.REMOVED)))
                .as("the removed member hears it, although no longer a member")
                .extracting(RoomEvent::user, RoomEvent::by).containsExactly("bob", "alice");
        assertThat(members(alice, room)).containsExactly("alice");
    }

    @Test
    void aMessageReachesTheRoomsMembersAndNobodyElse() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        Conversation room = create(alice, "Release", null, true).conversation();
        alice.request(new Invite(alice.nextId(), room, "bob"), Ok.class);

        Ack first = alice.send(room, "ship it on Monday");
        Ack second = bob.send(room, "agreed");

        assertThat(first.conversation()).isEqualTo(room);
        assertThat(List.of(first.seq(), second.seq())).as("sequence numbers of its own").containsExactly(1L, 2L);
        assertThat(bob.awaitChat(1, m -> m.conversation().equals(room))).extracting(ChatMessage::from, ChatMessage::text)
                .containsExactly(tuple("alice", "ship it on Monday"));
        assertThat(alice.awaitChat(1, m -> m.conversation().equals(room))).extracting(ChatMessage::seq)
                .containsExactly(second.seq());
        alice.send(Conversation.GROUP, "a marker after the room's messages");
        carol.awaitChat(1, m -> m.conversation().isGroup());
        assertThat(carol.chat(m -> m.conversation().isRoom())).as("carol is not a member").isEmpty();
    }

    @Test
    void aPrivateRoomIsIndistinguishableFromNoRoomToANonMemberWhateverTheRequest() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient mallory = appliance.newUser("mallory");
        Conversation secret = create(alice, "Salaries", null, true).conversation();
        alice.request(new Invite(alice.nextId(), secret, "bob"), Ok.class);
        Ack sent = alice.send(secret, "the salary list");
        Conversation missing = Conversation.room(secret.roomId() + 1000);

        for (Function<Conversation, ClientMessage> forged : forgedRequests(mallory, sent.seq())) {
            SessionMessage.Error onSecret = mallory.requestError(forged.apply(secret));
            SessionMessage.Error onMissing = mallory.requestError(forged.apply(missing));
            assertThat(onSecret.code()).as("%s", forged.apply(secret)).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
            assertThat(onMissing.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND);
            assertThat(onSecret.message().replace(secret.value(), "#N"))
                    .as("the same words for both").isEqualTo(onMissing.message().replace(missing.value(), "#N"));
        }
        assertThat(rooms(mallory).open()).as("never listed").isEmpty();
        assertThat(search(mallory, "salary")).isEmpty();
        assertThat(history(alice, secret).messages()).as("nothing was posted by the forged requests").hasSize(1);

        alice.request(new RemoveMember(alice.nextId(), secret, "bob"), Ok.class);
        for (Function<Conversation, ClientMessage> forged : forgedRequests(bob, sent.seq())) {
            assertThat(bob.requestError(forged.apply(secret)).code()).as("removed, %s", forged.apply(secret))
                    .isEqualTo(ErrorCode.ROOM_NOT_FOUND);
        }
        assertThat(search(bob, "salary")).as("a removed member finds nothing of it any more").isEmpty();
        assertThat(conversations(bob)).extracting(ConversationInfo::conversation).doesNotContain(secret);
    }

    @Test
    void aMemberWhoWasOfflineCatchesUpWithUnreadCountsAndHistory() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Conversation room = create(alice, "Night shift", null, false).conversation();
        bob.request(new JoinRoom(bob.nextId(), room), Room.class);
        bob.close();

        alice.send(room, "the printer is out of toner");
        Ack last = alice.send(room, "fixed it");
        TestClient back = appliance.login("bob");

        ConversationInfo info = conversations(back).stream().filter(c -> c.conversation().equals(room)).findFirst()
                .orElseThrow();
        assertThat(info.lastSeq()).isEqualTo(last.seq());
        assertThat(info.readThrough()).as("two unread").isZero();
        assertThat(info.peerReadThrough()).as("a room has no single peer").isNull();
        assertThat(history(back, room).messages()).extracting(ChatMessage::text)
                .containsExactly("fixed it", "the printer is out of toner");

        back.request(new MarkRead(back.nextId(), room, last.seq()), Ok.class);
        assertThat(conversations(back).stream().filter(c -> c.conversation().equals(room)).findFirst().orElseThrow()
                .readThrough()).isEqualTo(last.seq());
        back.request(new ClearHistory(back.nextId(), room), Ok.class);
        assertThat(history(back, room).messages()).as("cleared for bob").isEmpty();
        assertThat(history(alice, room).messages()).as("not for alice").hasSize(2);
    }

    @Test
    void editsDeletesAndReactionsWorkInARoom() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Conversation room = create(alice, "Kitchen", null, false).conversation();
        bob.request(new JoinRoom(bob.nextId(), room), Room.class);
        Ack sent = alice.send(room, "cake in the kitchen");

        alice.edit(room, sent.seq(), "cake and coffee in the kitchen");
        bob.react(room, sent.seq(), "👍", false);

        assertThat(bob.awaitChat(2, m -> m.conversation().equals(room))).extracting(ChatMessage::edits)
                .contains(sent.seq());
        assertThat(alice.awaitChat(1, m -> m.reactsTo() != null)).extracting(ChatMessage::reaction).containsExactly("👍");
        assertThat(search(bob, "coffee")).extracting(SearchHit::conversation, SearchHit::seq)
                .containsExactly(tuple(room, sent.seq()));
    }

    @Test
    void onlyTheCreatorRenamesRemovesAndArchivesAndAnArchivedRoomTakesNothingNew() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Conversation room = create(alice, "Old name", null, false).conversation();
        bob.request(new JoinRoom(bob.nextId(), room), Room.class);
        alice.send(room, "before the archive");

        assertThat(bob.requestError(new UpdateRoom(bob.nextId(), room, "Mine now", null)).code())
                .isEqualTo(ErrorCode.NOT_ROOM_CREATOR);
        assertThat(bob.requestError(new RemoveMember(bob.nextId(), room, "alice")).code())
                .isEqualTo(ErrorCode.NOT_ROOM_CREATOR);
        assertThat(bob.requestError(new ArchiveRoom(bob.nextId(), room)).code()).isEqualTo(ErrorCode.NOT_ROOM_CREATOR);

        RoomInfo renamed = alice.request(new UpdateRoom(alice.nextId(), room, "  New name ", "a topic"), Room.class).room();
        assertThat(renamed).extracting(RoomInfo::name, RoomInfo::topic).containsExactly("New name", "a topic");
        assertThat(bob.await(RoomEvent.class, e -> e.change().equals(RoomEvent.UPDATED)).room().name()).isEqualTo("New name");
        assertThat(alice.request(new UpdateRoom(alice.nextId(), room, null, ""), Room.class).room().topic())
                .as("an empty topic clears it").isNull();

        alice.request(new ArchiveRoom(alice.nextId(), room), Ok.class);
        assertThat(bob.await(RoomEvent.class, e -> e.change().equals(RoomEvent.ARCHIVED)).room().archived()).isTrue();
        assertThat(bob.requestError(new Send(bob.nextId(), "c-1", room, "after", null)).code())
                .isEqualTo(ErrorCode.ROOM_ARCHIVED);
        assertThat(alice.requestError(new Invite(alice.nextId(), room, "carol")).code()).isIn(ErrorCode.ROOM_ARCHIVED);
        assertThat(history(bob, room).messages()).as("still readable").hasSize(1);
        assertThat(rooms(appliance.newUser("carol")).open()).as("no longer open").isEmpty();
        bob.request(new LeaveRoom(bob.nextId(), room), Ok.class);
    }

    /** §5.31: like a private send to one (§5.6), inviting a disabled account is unknown_recipient; it is not added. */
    @Test
    void aDisabledAccountCannotBeInvitedButStaysRemovableIfItWasAMember() throws Exception {
        TestClient alice = appliance.newUser("alice");
        appliance.newUser("carol").close();
        appliance.newUser("dave").close();
        Conversation room = create(alice, "Handover", null, true).conversation();
        alice.request(new Invite(alice.nextId(), room, "dave"), Ok.class);
        try (var socket = AdminTool.socket(dir.resolve("admin.sock"), appliance.appliance())) {
            for (String user : List.of("carol", "dave")) {
                AdminTool.Result disabled = AdminTool.run(dir, "disable", user);
                assertThat(disabled.exit()).as(disabled.err()).isZero();
            }
        }

        SessionMessage.Error refused = alice.requestError(new Invite(alice.nextId(), room, "Carol"));
        assertThat(refused.code()).as("inviting disabled carol").isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        assertThat(refused.message()).contains("disabled");
        assertThat(alice.requestError(new Invite(alice.nextId(), room, "dave")).code())
                .as("a disabled member is not invited again either").isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
        assertThat(members(alice, room)).as("carol was not added").containsExactly("alice", "dave");
        alice.request(new RemoveMember(alice.nextId(), room, "dave"), Ok.class);
        assertThat(members(alice, room)).containsExactly("alice");
    }

    /**
     * §5.6 "Resends", §7.3: a client that lost its ack resends; the message is stored, so it gets the stored ack although
     * since then the sender left, the room was archived or the file was deleted. Anything new there is still refused.
     */
    @Test
    void aResentSendGetsItsStoredAckAfterTheSenderLeftTheRoomWasArchivedOrTheFileWentAway() throws Exception {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        Conversation room = create(alice, "Retro", null, false).conversation();
        bob.request(new JoinRoom(bob.nextId(), room), Room.class);
        Ack bobs = bob.send(room, "my last word", "bob-1");
        String fileId = alice.uploadFile("minutes".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
        Ack file = alice.request(Send.file(alice.nextId(), "alice-file", room, "minutes.txt", fileId), Ack.class);
        Ack alices = alice.send(room, "closing now", "alice-1");
        Ack edit = alice.request(new Posting.Edit(alice.nextId(), "alice-edit", room, alices.seq(), "closing now!"),
                Ack.class);

        bob.request(new LeaveRoom(bob.nextId(), room), Ok.class);
        Ack bobAgain = bob.request(new Send(bob.nextId(), "bob-1", room, "my last word", null), Ack.class);
        assertThat(bobAgain).as("bob's resend after leaving").extracting(Ack::messageId, Ack::seq, Ack::duplicate)
                .containsExactly(bobs.messageId(), bobs.seq(), true);
        assertThat(bob.requestError(new Send(bob.nextId(), "bob-1", room, "something else", null)).code())
                .as("other content under the same key").isEqualTo(ErrorCode.CLIENT_MSG_ID_CONFLICT);
        assertThat(bob.requestError(new Send(bob.nextId(), "bob-2", room, "a new one", null)).code())
                .as("a new message after leaving").isEqualTo(ErrorCode.ROOM_NOT_FOUND);

        alice.request(new ArchiveRoom(alice.nextId(), room), Ok.class);
        assertThat(alice.request(new Send(alice.nextId(), "alice-1", room, "closing now", null), Ack.class))
                .as("alice's resend after archiving").extracting(Ack::messageId, Ack::duplicate)
                .containsExactly(alices.messageId(), true);
        assertThat(alice.requestError(new Send(alice.nextId(), "alice-2", room, "one more", null)).code())
                .isEqualTo(ErrorCode.ROOM_ARCHIVED);
        assertThat(alice.request(new Posting.Edit(alice.nextId(), "alice-edit", room, alices.seq(), "closing now!"),
                Ack.class)).as("an edit resent after archiving (§7.3: changes too)")
                .extracting(Ack::messageId, Ack::duplicate).containsExactly(edit.messageId(), true);

        // The file goes away (as retention would remove it): the resend still finds its message.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM attachment_uploaders WHERE file_id = '" + fileId + "'");
            st.executeUpdate("DELETE FROM attachments WHERE file_id = '" + fileId + "'");
        }
        assertThat(alice.request(Send.file(alice.nextId(), "alice-file", room, "minutes.txt", fileId), Ack.class))
                .as("the file message resent after its file went and its room was archived")
                .extracting(Ack::messageId, Ack::duplicate).containsExactly(file.messageId(), true);
        assertThat(history(alice, room).messages()).as("nothing was stored twice: 3 messages and the edit").hasSize(4);
    }

    /** §5.28: joined then open, a page at a time, each continuing after the previous page's next. */
    @Test
    void roomsComeInPagesJoinedFirstAndAForgedCursorIsOnlyAPlace() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        RoomInfo a1 = create(alice, "a1", null, false);
        RoomInfo b2 = create(alice, "B2", null, false);
        RoomInfo c3 = create(alice, "c3", null, false);
        RoomInfo d4 = create(bob, "D4", null, false);
        RoomInfo e5 = create(bob, "e5", null, false);
        RoomInfo secret = create(bob, "aaa secret", null, true);

        RoomList first = alice.request(new RoomsRequest(alice.nextId(), null, 2), RoomList.class);
        assertThat(first.joined()).containsExactly(a1, b2);
        assertThat(first.open()).isEmpty();
        assertThat(first.hasMore()).isTrue();
        RoomList second = alice.request(new RoomsRequest(alice.nextId(), first.next(), 2), RoomList.class);
        assertThat(second.joined()).containsExactly(c3);
        assertThat(second.open()).as("open follows joined on the same page").containsExactly(d4);
        RoomList last = alice.request(new RoomsRequest(alice.nextId(), second.next(), 2), RoomList.class);
        assertThat(last.open()).containsExactly(e5);
        assertThat(last.hasMore()).isFalse();
        assertThat(last.next()).isNull();
        assertThat(rooms(alice)).as("no paging fields: one page of up to 100")
                .extracting(RoomList::joined, RoomList::open, RoomList::hasMore)
                .containsExactly(List.of(a1, b2, c3), List.of(d4, e5), false);

        // A cursor alice made up, naming bob's private room by id: a place in the order, which tells nothing of it.
        RoomList forged = alice.request(new RoomsRequest(alice.nextId(),
                "j" + secret.conversation().roomId() + ":b", null), RoomList.class);
        assertThat(forged.joined()).as("after 'b' among alice's rooms").containsExactly(b2, c3);
        assertThat(forged.open()).containsExactly(d4, e5);
        for (String json : List.of("\"after\":\"j-1:a\"", "\"after\":\"q1:a\"", "\"limit\":0", "\"limit\":-1")) {
            alice.sendJson("{\"type\":\"rooms\",\"id\":\"forged\"," + json + "}");
            assertThat(((SessionMessage.Error) alice.awaitReply("forged")).code()).as(json).isEqualTo(ErrorCode.INVALID_FIELD);
        }
    }

    /** §5.35: members a page at a time, each after the last name of the previous one. */
    @Test
    void roomMembersComeInPagesAfterTheLastName() {
        TestClient alice = appliance.newUser("alice");
        Conversation room = create(alice, "Crowd", null, true).conversation();
        for (String user : List.of("Carol", "bob", "dave")) {
            appliance.newUser(user).close();
            alice.request(new Invite(alice.nextId(), room, user), Ok.class);
        }

        RoomMembers first = alice.request(new RoomMembersRequest(alice.nextId(), room, null, 2), RoomMembers.class);
        assertThat(first.members()).containsExactly("alice", "bob");
        assertThat(first.hasMore()).isTrue();
        RoomMembers second = alice.request(new RoomMembersRequest(alice.nextId(), room, "BOB", 2), RoomMembers.class);
        assertThat(second.members()).as("after 'BOB', ignoring case").containsExactly("Carol", "dave");
        assertThat(second.hasMore()).isFalse();
        assertThat(alice.request(new RoomMembersRequest(alice.nextId(), room, "zzz", null), RoomMembers.class).members())
                .isEmpty();
        alice.sendJson("{\"type\":\"room_members\",\"id\":\"forged\",\"room\":\"" + room.value()
                + "\",\"after\":\"-1\"}");
        assertThat(((SessionMessage.Error) alice.awaitReply("forged")).code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void publicRoomNamesAreUniqueIgnoringCaseWhilePrivateRoomsMayShareThem() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        create(alice, "General", null, false);

        assertThat(bob.requestError(new CreateRoom(bob.nextId(), "GENERAL", null, null)).code())
                .isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        RoomInfo privateOne = create(bob, "General", null, true);
        assertThat(privateOne.visibility()).isEqualTo("private");
        RoomInfo other = create(bob, "Other", null, false);
        assertThat(bob.requestError(new UpdateRoom(bob.nextId(), other.conversation(), "general", null)).code())
                .isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        assertThat(bob.requestError(new CreateRoom(bob.nextId(), " \u3000 ", null, null)).code())
                .as("a blank name").isEqualTo(ErrorCode.INVALID_FIELD);
    }

    /**
     * §5.27: lengths are checked as sent, and NFC may lengthen a name or topic (U+0958 becomes two units, U+2ADC two,
     * U+FB2C three); it is stored and shown whole, and the database goes on writing everyone's messages.
     */
    @Test
    void aNameOrTopicThatNfcLengthensIsStoredWhole() {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        String devanagari = "\u0958" + "z".repeat(63);

        RoomInfo created = create(alice, devanagari, "\u2ADC".repeat(250), false);
        assertThat(created.name()).isEqualTo(Normalizer.normalize(devanagari, Normalizer.Form.NFC)).hasSize(65);
        assertThat(created.topic()).hasSize(500);
        String hebrew = "\uFB2C".repeat(64);
        RoomInfo renamed = alice.request(new UpdateRoom(alice.nextId(), created.conversation(), hebrew, null), Room.class)
                .room();
        assertThat(renamed.name()).isEqualTo(Normalizer.normalize(hebrew, Normalizer.Form.NFC)).hasSize(192);
        assertThat(rooms(bob).open()).extracting(RoomInfo::name).containsExactly(renamed.name());
        assertThat(create(bob, hebrew.toUpperCase(java.util.Locale.ROOT), null, true).name()).as("a private room")
                .hasSize(192);
        assertThat(bob.send(Conversation.GROUP, "the database still writes").seq()).isPositive();
    }

    @Test
    void aPublicRoomCannotPassForAnotherWithLookAlikeOrInvisibleCharacters() {
        TestClient alice = appliance.newUser("alice");
        TestClient mallory = appliance.newUser("mallory");
        create(alice, "General", null, false);

        for (String lookAlike : new String[] {"G\u0435neral", "\uFF27eneral", "Genera\u217C", "Genera1", "\uFF27\uFF45neral", "\u0262eneral"}) {
            assertThat(mallory.requestError(new CreateRoom(mallory.nextId(), lookAlike, null, null)).code())
                    .as(lookAlike).isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        }
        for (String hidden : new String[] {"Genera\u200Bl", "\u202EGeneral", "General\u202E", "Gen\u00A0eral",
                "General\u2800", "\u2800General"}) { // a Braille blank draws as nothing
            assertThat(mallory.requestError(new CreateRoom(mallory.nextId(), hidden, null, null)).code())
                    .as(hidden).isEqualTo(ErrorCode.INVALID_FIELD);
        }
        assertThat(mallory.requestError(new CreateRoom(mallory.nextId(), "Plans", "\u202Edesrever", null)).code())
                .as("a topic too").isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(mallory.requestError(new CreateRoom(mallory.nextId(), "Genera1", null, null)).message())
                .isEqualTo("a public room is already called 'General', which 'Genera1' looks too much like");
        RoomInfo other = create(mallory, "Generous", null, false);
        assertThat(mallory.requestError(new UpdateRoom(mallory.nextId(), other.conversation(), "Gen\u0435ral", null)).code())
                .as("renamed into a look-alike").isEqualTo(ErrorCode.ROOM_NAME_TAKEN);
        create(alice, "Deslgn", null, false);
        create(alice, "Design", null, false); // a small i is no l
        assertThat(mallory.requestError(new CreateRoom(mallory.nextId(), "DESIGN", null, null)).message())
                .as("a capital I looks like an l, but the refusal names the room of the same name")
                .isEqualTo("a public room is already called 'Design'");
        assertThat(create(mallory, "G\u0435neral", null, true).visibility()).as("a private room may").isEqualTo("private");
        assertThat(create(mallory, "\u4F1A\u8BAE\u5BA4 Meeting", "Q3 \u9884\u7B97", false).name()).as("Chinese is fine")
                .isEqualTo("\u4F1A\u8BAE\u5BA4 Meeting");
    }

    @Test
    void leavingAlwaysWorksEvenForTheCreatorAndARoomYouLeftIsGoneFromYourConversations() {
        TestClient alice = appliance.newUser("alice");
        Conversation room = create(alice, "Solo", null, true).conversation();
        alice.send(room, "talking to myself");
        assertThat(conversations(alice)).extracting(ConversationInfo::conversation).contains(room);

        alice.request(new LeaveRoom(alice.nextId(), room), Ok.class);

        assertThat(conversations(alice)).extracting(ConversationInfo::conversation).doesNotContain(room);
        assertThat(alice.requestError(new JoinRoom(alice.nextId(), room)).code())
                .as("a private room is joined by invitation only").isEqualTo(ErrorCode.ROOM_NOT_FOUND);
    }

    /** Every request that names a room, as a user who may not see it would forge it. */
    private static List<Function<Conversation, ClientMessage>> forgedRequests(TestClient who, long seq) {
        return List.of(
                room -> new Send(who.nextId(), "forged-" + who.nextId(), room, "let me in", null),
                room -> new HistoryRequest(who.nextId(), room, null, null, null),
                room -> new RoomMembersRequest(who.nextId(), room),
                room -> new MarkRead(who.nextId(), room, seq),
                room -> new ReadMarksRequest(who.nextId(), room),
                room -> new Posting.React(who.nextId(), "forged-" + who.nextId(), room, seq, "👍", null),
                room -> new Posting.Edit(who.nextId(), "forged-" + who.nextId(), room, seq, "mine"),
                room -> new Posting.Delete(who.nextId(), "forged-" + who.nextId(), room, seq),
                room -> new ConversationRequest.Typing(who.nextId(), room),
                room -> new ClearHistory(who.nextId(), room),
                room -> new Search(who.nextId(), "salary", room, null, null),
                room -> new JoinRoom(who.nextId(), room),
                room -> new LeaveRoom(who.nextId(), room),
                room -> new Invite(who.nextId(), room, who.username()),
                room -> new UpdateRoom(who.nextId(), room, "taken over", null),
                room -> new ArchiveRoom(who.nextId(), room),
                room -> new RemoveMember(who.nextId(), room, "alice"));
    }

    private static RoomInfo create(TestClient who, String name, String topic, boolean privateRoom) {
        return who.request(new CreateRoom(who.nextId(), name, topic, privateRoom ? "private" : null), Room.class).room();
    }

    private static RoomList rooms(TestClient who) {
        return who.request(new RoomsRequest(who.nextId()), RoomList.class);
    }

    private static List<String> members(TestClient who, Conversation room) {
        return who.request(new RoomMembersRequest(who.nextId(), room), RoomMembers.class).members();
    }

    private static List<ConversationInfo> conversations(TestClient who) {
        return who.request(new ConversationsRequest(who.nextId()), ConversationList.class).conversations();
    }

    private static HistoryPage history(TestClient who, Conversation room) {
        return who.request(new HistoryRequest(who.nextId(), room, null, null, null), HistoryPage.class);
    }

    private static List<SearchHit> search(TestClient who, String text) {
        return who.request(new Search(who.nextId(), text, null, null, null), SearchResults.class).hits();
    }
}
