package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomRequest;

/**
 * {@link Rooms#list()} asks for every page (PROTOCOL.md §5.28; {@link Rooms#members} likewise, §5.35) and hands back one
 * list, so the CLI and the desktop see every room however many pages the appliance cuts it into.
 */
class RoomPagesClientTest {
    @TempDir
    Path dir;

    @Test
    void everyPageOfRoomsIsFetchedAndPutTogether() {
        // 8 000-byte frames hold one room a page (§5.28 "Page size"): five rooms come in five pages.
        try (LiveAppliance live = LiveAppliance.start(dir, config -> config.maxFrameBytes(8_000))) {
            TestClient carol = live.appliance().newUser("carol");
            ChatClient alice = live.user("alice", new EventRecorder());
            RoomInfo mine1 = alice.rooms().create("Budget", null, false).join();
            RoomInfo mine2 = alice.rooms().create("alpha", null, true).join();
            List<RoomInfo> carols = List.of("delta", "Charlie", "echo").stream()
                    .map(name -> carol.request(new RoomRequest.CreateRoom(carol.nextId(), name, null, null),
                            RoomMessage.Room.class).room())
                    .toList();
            Conversation budget = mine1.conversation();
            alice.rooms().invite(budget, "carol").join();

            RoomMessage.RoomList all = alice.rooms().list().join();

            assertThat(all.joined()).extracting(RoomInfo::name).containsExactly("alpha", "Budget");
            assertThat(all.open()).extracting(RoomInfo::name).containsExactly("Charlie", "delta", "echo");
            assertThat(all.open()).containsExactlyElementsOf(List.of(carols.get(1), carols.get(0), carols.get(2)));
            assertThat(all.hasMore()).isFalse();
            assertThat(alice.rooms().members(budget).join().members()).containsExactly("alice", "carol");
            assertThat(mine2.visibility()).isEqualTo("private");
        }
    }
}
