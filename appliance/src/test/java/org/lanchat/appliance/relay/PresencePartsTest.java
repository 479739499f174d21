package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/** A presence change too large for one frame is told in parts that each fit and add up to it (§6.6). */
class PresencePartsTest {
    private static final int FRAME = FrameLimits.MIN_MAX_FRAME_BYTES;
    private final MessageCodec small = new MessageCodec(new FrameLimits(FRAME));

    @Test
    void aChangeThatFitsIsOneEventEqualToIt() {
        Presence change = new Presence(List.of("alice"), List.of("dave"), 3, Map.of("alice", "张伟"),
                Map.of("alice", UserState.of(PresenceState.BUSY, "lunch")));
        assertThat(PresenceParts.frames(change, small)).singleElement()
                .satisfies(frame -> assertThat(decode(frame)).isEqualTo(change));
    }

    @Test
    void aLargeChangeIsToldLeftFirstThenJoinedThenStatesEachPartCountingWhoIsOnlineOnceApplied() {
        List<String> before = names("stay", 5);
        List<String> left = names("gone", 20);
        List<String> joined = names("came", 20);
        List<String> restated = before.subList(0, 3);
        Map<String, String> displayNames = new HashMap<>();
        Map<String, UserState> states = new HashMap<>();
        joined.forEach(name -> displayNames.put(name, "Ольга " + name.substring(0, 8)));
        joined.subList(0, 4).forEach(name -> states.put(name, UserState.of(PresenceState.AWAY, "back at 3")));
        restated.forEach(name -> states.put(name, UserState.of(PresenceState.BUSY, null)));
        Set<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        online.addAll(before);
        online.addAll(left);
        int finalCount = before.size() + joined.size();
        Presence whole = new Presence(joined, left, finalCount, displayNames, states);

        List<byte[]> frames = PresenceParts.frames(whole, small);

        assertThat(frames).hasSizeGreaterThan(2).allSatisfy(frame -> assertThat(frame.length - 4).isLessThanOrEqualTo(FRAME));
        List<Presence> parts = frames.stream().map(this::decode).toList();
        List<String> order = new ArrayList<>();
        Map<String, String> toldNames = new HashMap<>();
        Map<String, UserState> toldStates = new HashMap<>();
        for (Presence part : parts) {
            online.removeAll(part.left());
            online.addAll(part.joined());
            assertThat(part.count()).as("the number online once %s is applied", part).isEqualTo(online.size());
            order.addAll(part.left().stream().map(name -> "left " + name).toList());
            order.addAll(part.joined().stream().map(name -> "joined " + name).toList());
            toldNames.putAll(part.displayNames());
            toldStates.putAll(part.states());
        }
        assertThat(online).containsExactlyInAnyOrderElementsOf(concat(before, joined));
        List<String> expectedOrder = new ArrayList<>(left.stream().map(name -> "left " + name).toList());
        expectedOrder.addAll(joined.stream().map(name -> "joined " + name).toList());
        assertThat(order).containsExactlyElementsOf(expectedOrder);
        assertThat(toldNames).isEqualTo(displayNames);
        assertThat(toldStates).isEqualTo(states);
        assertThat(parts.getLast().states()).as("the states alone come last").containsKeys(restated.toArray(String[]::new));
    }

    @Test
    void aUserWhoseEntryAloneDoesNotFitIsToldWithoutDisplayNameAndStatusText() {
        String name = "emoji-" + "e".repeat(26);
        String emoji = "\uD83D\uDE00"; // 12 bytes each as the appliance writes it, an escaped surrogate pair
        Presence change = new Presence(List.of(name), List.of(), 1, Map.of(name, emoji.repeat(32)),
                Map.of(name, UserState.of(PresenceState.BUSY, emoji.repeat(80))));

        Presence told = decode(PresenceParts.frames(change, small).getFirst());

        assertThat(told.joined()).containsExactly(name);
        assertThat(told.count()).isEqualTo(1);
        assertThat(told.displayNames()).isEmpty();
        assertThat(told.states()).containsEntry(name, UserState.of(PresenceState.BUSY, null));
    }

    private Presence decode(byte[] frame) {
        return (Presence) small.decodeServer(Arrays.copyOfRange(frame, 4, frame.length));
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-%02d-".formatted(i) + "x".repeat(24)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
