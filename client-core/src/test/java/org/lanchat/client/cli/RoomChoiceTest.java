package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.Rooms;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;

/** A room typed by name: the one room of that name, or the one of them still open to messages. */
class RoomChoiceTest {
    @BeforeEach
    void speakEnglish() {
        Texts.use(Locale.ENGLISH);
    }

    private static RoomInfo room(int id, String name, boolean archived) {
        return new RoomInfo(Conversation.of("#" + id), name, null, "public", "dora", 2, archived);
    }

    /** Only {@code list()} is asked for; anything else would be a mistake of the class under test. */
    private static Rooms seeing(List<RoomInfo> joined, List<RoomInfo> open) {
        RoomList list = new RoomList("1", joined, open, false, null);
        return (Rooms) Proxy.newProxyInstance(Rooms.class.getClassLoader(), new Class<?>[] {Rooms.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("list")) {
                        return CompletableFuture.completedFuture(list);
                    }
                    throw new AssertionError("unexpected " + method.getName());
                });
    }

    @Test
    void aNewRoomTakingAnArchivedOnesNameIsTheOneMeant() {
        Rooms rooms = seeing(List.of(room(1, "Design", true), room(3, "Design", false)), List.of());
        assertThat(RoomChoice.resolve(rooms, "design")).isEqualTo(Conversation.of("#3"));
    }

    @Test
    void twoOpenRoomsOfOneNameAreStillAskedForByTheirNumber() {
        Rooms rooms = seeing(List.of(room(1, "Design", false)), List.of(room(3, "design", false), room(4, "Design", true)));
        assertThatThrownBy(() -> RoomChoice.resolve(rooms, "Design")).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("Several rooms are called \"Design\"").hasMessageContaining("#1, #3, #4");
    }

    @Test
    void twoArchivedRoomsOfOneNameAreAskedForByTheirNumber() {
        Rooms rooms = seeing(List.of(room(1, "Old", true), room(2, "Old", true)), List.of());
        assertThatThrownBy(() -> RoomChoice.resolve(rooms, "Old")).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("#1, #2");
    }

    @Test
    void aSingleArchivedRoomIsStillFoundByItsNameToBeRead() {
        Rooms rooms = seeing(List.of(room(1, "Old", true)), List.of());
        assertThat(RoomChoice.resolve(rooms, "old")).isEqualTo(Conversation.of("#1"));
    }
}
