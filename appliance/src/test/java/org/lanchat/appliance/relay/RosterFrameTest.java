package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.net.RosterFrame;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.Roster;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.ServerMessage;

/** The roster a new session gets is the announced one, encoded once per presence flush, in parts when it must be (§6.7). */
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

    @Test
    void aRosterLargerThanOneFrameIsPartsThatEachFitAndTogetherListEveryoneWithTheirNamesAndStates() {
        MessageCodec small = new MessageCodec(new FrameLimits(FrameLimits.MIN_MAX_FRAME_BYTES));
        PresenceStates states = new PresenceStates();
        List<String> everyone = IntStream.range(0, 40).mapToObj(i -> "user-%02d-".formatted(i) + "u".repeat(24)).toList();
        everyone.subList(0, 10).forEach(user -> states.set(user, UserState.of(PresenceState.AWAY, "back at 3")));
        RosterFrame roster = new RosterFrame(presence::roster, small,
                RosterFrame.DisplayNames.of(user -> Optional.of("Ольга " + user.substring(0, 7)), () -> 1), states);
        presence.flush(everyone);

        List<Roster> parts = parts(roster.current(), small);

        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(part -> assertThat(part.more()).isTrue());
        assertThat(parts.getLast().more()).isFalse();
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.count()).isEqualTo(40);
            assertThat(part.id()).isNull();
            part.users().forEach(user -> assertThat(part.displayNames()).containsEntry(user, "Ольга " + user.substring(0, 7)));
        });
        assertThat(parts.stream().flatMap(part -> part.users().stream()).toList()).containsExactlyElementsOf(everyone);
        Map<String, UserState> told = new HashMap<>();
        parts.forEach(part -> told.putAll(part.states()));
        assertThat(told).hasSize(10).containsEntry(everyone.getFirst(), UserState.of(PresenceState.AWAY, "back at 3"));
    }

    /** Splits concatenated frames, checking each against the limit the appliance was given. */
    private static List<Roster> parts(byte[] frames, MessageCodec codec) {
        List<Roster> parts = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(frames);
        while (in.hasRemaining()) {
            byte[] body = new byte[in.getInt()];
            assertThat(body.length).isLessThanOrEqualTo(codec.limits().maxFrameBytes());
            in.get(body);
            parts.add((Roster) codec.decodeServer(body));
        }
        return parts;
    }

    private Roster decode(byte[] frame) {
        byte[] body = Arrays.copyOfRange(frame, 4, frame.length); // after the 4-byte length
        ServerMessage message = codec.decodeServer(body);
        assertThat(message).isInstanceOf(Roster.class);
        return (Roster) message;
    }
}
