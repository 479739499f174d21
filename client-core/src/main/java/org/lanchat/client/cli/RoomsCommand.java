package org.lanchat.client.cli;

import java.time.ZoneId;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanchat rooms}: the rooms the user is in, then the public rooms they may join (PROTOCOL.md §6.21). */
@Command(name = "rooms")
final class RoomsCommand extends ChatCommand {
    @Option(names = "--json", descriptionKey = "lanchat.rooms.json")
    boolean json;

    RoomsCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        try (SignedIn signedIn = access().open(Access.How.SIGNED_IN, null, null, null)) {
            RoomList rooms = signedIn.client().rooms().list().join();
            Lines lines = new Lines(json, ZoneId.systemDefault());
            rooms.joined().forEach(room -> out().println(lines.room(room, true)));
            rooms.open().forEach(room -> out().println(lines.room(room, false)));
            if (!json && rooms.joined().isEmpty() && rooms.open().isEmpty()) {
                err().println(Texts.text("rooms.none"));
            }
        }
        return Exit.OK;
    }
}
