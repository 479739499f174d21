package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomRequest.CreateRoom;
import org.lanchat.protocol.message.RoomRequest.Invite;
import org.lanchat.protocol.message.RoomRequest.JoinRoom;
import org.lanchat.protocol.message.RoomRequest.RoomsRequest;
import org.lanchat.protocol.message.RoomRequest.UpdateRoom;

/** Named rooms on the wire (PROTOCOL.md §3.7, §5.27 to §5.35, §6.20 to §6.23), as the spec's examples write them. */
class RoomsWireTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    @Test
    void aRoomIsNamedByHashAndItsDecimalId() {
        assertThat(Conversation.of("#12").roomId()).isEqualTo(12);
        assertThat(Conversation.room(12)).isEqualTo(Conversation.of("#12"));
        assertThat(Conversation.of("#12").isRoom()).isTrue();
        assertThat(Conversation.of("#12").isPrivate()).isFalse();
        assertThat(Conversation.of("#999999999999999999").roomId()).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest(name = "\"{0}\" is no conversation")
    @ValueSource(strings = {"#", "#0", "#012", "#-1", "#+1", "#1e3", "#general", "# 1", "#1 ", "#１２", "#1234567890123456789"})
    void everyOtherSpellingOfARoomIsRefused(String value) {
        assertThatThrownBy(() -> Conversation.of(value)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void requestsDecodeAsTheSpecWritesThem() {
        assertThat(decode("{\"type\":\"create_room\",\"id\":\"1\",\"name\":\"Design\",\"topic\":\"weekly sketches\",\"visibility\":\"private\"}"))
                .isEqualTo(new CreateRoom("1", "Design", "weekly sketches", "private"));
        assertThat(((CreateRoom) decode("{\"type\":\"create_room\",\"id\":\"1\",\"name\":\"Design\"}")).isPrivate())
                .as("public unless said otherwise").isFalse();
        assertThat(decode("{\"type\":\"rooms\",\"id\":\"2\"}")).isEqualTo(new RoomsRequest("2"));
        assertThat(decode("{\"type\":\"rooms\",\"id\":\"2\",\"after\":\"j12:Design: the team\",\"limit\":50}"))
                .isEqualTo(new RoomsRequest("2", "j12:Design: the team", 50));
        assertThat(RoomsCursor.parse("o7:Design: the team")).as("a name may hold the separator")
                .isEqualTo(new RoomsCursor(false, 7, "Design: the team"));
        assertThat(decode("{\"type\":\"room_members\",\"id\":\"3\",\"room\":\"#12\",\"after\":\"bob\",\"limit\":500}"))
                .isEqualTo(new RoomRequest.RoomMembersRequest("3", Conversation.room(12), "bob", 500));
        assertThat(decode("{\"type\":\"join_room\",\"id\":\"3\",\"room\":\"#12\"}"))
                .isEqualTo(new JoinRoom("3", Conversation.room(12)));
        assertThat(decode("{\"type\":\"invite\",\"id\":\"4\",\"room\":\"#12\",\"username\":\"bob\"}"))
                .isEqualTo(new Invite("4", Conversation.room(12), "bob"));
        assertThat(decode("{\"type\":\"update_room\",\"id\":\"5\",\"room\":\"#12\",\"topic\":\"\"}"))
                .isEqualTo(new UpdateRoom("5", Conversation.room(12), null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"type\":\"join_room\",\"id\":\"1\",\"room\":\"group\"}",
        "{\"type\":\"leave_room\",\"id\":\"1\",\"room\":\"@bob\"}",
        "{\"type\":\"create_room\",\"id\":\"1\",\"name\":\"a\\nb\"}",
        "{\"type\":\"create_room\",\"id\":\"1\",\"name\":\"x\",\"visibility\":\"secret\"}",
        "{\"type\":\"update_room\",\"id\":\"1\",\"room\":\"#1\"}",
        "{\"type\":\"room_members\",\"id\":\"1\",\"room\":\"#0\"}",
        "{\"type\":\"remove_member\",\"id\":\"1\",\"room\":\"#1\"}",
        "{\"type\":\"remove_member\",\"id\":\"1\",\"room\":\"#1\",\"username\":\"\"}",
        "{\"type\":\"invite\",\"id\":\"1\",\"room\":\"#1\",\"username\":\"\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"after\":\"j-5:x\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"after\":\"j0:x\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"after\":\"x12:Design\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"after\":\"j12\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"after\":\"j99999999999999999999:x\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"after\":\"j1:a\\nb\"}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"limit\":0}",
        "{\"type\":\"rooms\",\"id\":\"1\",\"limit\":-3}",
        "{\"type\":\"room_members\",\"id\":\"1\",\"room\":\"#1\",\"after\":\"../etc\"}",
        "{\"type\":\"room_members\",\"id\":\"1\",\"room\":\"#1\",\"after\":\"\"}",
        "{\"type\":\"room_members\",\"id\":\"1\",\"room\":\"#1\",\"limit\":0}",
    })
    void badRoomRequestsAreRefusedAtTheBoundary(String json) {
        assertThatThrownBy(() -> decode(json)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code())
                .isIn(ErrorCode.INVALID_FIELD, ErrorCode.MISSING_FIELD);
    }

    /**
     * A client written from the spec sent "#0" and was told 'conversation must be "group", "@" followed by a
     * username, or "#" followed by a room id': the wrong field, and values a room field never takes.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"type\":\"join_room\",\"id\":\"r3\",\"room\":\"#0\"}",
        "{\"type\":\"join_room\",\"id\":\"r3\",\"room\":\"#012\"}",
        "{\"type\":\"leave_room\",\"id\":\"r3\",\"room\":\"group\"}",
        "{\"type\":\"room_members\",\"id\":\"r3\",\"room\":\"x\"}",
        "{\"type\":\"archive_room\",\"id\":\"r3\",\"room\":\"#1234567890123456789\"}",
    })
    void aRoomFieldThatNamesNoRoomIsRefusedNamingTheRoomField(String json) {
        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).isEqualTo("field 'room' must be \"#\" followed by a room id");
            assertThat(e.requestId()).isEqualTo("r3");
        });
    }

    @Test
    void aNameLongerThan64UnitsIsRefused() {
        assertThat(decode("{\"type\":\"create_room\",\"id\":\"1\",\"name\":\"" + "字".repeat(64) + "\"}"))
                .isInstanceOf(CreateRoom.class);
        assertThatThrownBy(() -> decode("{\"type\":\"create_room\",\"id\":\"1\",\"name\":\"" + "字".repeat(65) + "\"}"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void repliesAndEventsEncodeAsTheSpecWritesThem() {
        RoomInfo design = new RoomInfo(Conversation.room(12), "Design", "weekly sketches", "public", "alice", 3, false);
        assertThat(encode(new RoomList("2", List.of(design), List.of()))).isEqualTo("{\"type\":\"rooms\",\"id\":\"2\","
                + "\"joined\":[{\"conversation\":\"#12\",\"name\":\"Design\",\"topic\":\"weekly sketches\","
                + "\"visibility\":\"public\",\"creator\":\"alice\",\"members\":3,\"archived\":false}],\"open\":[],"
                + "\"hasMore\":false}");
        assertThat(encode(new RoomList("2", List.of(), List.of(design), true, "o12:Design"))).as("a page with more to come")
                .endsWith("\"hasMore\":true,\"next\":\"o12:Design\"}");
        assertThat(encode(new RoomMessage.RoomMembers("3", Conversation.room(12), "alice", List.of("alice", "bob"), true)))
                .isEqualTo("{\"type\":\"room_members\",\"id\":\"3\",\"room\":\"#12\",\"creator\":\"alice\","
                        + "\"members\":[\"alice\",\"bob\"],\"hasMore\":true}");
        RoomEvent joined = new RoomEvent(Conversation.room(12), RoomEvent.JOINED, "bob", "bob", design);
        assertThat(encode(joined)).isEqualTo("{\"type\":\"room_event\",\"conversation\":\"#12\",\"change\":\"joined\","
                + "\"user\":\"bob\",\"by\":\"bob\",\"room\":{\"conversation\":\"#12\",\"name\":\"Design\","
                + "\"topic\":\"weekly sketches\",\"visibility\":\"public\",\"creator\":\"alice\",\"members\":3,"
                + "\"archived\":false}}");
        assertThat(codec.decodeServer(codec.encodeBody(joined))).isEqualTo(joined);
        assertThat(joined.replyId()).as("an event").isEmpty();
    }

    private ClientMessage decode(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(ServerMessage message) {
        return new String(codec.encodeBody(message), StandardCharsets.UTF_8);
    }
}
