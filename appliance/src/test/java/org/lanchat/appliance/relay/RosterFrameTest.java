package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.net.RosterFrame;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ServerMessage;

/** The roster a new session gets is the announced one, encoded once per presence flush. */
class RosterFrameTest {
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);
    private final PresenceHub presence = new PresenceHub();
    private final RosterFrame frame = new RosterFrame(presence::roster, codec);

    @Test
    void sessionsBetweenTwoFlushesShareOneEncodedRoster() {
        presence.flush(List.of("alice", "bob"));
        byte[] first = frame.current();
        assertThat(frame.current()).isSameAs(first);
        assertThat(decode(first).users()).containsExactly("alice", "bob");
    }

    @Test
    void aFlushThatChangesTheRosterIsEncodedAfresh() {
        presence.flush(List.of("alice"));
        byte[] before = frame.current();
        presence.flush(List.of("Bob"));
        Roster after = decode(frame.current());
        assertThat(after.users()).containsExactly("Bob");
        assertThat(after.count()).isEqualTo(1);
        assertThat(after.id()).as("an event, not a reply").isNull();
        assertThat(decode(before).users()).containsExactly("alice");
    }

    private Roster decode(byte[] frame) {
        byte[] body = Arrays.copyOfRange(frame, 4, frame.length); // after the 4-byte length
        ServerMessage message = codec.decodeServer(body);
        assertThat(message).isInstanceOf(Roster.class);
        return (Roster) message;
    }
}
